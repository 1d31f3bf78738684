// The Chromium shipped in the npm package is unpacked per user and version, atomically; a
// broken copy (a killed unpack, another user's file) is replaced rather than launched.
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { bundledChromium, bundledChromiumDir, isExecutable, markUsed, pruneUnused } from '../../src/browser/bundled.js';

it('unpacks into the user cache, and replaces a broken copy', async () => {
  const cache = await mkdtemp(path.join(tmpdir(), 'bulletin-cache-'));
  const env: Record<string, string | undefined> = { ...process.env, XDG_CACHE_HOME: cache };
  const dir = bundledChromiumDir(env);
  expect(dir).toMatch(new RegExp(`^${cache}/bulletin/chromium-\\d+\\.\\d+\\.\\d+$`));
  const first = await bundledChromium(env);
  expect(first.executablePath).toBe(path.join(dir, 'chromium'));
  expect(isExecutable(first.executablePath)).toBe(true);
  expect((await readdir(path.dirname(dir))).filter((n) => n.includes('staging'))).toEqual([]);
  // A half-written, non-executable binary is not trusted.
  await writeFile(first.executablePath, 'truncated');
  await chmod(first.executablePath, 0o644);
  const second = await bundledChromium(env);
  expect(second.executablePath).toBe(first.executablePath);
  expect(isExecutable(second.executablePath)).toBe(true);
  expect(process.env.TMPDIR).toBe(env.TMPDIR);
});

it('keeps the package’s flags beside the unpacked browser, and a later run takes them from there', async () => {
  const cache = await mkdtemp(path.join(tmpdir(), 'bulletin-cache-'));
  const env: Record<string, string | undefined> = { ...process.env, XDG_CACHE_HOME: cache };
  const first = await bundledChromium(env);
  const kept = path.join(bundledChromiumDir(env), 'bulletin-args.json');
  expect(JSON.parse(await readFile(kept, 'utf8'))).toEqual(first.args);
  expect(first.args).toContain('--font-render-hinting=none');
  // What the kept file says is what a later run uses (the package is not asked again) …
  await writeFile(kept, JSON.stringify(['--marked']));
  expect((await bundledChromium(env)).args).toEqual(['--marked']);
  // … unless it cannot be read: then the package's flags, kept again.
  await writeFile(kept, '{ not json');
  expect((await bundledChromium(env)).args).toEqual(first.args);
  expect(JSON.parse(await readFile(kept, 'utf8'))).toEqual(first.args);
});

it('removes the copies of other versions no run has used for 14 days, once a day, and keeps the rest', async () => {
  const cache = await mkdtemp(path.join(tmpdir(), 'bulletin-cache-'));
  const env: Record<string, string | undefined> = { ...process.env, XDG_CACHE_HOME: cache };
  const dir = bundledChromiumDir(env);
  const folder = path.dirname(dir);
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  // Copies of older versions: one used 20 days ago, one 3 days ago, one unpacked 30 days ago by a
  // bulletin from before the use mark (its listing's time is all there is), and an unrelated folder.
  const copy = async (name: string, file: string, daysAgo: number) => {
    await mkdir(path.join(folder, name), { recursive: true });
    await writeFile(path.join(folder, name, file), '{}');
    const t = (now - daysAgo * day) / 1000;
    await utimes(path.join(folder, name, file), t, t);
  };
  await copy('chromium-140.0.0', 'bulletin-used', 20);
  await copy('chromium-146.0.0', 'bulletin-used', 3);
  await copy('chromium-131.0.0', 'bulletin-unpacked.json', 30);
  await copy('templates-v2', 'x.json', 60);
  await bundledChromium(env); // unpacks this version, marks it used, and looks at the others
  expect((await readdir(folder)).sort()).toEqual(['chromium-146.0.0', path.basename(dir), 'templates-v2'].sort());
  // Marked at most once a day: a later run the same day neither marks nor looks again.
  const marked = (await stat(path.join(dir, 'bulletin-used'))).mtimeMs;
  await copy('chromium-139.0.0', 'bulletin-used', 20);
  markUsed(dir, now + 3600 * 1000);
  expect((await stat(path.join(dir, 'bulletin-used'))).mtimeMs).toBe(marked);
  expect(await readdir(folder)).toContain('chromium-139.0.0');
  // A day later, it does.
  markUsed(dir, now + 2 * day);
  expect(await readdir(folder)).not.toContain('chromium-139.0.0');
  expect(pruneUnused(folder, path.basename(dir), now + 12 * day)).toEqual(['chromium-146.0.0']);
});
