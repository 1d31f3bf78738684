// Caches are hints, never truth (issue 29, item 2): an entry that was edited or damaged is a
// miss, never a crash or a wrong output; verify rebuilds with no cache and compares every file of
// the output folder byte for byte; damaged files of the user's cache are replaced, and doctor
// checks them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, readdir, rm, stat, truncate, writeFile, appendFile, open } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/core/build.js';
import { verify } from '../../src/core/verify.js';
import { FRONT, captureIo, runCli, tempDir, tempProject } from './helpers.js';

const SOURCE = { 'bulletins/001.md': `${FRONT}\n# 标题\n\n正文。\n` };

/**
 * A project with a font of its own (黑体 from a file in the project): the default faces ship
 * prepared with the package, with their cmaps, so only a project's own font makes a cmap, a
 * print cut and their records in the user cache.
 */
async function projectWithOwnFont(): Promise<string> {
  const font = await readFile(path.join(process.cwd(), 'fonts/print/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular-gb2312.ttf'));
  return tempProject({ ...SOURCE, 'bulletin.config.yaml': 'fonts:\n  hei:\n    file: fonts/hei.ttf\n', 'fonts/hei.ttf': font });
}

async function builtProject(): Promise<string> {
  const dir = await tempProject(SOURCE);
  const result = await build({ io: captureIo(dir), formats: ['html'] });
  expect(result.exitCode).toBe(0);
  return dir;
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = change(before);
  expect(after, `no change made to ${file}`).not.toBe(before);
  await writeFile(file, after);
}

/** Issue 1 → 99 wherever the number is written, plain or inside a JSON string. */
const ISSUE_99 = (text: string) => text.replace(/(\\?"issue\\?":\s*)1,/g, '$199,');

describe('the kept analysis (dist/.bulletin-analysis.json)', () => {
  it('an edited number is a miss: the issue is built from its source (第1期), not from the cache (第99期)', async () => {
    const dir = await builtProject();
    await edit(path.join(dir, 'dist', '.bulletin-analysis.json'), ISSUE_99);
    await rm(path.join(dir, 'dist', '001.html'));
    const again = await build({ io: captureIo(dir), formats: ['html'] });
    expect(again.exitCode).toBe(0);
    const page = await readFile(path.join(dir, 'dist', '001.html'), 'utf8');
    expect(page).toContain('第1期');
    expect(page).not.toContain('第99期');
    expect(await readFile(path.join(dir, 'dist', 'manifest.json'), 'utf8')).not.toMatch(/"issue":\s*99/);
  });

  it('a damaged entry (wrong types under a valid key) is a miss, not a crash', async () => {
    const dir = await builtProject();
    const file = path.join(dir, 'dist', '.bulletin-analysis.json');
    const key = /\\?"key\\?":\s*\\?"([0-9a-f]{64})/.exec(await readFile(file, 'utf8'))![1];
    await writeFile(file, JSON.stringify({ version: 1, sources: { [path.join(dir, 'bulletins', '001.md')]: { key, messages: 'x', bulletin: 5, frontMatter: { issue: 'a' }, lines: 7 } } }));
    await rm(path.join(dir, 'dist', '001.html'));
    const again = await build({ io: captureIo(dir), formats: ['html'] });
    expect(again.error).toBeUndefined();
    expect(again.exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'dist', '001.html'), 'utf8')).toContain('第1期');
  });
});

