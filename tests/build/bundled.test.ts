// The Chromium shipped in the npm package is unpacked per user and version, atomically; a
// broken copy (a killed unpack, another user's file) is replaced rather than launched.
import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { bundledChromium, bundledChromiumDir, isExecutable } from '../../src/browser/bundled.js';

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
