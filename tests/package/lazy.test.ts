// Start-up stays fast only while commands load what they use: this records every module a run
// of the compiled CLI resolves (a resolution hook) and names the heavy ones it must not touch.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const HOOK = pathToFileURL(path.join(import.meta.dirname, 'loadlog-hook.mjs')).href;
const REGISTER = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(HOOK)});`;

let project = '';
/** A cache folder of this test's own, so the first run is cold whatever the machine has. */
let cache = '';
beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'bulletin-lazy-'));
  cache = await mkdtemp(path.join(tmpdir(), 'bulletin-lazy-cache-'));
  await cp(path.join(ROOT, 'bulletins'), path.join(project, 'bulletins'), { recursive: true });
});

const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/**
 * The npm packages a run of `bulletin …args` loaded, by name: those resolved from node_modules,
 * and those bundled into the chunks of dist-lib it loaded (read off each chunk's source map).
 */
async function packagesLoaded(args: string[]): Promise<Set<string>> {
  return new Set([...(await modulesLoaded(args))].flatMap((m) => PACKAGE.exec(m)?.[1] ?? []));
}

/** The modules (resolved files, and the sources bundled into the dist-lib chunks loaded) of a run. */
async function modulesLoaded(args: string[]): Promise<Set<string>> {
  const log = path.join(project, `load-${args.join('-').replace(/\W+/g, '_')}.log`);
  await run(process.execPath, ['--import', REGISTER, path.join(ROOT, 'bin/bulletin.js'), ...args], { cwd: project, env: { ...process.env, XDG_CACHE_HOME: cache, BULLETIN_LOADLOG: log } });
  const urls = (await readFile(log, 'utf8')).split('\n');
  const loaded = new Set(urls.filter(Boolean));
  for (const url of urls) {
    if (!url.startsWith('file:') || !url.includes('/dist-lib/') || !url.endsWith('.js')) continue;
    const map = JSON.parse(await readFile(`${fileURLToPath(url)}.map`, 'utf8')) as { sources: string[] };
    for (const source of map.sources) loaded.add(source);
  }
  return loaded;
}

const HEAVY = ['puppeteer-core', '@sparticuz/chromium', '@cantoo/pdf-lib', 'pdfjs-dist', 'fontkit', 'opencc-js', 'iconv-lite', 'docx', 'mammoth', 'subset-font', 'chokidar'];

describe('start-up loads only what a command uses', () => {
  it('--version loads no package at all, not even the CLI', async () => {
    const loaded = await packagesLoaded(['--version']);
    expect([...loaded]).toEqual([]);
  });

  it('an HTML build reads no font with fontkit, not even the first on an empty cache: the default faces’ cmaps ship with the package (fonts/cmaps.json)', async () => {
    expect((await packagesLoaded(['build', '--format', 'html', '--out', 'dist-cold'])).has('fontkit')).toBe(false);
    expect((await packagesLoaded(['build', '--format', 'html', '--out', 'dist-warm'])).has('fontkit')).toBe(false);
  });

  it('check loads neither the templates (nunjucks) nor the classic build of zod (518 KB; the schemas use zod/mini)', async () => {
    const loaded = [...(await modulesLoaded(['check']))];
    expect(loaded.filter((m) => /node_modules\/nunjucks\/|node_modules\/zod\/v4\/classic\//.test(m))).toEqual([]);
    // It does validate with zod (its mini build): the check above looks at modules that are there.
    expect(loaded.some((m) => /node_modules\/zod\/v4\/mini\//.test(m))).toBe(true);
  });

  it('check and an HTML build load none of the browser, PDF, font or import modules', async () => {
    for (const args of [['check'], ['build', '--format', 'html']]) {
      const loaded = await packagesLoaded(args);
      expect(HEAVY.filter((p) => loaded.has(p)), args.join(' ')).toEqual([]);
    }
  });

  it('a PDF build loads the browser (bundled into a chunk of its own: the source maps name it), and no PDF library: Chromium’s file is edited in place', async () => {
    const loaded = await packagesLoaded(['build', 'bulletins/2022/001.md', '--format', 'pdf']);
    expect(loaded.has('puppeteer-core')).toBe(true);
    expect(loaded.has('@cantoo/pdf-lib')).toBe(false);
  });

  it('a PDF build after the bundled Chromium is unpacked loads neither its package nor a WebSocket client (the browser is on a pipe)', async () => {
    await packagesLoaded(['build', 'bulletins/2022/001.md', '--format', 'pdf', '--out', 'dist-unpack']);
    const loaded = await packagesLoaded(['build', 'bulletins/2022/001.md', '--format', 'pdf', '--out', 'dist-unpacked']);
    expect(loaded.has('puppeteer-core')).toBe(true);
    expect(['@sparticuz/chromium', 'ws', 'tar-fs', 'follow-redirects'].filter((p) => loaded.has(p))).toEqual([]);
  });
});
