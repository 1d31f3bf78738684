// What the user cache keeps about a font (its cmap, its prepared print cut) is filed under
// fileKey: a reinstall must find it again, a changed file must not.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { resolveFonts } from '../../src/fonts/fonts.js';
import { printFonts } from '../../src/fonts/printFonts.js';
import { CACHE_DAYS, fileKey, sweepCache } from '../../src/paths.js';

/** A font file in an installed package under `root`, written at time `when` (seconds). */
function installed(root: string, version: string, when: number, bytes = 'glyphs'): string {
  const dir = path.join(root, 'node_modules', '@fontsource', 'noto-serif-sc');
  mkdirSync(path.join(dir, 'files'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@fontsource/noto-serif-sc', version }));
  const file = path.join(dir, 'files', 'noto-serif-sc-0-400-normal.woff2');
  writeFileSync(file, bytes);
  utimesSync(file, when, when);
  return file;
}

describe('the cache key of a font file', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'bulletin-key-'));

  it('is the same for a package file installed again, in another clone, at another time', () => {
    const first = installed(path.join(base, 'clone-a'), '5.3.0', 1_700_000_000);
    const again = installed(path.join(base, 'clone-b'), '5.3.0', 1_800_000_000);
    expect(fileKey(again)).toBe(fileKey(first));
  });

  it('differs for another version of the package, or another size of the file', () => {
    const first = installed(path.join(base, 'clone-c'), '5.3.0', 1_700_000_000);
    const upgraded = installed(path.join(base, 'clone-d'), '5.4.0', 1_700_000_000);
    const patched = installed(path.join(base, 'clone-e'), '5.3.0', 1_700_000_000, 'more glyphs');
    expect(new Set([fileKey(first), fileKey(upgraded), fileKey(patched)]).size).toBe(3);
  });

  it('for a project’s own font file, follows its time: an edited file is read again', () => {
    const file = path.join(base, 'project', 'fonts', 'own.ttf');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'glyphs');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const before = fileKey(file);
    writeFileSync(file, 'GLYPHS');
    utimesSync(file, 1_700_000_100, 1_700_000_100);
    expect(fileKey(file)).not.toBe(before);
  });
});

const DAY = 86_400_000;

describe('the user cache is swept', () => {
  it('of files not written for CACHE_DAYS days, once per folder and run, leaving folders alone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-sweep-'));
    const now = Date.now();
    const file = (name: string, age: number) => {
      writeFileSync(path.join(dir, name), 'x');
      utimesSync(path.join(dir, name), (now - age) / 1000, (now - age) / 1000);
    };
    file('stale.json', (CACHE_DAYS + 1) * DAY);
    file('recent.json', (CACHE_DAYS - 1) * DAY);
    mkdirSync(path.join(dir, 'folder'));
    utimesSync(path.join(dir, 'folder'), (now - 90 * DAY) / 1000, (now - 90 * DAY) / 1000);
    expect(await sweepCache(dir, now)).toBe(1);
    expect([existsSync(path.join(dir, 'stale.json')), existsSync(path.join(dir, 'recent.json')), existsSync(path.join(dir, 'folder'))]).toEqual([false, true, true]);
    file('stale-later.json', (CACHE_DAYS + 1) * DAY);
    expect(await sweepCache(dir, now)).toBe(1); // the same sweep: not listed again in this run
    expect(existsSync(path.join(dir, 'stale-later.json'))).toBe(true);
  });

  it('but a prepared print font in use is dated again, so the sweep keeps it', async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'bulletin-used-'));
    const env = { XDG_CACHE_HOME: cache };
    const roles = resolveFonts(defaultConfig, process.cwd()).filter((f) => f.print);
    const old = (Date.now() - 40 * DAY) / 1000;
    // Prepared files as an earlier run left them, 40 days ago.
    const files = roles.flatMap((f) => {
      const stem = `${path.basename(f.print!, path.extname(f.print!))}-${fileKey(f.print!).slice(0, 16)}`;
      return [`${stem}.ttf`, `${stem}-gb2312.ttf`].map((name) => path.join(cache, 'bulletin', 'fonts-v1', name));
    });
    for (const f of files) {
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, 'prepared');
      // Each with the record bulletin writes after it: its size and hash.
      writeFileSync(`${f}.json`, JSON.stringify({ size: 8, sha256: createHash('sha256').update('prepared').digest('hex') }));
      utimesSync(f, old, old);
      utimesSync(`${f}.json`, old, old);
    }
    const fonts = await printFonts(roles, env);
    expect([...fonts.whole.files, ...fonts.common.files].sort()).toEqual([...new Set(files)].sort());
    for (const f of files) expect(Date.now() - statSync(f).mtimeMs, f).toBeLessThan(DAY);
    for (const f of files) expect(Date.now() - statSync(`${f}.json`).mtimeMs, f).toBeLessThan(DAY);
  });
});