describe('the build cache (dist/.bulletin-cache.json)', () => {
  it('an edited number is a miss: manifest and index say 1, not 99', async () => {
    const dir = await builtProject();
    await edit(path.join(dir, 'dist', '.bulletin-cache.json'), ISSUE_99);
    const again = await build({ io: captureIo(dir), formats: ['html'] });
    expect(again.exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'dist', 'manifest.json'), 'utf8')).not.toMatch(/"issue":\s*99/);
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).not.toContain('第99期');
  });

  it('an entry pointing outside the output folder (whose bytes are there) is a miss: nothing links outside', async () => {
    const dir = await builtProject();
    await cp(path.join(dir, 'dist', '001.html'), path.join(dir, '001.html'));
    await edit(path.join(dir, 'dist', '.bulletin-cache.json'), (t) => t.replace(/(\\?"path\\?":\s*\\?")001\.html/, '$1../001.html'));
    const again = await build({ io: captureIo(dir), formats: ['html'] });
    expect(again.exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'dist', 'manifest.json'), 'utf8')).not.toContain('../');
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).not.toContain('../001.html');
  });

  it('a damaged entry (its outputs not objects, under the right key) is a miss, not a crash', async () => {
    const dir = await builtProject();
    const file = path.join(dir, 'dist', '.bulletin-cache.json');
    const key = /\\?"key\\?":\s*\\?"([0-9a-f]{64})/.exec(await readFile(file, 'utf8'))![1];
    await writeFile(file, JSON.stringify({ version: 1, issues: { 'bulletins/001.md': { key, entry: { source: 'bulletins/001.md', html: 5 } } } }));
    const again = await build({ io: captureIo(dir), formats: ['html'] });
    expect(again.error).toBeUndefined();
    expect(again.exitCode).toBe(0);
  });
});

