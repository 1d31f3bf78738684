// A first run says what it is doing before it does it: the events that announce unpacking the
// bundled Chromium and cutting print fonts come before that work starts (seen by what is on disk
// when they arrive, never by timing), then as it goes; the CLI tells them in the user's language.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledChromiumDir } from '../../src/browser/bundled.js';
import { build, type BuildEvent } from '../../src/core/build.js';
import { resolveFonts } from '../../src/fonts/fonts.js';
import { printFonts } from '../../src/fonts/printFonts.js';
import { defaultConfig } from '../../src/config/schema.js';
import { bulletin } from '../helpers/cli.js';
import { captureIo, tempProject } from '../helpers/project.js';

const require = createRequire(import.meta.url);
const ISSUE = readFileSync(path.resolve(import.meta.dirname, '../../bulletins/2022/001.md'), 'utf8');
const hasBundled = process.platform === 'linux' && process.arch === 'x64' && (() => {
  try {
    require.resolve('@sparticuz/chromium');
    return true;
  } catch {
    return false;
  }
})();

const freshCache = () => mkdtemp(path.join(tmpdir(), 'bulletin-first-run-'));

describe.skipIf(!hasBundled)('a first run with the bundled Chromium', () => {
  it('tells “unpacking the browser” before the browser is there, and again once it is, before any issue', async () => {
    const env = { ...process.env, XDG_CACHE_HOME: await freshCache() };
    const executable = path.join(bundledChromiumDir(env), 'chromium');
    const seen: Array<{ event: BuildEvent; unpacked: boolean }> = [];
    const dir = await tempProject({ 'bulletins/2022/001.md': ISSUE });
    const result = await build({ io: captureIo(dir, env), formats: ['pdf'], onEvent: (event) => seen.push({ event, unpacked: existsSync(executable) }) });
    expect(result.exitCode).toBe(0);
    const prepare = seen.filter((s) => s.event.type === 'prepare');
    expect(prepare.map((s) => s.event)).toEqual([
      { type: 'prepare', step: 'browser', done: 0, total: 1 },
      { type: 'prepare', step: 'browser', done: 1, total: 1 },
    ]);
    // Told while nothing was unpacked yet; the second when it was.
    expect(prepare.map((s) => s.unpacked)).toEqual([false, true]);
    expect(seen.findIndex((s) => s.event.type === 'prepare')).toBeLessThan(seen.findIndex((s) => s.event.type === 'issue'));

    // A second run has nothing to prepare and says nothing of it.
    const again: BuildEvent[] = [];
    await build({ io: captureIo(dir, env), formats: ['pdf'], force: true, onEvent: (e) => again.push(e) });
    expect(again.filter((e) => e.type === 'prepare')).toEqual([]);
  });

  it('the CLI says it on standard error, in Chinese and in English, before the issue lines', async () => {
    for (const [lang, text] of [['zh', '首次使用：解压浏览器'], ['en', 'First use: unpacking the browser']] as const) {
      const dir = await tempProject({ 'bulletins/2022/001.md': ISSUE });
      const made = await bulletin(dir, ['build', '--format', 'pdf', '--lang', lang], { ...process.env, XDG_CACHE_HOME: await freshCache() });
      expect(made.code).toBe(0);
      expect(made.stderr).toContain(text);
      expect(made.stdout).not.toContain(text);
    }
  });
});

describe('a first run with a font of the project’s own', () => {
  it('tells “preparing print fonts 0/2” before a cut is made, then 1/2 and 2/2; the default faces need none (shipped prepared)', async () => {
    const env = { ...process.env, XDG_CACHE_HOME: await freshCache() };
    const cuts = path.join(env.XDG_CACHE_HOME, 'bulletin', 'fonts-v1');
    const own = require.resolve('@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-300-normal.woff2');
    const config = { ...defaultConfig, fonts: { ...defaultConfig.fonts, kai: { file: own } } };
    const told: Array<{ done: number; total: number; cutsOnDisk: number }> = [];
    await printFonts(resolveFonts(config, process.cwd()), env, (p) => {
      expect(p.step).toBe('fonts');
      told.push({ done: p.done, total: p.total, cutsOnDisk: existsSync(cuts) ? readdirSync(cuts).filter((f) => f.endsWith('.ttf')).length : 0 });
    });
    expect(told.map(({ done, total }) => `${done}/${total}`)).toEqual(['0/2', '1/2', '2/2']);
    expect(told[0]!.cutsOnDisk).toBe(0);
    expect(readdirSync(cuts).filter((f) => f.endsWith('.ttf'))).toHaveLength(2);

    // The default faces come prepared with the package: nothing to cut, nothing told.
    const quiet: unknown[] = [];
    await printFonts(resolveFonts(defaultConfig, process.cwd()), { ...process.env, XDG_CACHE_HOME: await freshCache() }, (p) => quiet.push(p));
    expect(quiet).toEqual([]);
  });
});
