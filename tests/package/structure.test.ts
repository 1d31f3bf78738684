// The structure drawn from the imports: cli → core → pipeline → (model, diagnostics), with no
// arrow back up. Each folder of src/ has a layer; an import may only point to its own folder or
// to a lower layer, and no two folders import each other.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Higher imports lower; never the reverse. */
const LAYER: Record<string, number> = {
  'paths.ts': 0,
  'version.ts': 0,
  model: 0,
  diagnostics: 0,
  text: 0,
  layout: 0,
  pdfa: 0,
  config: 1,
  lint: 1,
  fonts: 1,
  browser: 1,
  import: 1,
  ofd: 1,
  pipeline: 2,
  'catalogue.ts': 2,
  archive: 3,
  core: 4,
  preview: 4,
  docs: 4,
  cli: 5,
  'index.ts': 5,
};

function edges(): Array<{ from: string; to: string; file: string }> {
  const out: Array<{ from: string; to: string; file: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
          const target = path.resolve(path.dirname(full), m[1]!);
          const unit = (p: string) => path.relative(SRC, p).split(path.sep)[0]!.replace(/\.js$/, '.ts');
          out.push({ from: unit(full), to: unit(target), file: path.relative(SRC, full) });
        }
      }
    }
  };
  walk(SRC);
  return out;
}

describe('the structure of src/', () => {
  const all = edges();

  it('gives every folder a layer', () => {
    const units = new Set(all.flatMap((e) => [e.from, e.to]));
    for (const unit of units) expect(LAYER[unit], `${unit} has no layer`).toBeDefined();
  });

  it('imports only downwards: core → pipeline → (model, diagnostics), nothing back up', () => {
    const up = all.filter((e) => e.from !== e.to && (LAYER[e.to] ?? 0) > (LAYER[e.from] ?? 0)).map((e) => `${e.file} → ${e.to}`);
    expect(up).toEqual([]);
  });

  it('has no two folders importing each other', () => {
    const pairs = new Set(all.filter((e) => e.from !== e.to).map((e) => `${e.from}→${e.to}`));
    const cycles = [...pairs].filter((p) => pairs.has(p.split('→').reverse().join('→')));
    expect(cycles).toEqual([]);
  });
});