describe('verify rebuilds with no cache and compares every file', () => {
  it('reports a hand-edited issue page the manifest does not know of', async () => {
    const dir = await builtProject();
    await appendFile(path.join(dir, 'dist', '001.html'), '<!-- edited -->');
    const result = await verify({ io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    expect(result.differences.map((d) => d.file ?? d.source)).toContain('001.html');
  });

  it('reports a hand-edited listing page and manifest', async () => {
    const dir = await builtProject();
    await edit(path.join(dir, 'dist', 'index.html'), (t) => t.replace('第1期', '第99期'));
    await edit(path.join(dir, 'dist', 'manifest.json'), ISSUE_99);
    const result = await verify({ io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    const files = result.differences.map((d) => d.file);
    expect(files).toContain('index.html');
    expect(files).toContain('manifest.json');
  });

  it('does not rebuild from an edited analysis cache: the outputs are found true, the edited cache is reported', async () => {
    const dir = await builtProject();
    await edit(path.join(dir, 'dist', '.bulletin-analysis.json'), ISSUE_99);
    const result = await verify({ io: captureIo(dir) });
    expect(result.differences.filter((d) => d.kind !== 'cache')).toEqual([]);
    expect(result.differences).toContainEqual(expect.objectContaining({ kind: 'cache', file: '.bulletin-analysis.json' }));
    expect(result.exitCode).toBe(1);
  });

  it('lists a file the sources do not build to (an old font slice), without failing', async () => {
    const dir = await builtProject();
    await writeFile(path.join(dir, 'dist', 'assets', 'old-slice.woff2'), 'left by an earlier build');
    const result = await verify({ io: captureIo(dir) });
    expect(result.differences).toEqual([]);
    expect(result.extra).toEqual(['assets/old-slice.woff2']);
    expect(result.exitCode).toBe(0);
  });

  it('the CLI names the file that differs', async () => {
    const dir = await builtProject();
    await appendFile(path.join(dir, 'dist', '001.html'), '<!-- edited -->');
    const r = await runCli(['verify'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dist/001.html');
  });
});

describe('the user’s cache', () => {
  const saved = process.env.XDG_CACHE_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    vi.resetModules();
  });

  it('a damaged cmap (claiming every character) is read from the font again, and rewritten', async () => {
    process.env.XDG_CACHE_HOME = await tempDir('bulletin-xdg-');
    const font = path.join(process.cwd(), 'node_modules', '@fontsource', 'noto-serif-sc', 'files', (await readdir('node_modules/@fontsource/noto-serif-sc/files')).find((f) => f.endsWith('.woff2'))!);
    const first = await (await import('../../src/fonts/coverage.js')).characterSetOf(font);
    const folder = path.join(process.env.XDG_CACHE_HOME, 'bulletin', 'cmaps-v2');
    const [name] = await readdir(folder);
    await writeFile(path.join(folder, name!), '[0,1114111]');
    vi.resetModules();
    const again = await (await import('../../src/fonts/coverage.js')).characterSetOf(font);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(again.has(0x10fff0)).toBe(false);
    expect(await readFile(path.join(folder, name!), 'utf8')).not.toBe('[0,1114111]');
  });

  it('a compiled template that was altered is compiled again, not run', async () => {
    const xdg = await tempDir('bulletin-xdg-');
    const dir = await tempProject(SOURCE);
    const env = { XDG_CACHE_HOME: xdg };
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(process.cwd(), 'bin', 'bulletin.js'), ...args], { cwd: dir, env: { ...process.env, ...env, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(run(['build', '--format', 'html']).status).toBe(0);
    const folder = path.join(xdg, 'bulletin', 'templates-v2');
    const files = (await readdir(folder)).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) await writeFile(path.join(folder, f), 'function root(env, context, frame, runtime, cb) { cb(null, "EVIL-TEMPLATE"); }\nreturn { root: root };\n');
    const again = run(['build', '--format', 'html', '--force']);
    expect(again.status).toBe(0);
    expect(await readFile(path.join(dir, 'dist', '001.html'), 'utf8')).not.toContain('EVIL-TEMPLATE');
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).not.toContain('EVIL-TEMPLATE');
  });

  it('doctor finds damaged files of the user cache and removes them', async () => {
    const xdg = await tempDir('bulletin-xdg-');
    const dir = await projectWithOwnFont();
    const io = captureIo(dir);
    io.env.XDG_CACHE_HOME = xdg;
    const r = spawnSync(process.execPath, [path.join(process.cwd(), 'bin', 'bulletin.js'), 'build', '--format', 'html'], { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: xdg }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const cmaps = path.join(xdg, 'bulletin', 'cmaps-v2');
    const [cmap] = await readdir(cmaps);
    await writeFile(path.join(cmaps, cmap!), '[0,1114111]');
    const templates = path.join(xdg, 'bulletin', 'templates-v2');
    const [template] = (await readdir(templates)).filter((f) => f.endsWith('.js'));
    await truncate(path.join(templates, template!), 10);
    const { doctor } = await import('../../src/core/doctor.js');
    const report = await doctor({ io, system: { platform: 'win32', arch: 'x64', env: {}, homedir: 'C:\\Users\\editor', isExecutable: () => false, list: () => [], hasBundled: () => false } });
    expect(report.caches.damaged.map((d) => path.basename(d))).toEqual(expect.arrayContaining([cmap, template]));
    expect(existsSync(path.join(cmaps, cmap!))).toBe(false);
    expect(existsSync(path.join(templates, template!))).toBe(false);
  });
});

describe('the user’s cache: fonts and the bundled Chromium (PDF)', () => {
  const canPrint = process.platform === 'linux' && process.arch === 'x64';

  it.skipIf(!canPrint)('a damaged prepared print font is prepared again; a damaged Chromium is unpacked again', async () => {
    const xdg = await tempDir('bulletin-xdg-');
    const dir = await projectWithOwnFont();
    const env = { ...process.env, XDG_CACHE_HOME: xdg, NO_COLOR: '1' };
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(process.cwd(), 'bin', 'bulletin.js'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 180_000 });
    const first = run(['build', '--format', 'pdf']);
    expect(first.status, first.stderr).toBe(0);
    // A font cut short (a full disk, a killed copy) and a Chromium whose binary is damaged.
    const fonts = path.join(xdg, 'bulletin', 'fonts-v1');
    for (const f of (await readdir(fonts)).filter((n) => n.endsWith('.ttf'))) await truncate(path.join(fonts, f), 1000);
    const [chromiumDir] = (await readdir(path.join(xdg, 'bulletin'))).filter((n) => n.startsWith('chromium-') && !n.includes('staging'));
    const binary = path.join(xdg, 'bulletin', chromiumDir!, 'chromium');
    const size = (await stat(binary)).size;
    const handle = await open(binary, 'r+');
    await handle.write(Buffer.alloc(4096, 0), 0, 4096, 0);
    await handle.close();
    expect((await stat(binary)).size).toBe(size);
    const again = run(['build', '--format', 'pdf', '--force']);
    expect(again.status, again.stderr).toBe(0);
    for (const f of (await readdir(fonts)).filter((n) => n.endsWith('.ttf'))) expect((await stat(path.join(fonts, f))).size).toBeGreaterThan(100_000);
    const head = Buffer.alloc(4);
    const h = await open(binary, 'r');
    await h.read(head, 0, 4, 0);
    await h.close();
    expect(head.toString('latin1')).toBe('\x7fELF');
  });
});

describe('a bundled Chromium copy that does not start', () => {
  const canUnpack = process.platform === 'linux' && process.arch === 'x64';

  /** Launches with puppeteer's launch stood in for: each call takes the next outcome. */
  async function launchWith(env: Record<string, string | undefined>, outcomes: Array<() => never>): Promise<{ error: unknown; calls: number }> {
    const puppeteer = (await import('puppeteer-core')).default;
    const { launchBrowser } = await import('../../src/browser/browser.js');
    let calls = 0;
    const launch = vi.spyOn(puppeteer, 'launch').mockImplementation(async () => outcomes[calls++]!());
    try {
      return { error: await launchBrowser({ env }).catch((e: unknown) => e), calls };
    } finally {
      launch.mockRestore();
    }
  }

  it.skipIf(!canUnpack)('damaged in place (size and time kept): found by its hashes when it fails, unpacked again and started once more', async () => {
    const env = { HOME: process.env.HOME, XDG_CACHE_HOME: await tempDir('bulletin-xdg-') };
    const { bundledChromium } = await import('../../src/browser/bundled.js');
    const { dir } = await bundledChromium(env);
    const binary = path.join(dir, 'chromium');
    const before = await stat(binary);
    const handle = await open(binary, 'r+');
    await handle.write(Buffer.alloc(4096, 0), 0, 4096, 0);
    await handle.close();
    const { utimes } = await import('node:fs/promises');
    await utimes(binary, before.atime, before.mtime);
    const { error, calls } = await launchWith(env, [
      () => {
        throw new Error('Failed to launch the browser process!');
      },
      () => {
        throw new Error('stop here');
      },
    ]);
    expect(calls).toBe(2);
    expect(String((error as Error).message)).toContain('stop here');
    const head = Buffer.alloc(4);
    const h = await open(binary, 'r');
    await h.read(head, 0, 4, 0);
    await h.close();
    expect(head.toString('latin1')).toBe('\x7fELF');
  });

  it.skipIf(!canUnpack)('whole but failing: BundledBrowserFailed says the copy was checked and how to list missing libraries, not “npm ci”', async () => {
    const env = { HOME: process.env.HOME, XDG_CACHE_HOME: await tempDir('bulletin-xdg-') };
    const { error, calls } = await launchWith(env, [
      () => {
        throw new Error('error while loading shared libraries: libnss3.so');
      },
    ]);
    expect(calls).toBe(1);
    expect((error as { errorName?: string }).errorName).toBe('BundledBrowserFailed');
    const { describeError } = await import('../../src/diagnostics/errors.js');
    const zh = describeError(error, false, 'zh');
    expect(zh).toContain('libnss3.so');
    expect(zh).toMatch(/ldd .*chromium-[^/]+\/chromium \| grep "not found"/);
    expect(zh).not.toContain('npm ci');
    expect(describeError(error, false, 'en')).toContain('were checked one by one and are whole');
  });
});
