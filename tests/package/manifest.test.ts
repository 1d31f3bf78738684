// What package.json asks npm to install: only what dist-lib loads from node_modules at run time.
// A package bundled into dist-lib (its sources appear in the chunks' source maps) is a
// development dependency; the bundled Chromium is optional (it runs on Linux x64 only), and so is
// @napi-rs/canvas (pdf.js, bundled, takes DOMMatrix from it to read a PDF's drawing for OFD; a
// native package with builds for most systems); no dependency wants a newer Node than the
// package's engines allow.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
};

/** The npm packages whose sources esbuild bundled into dist-lib (from every chunk's source map). */
function bundledPackages(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js.map')) {
        for (const source of (JSON.parse(readFileSync(full, 'utf8')) as { sources: string[] }).sources) {
          const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
          if (m) out.add(m[1]!);
        }
      }
    }
  };
  walk(path.join(ROOT, 'dist-lib'));
  return out;
}

describe('package.json', () => {
  let bundled: Set<string>;
  beforeAll(() => {
    bundled = bundledPackages();
  });

  it('declares no package that is bundled into dist-lib as a dependency (they are development dependencies)', () => {
    // The source maps do name the big ones: the check looks at something that is there.
    for (const name of ['puppeteer-core', 'nunjucks', 'docx', '@cantoo/pdf-lib', 'zod']) expect(bundled.has(name), name).toBe(true);
    // pdf.js maps to its own sources (webpack://…), not to node_modules: its worker's chunk shows it is bundled.
    expect(readdirSync(path.join(ROOT, 'dist-lib/chunks')).some((f) => /^pdf\.worker-.*\.js$/.test(f))).toBe(true);
    bundled.add('pdfjs-dist');
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})];
    expect(declared.filter((d) => bundled.has(d))).toEqual([]);
  });

  it('declares every package dist-lib imports at run time (its externals), and the bundled Chromium and pdf.js’s canvas as optional only', () => {
    const bundle = readFileSync(path.join(ROOT, 'scripts/bundle.mjs'), 'utf8');
    const external = [.../const external = \[([^\]]*)\]/.exec(bundle)![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const runtime = external.filter((name) => name !== '@sparticuz/chromium' && name !== 'mammoth');
    expect(runtime.filter((name) => !(name in pkg.dependencies))).toEqual([]);
    expect(pkg.optionalDependencies).toEqual({ '@sparticuz/chromium': expect.any(String), '@napi-rs/canvas': expect.any(String) });
    expect(Object.keys(pkg.dependencies).filter((d) => d in pkg.optionalDependencies!)).toEqual([]);
  });

  it('ships the prepared fonts, no source maps, and builds when packed (prepack), not on every install', () => {
    expect(pkg.files).toContain('fonts');
    expect(pkg.files).toContain('!dist-lib/**/*.map');
    expect(pkg.scripts.prepack).toMatch(/npm run build/);
    expect(Object.keys(pkg.scripts).filter((s) => ['prepare', 'preinstall', 'install', 'postinstall'].includes(s))).toEqual([]);
  });

  it('has no dependency (installed from it) that wants a newer Node than its engines allow', () => {
    const floor = /^>=(\d+)\.(\d+)/.exec(pkg.engines.node)!.slice(1).map(Number) as [number, number];
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; engines?: { node?: string } }> };
    const tooNew = Object.entries(lock.packages)
      .filter(([where, p]) => where && !p.dev && p.engines?.node)
      .filter(([, p]) => {
        // A range whose every alternative starts above the floor (“^22 || ^24”, “>=22”) leaves it out.
        return p.engines!.node!.split('||').every((alt) => {
          const m = /(\d+)(?:\.(\d+))?/.exec(alt);
          if (!m) return false;
          const [major, minor] = [Number(m[1]), Number(m[2] ?? 0)];
          return major > floor[0] || (major === floor[0] && minor > floor[1] && !/^\s*\^/.test(alt));
        });
      })
      .map(([where, p]) => `${where} ${p.engines!.node}`);
    expect(tooNew).toEqual([]);
  });
});
