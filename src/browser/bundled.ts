import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageVersion, userCacheRoot, walkFiles, writeCacheFile, type Preparing } from '../paths.js';

/** The folder this user's copy of the bundled Chromium lives in, one per package version. */
export function bundledChromiumDir(env: Record<string, string | undefined>): string {
  const version = packageVersion('@sparticuz/chromium');
  const cache = userCacheRoot(env);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const base = cache && isWritable(cache) ? path.join(cache, 'bulletin') : path.join(os.tmpdir(), `bulletin-${uid}`);
  return path.join(base, `chromium-${version}`);
}

function isWritable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Beside the unpacked browser: the flags the package gives for it, so later runs need not load the package. */
const ARGS_FILE = 'bulletin-args.json';

function keptArgs(dir: string): string[] | undefined {
  try {
    const args = JSON.parse(readFileSync(path.join(dir, ARGS_FILE), 'utf8')) as unknown;
    return Array.isArray(args) && args.every((a) => typeof a === 'string') ? args : undefined;
  } catch {
    return undefined;
  }
}

/** Written last into an unpacked copy: the size and hash of each of its files. */
export const UNPACKED_FILE = 'bulletin-unpacked.json';

interface Listed {
  size: number;
  sha256: string;
}

/**
 * Whether an unpacked copy is whole: every file its listing names is there, of the size listed,
 * and none was written after the listing (a binary damaged in place, a library cut short); when
 * `thorough` (a copy that did not start, doctor), every file also has the hash listed (0.3 s).
 */
export function unpackedIntact(dir: string, thorough = false): boolean {
  try {
    const listing = path.join(dir, UNPACKED_FILE);
    const written = statSync(listing).mtimeMs;
    const files = (JSON.parse(readFileSync(listing, 'utf8')) as { files?: Record<string, Listed> }).files;
    if (!files || typeof files !== 'object' || Object.keys(files).length === 0) return false;
    for (const [rel, listed] of Object.entries(files)) {
      const file = path.join(dir, rel);
      const info = statSync(file);
      if (!info.isFile() || info.size !== listed?.size || typeof listed.sha256 !== 'string' || info.mtimeMs > written) return false;
      if (thorough && createHash('sha256').update(readFileSync(file)).digest('hex') !== listed.sha256) return false;
    }
    return true;
  } catch {
    return false;
  }
}

async function writeListing(dir: string): Promise<void> {
  const files: Record<string, Listed> = {};
  for (const file of await walkFiles(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    if (rel !== ARGS_FILE && rel !== UNPACKED_FILE) {
      const data = readFileSync(file);
      files[rel] = { size: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
    }
  }
  writeFileSync(path.join(dir, UNPACKED_FILE), JSON.stringify({ files }));
}

/**
 * Unpacks the Chromium shipped in the @sparticuz/chromium npm package into this user's cache
 * (not the shared /tmp/chromium it uses on AWS Lambda, which another user may own or a killed
 * run may have left half-written): into a staging folder first, listed (UNPACKED_FILE), then
 * renamed into place. A copy that is not whole (unpackedIntact), or that failed to start
 * (`fresh`), is removed and unpacked again. The package's flags are kept beside it: once
 * unpacked, a run finds the browser without loading the package (and the download and archive
 * modules it brings: 47–72 ms before every launch).
 */
export async function bundledChromium(env: Record<string, string | undefined>, options: { fresh?: boolean; onPrepare?: (p: Preparing) => void } = {}): Promise<{ executablePath: string; args: string[]; dir: string }> {
  const onPrepare = options.onPrepare ?? (() => {});
  const dir = bundledChromiumDir(env);
  if (options.fresh) rmSync(dir, { recursive: true, force: true });
  const executable = path.join(dir, 'chromium');
  const whole = () => isExecutable(executable) && unpackedIntact(dir);
  const unpack = !whole();
  const known = unpack ? undefined : keptArgs(dir);
  if (known) {
    markUsed(dir);
    return { executablePath: executable, args: known, dir };
  }
  // Told before the package loads and unpacks (1–5 s, once per machine and version).
  if (unpack) onPrepare({ step: 'browser', done: 0, total: 1 });
  const chromium = (await import('@sparticuz/chromium')).default;
  if (unpack) {
    const staging = `${dir}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const previous = process.env.TMPDIR;
    // The package unpacks into os.tmpdir(), which follows TMPDIR.
    process.env.TMPDIR = staging;
    try {
      await chromium.executablePath();
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    await writeListing(staging);
    // A whole copy that another run finished meanwhile wins; a broken one is replaced.
    if (!whole()) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(executable)) throw error;
    }
    onPrepare({ step: 'browser', done: 1, total: 1 });
    markUsed(dir);
  }
  try {
    await writeCacheFile(path.join(dir, ARGS_FILE), JSON.stringify(chromium.args));
  } catch {
    // a read-only cache: the next run loads the package again
  }
  return { executablePath: executable, args: chromium.args, dir };
}

/** Touched (at most once a day) when a copy is used: how other versions' copies are known to be unused. */
const USED_FILE = 'bulletin-used';
const DAY = 24 * 3600 * 1000;
/** A copy of another version not used for this long is removed (an older bulletin still using it unpacks it again, once). */
export const UNUSED_DAYS = 14;

/** When a copy was last used: its use mark, else when it was unpacked (copies made before the mark existed); undefined if it is no copy. */
function lastUsed(dir: string): number | undefined {
  for (const name of [USED_FILE, UNPACKED_FILE]) {
    const info = statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (info) return info.mtimeMs;
  }
  return undefined;
}

/**
 * Marks the copy in `dir` as used today and, once a day, removes the copies of other versions of
 * the bundled Chromium (200 MB each) that no run has used for UNUSED_DAYS: each upgrade of the
 * package unpacks a new one, and the user cache would otherwise grow by that much every time.
 */
export function markUsed(dir: string, now = Date.now()): void {
  try {
    const mark = path.join(dir, USED_FILE);
    const used = statSync(mark, { throwIfNoEntry: false })?.mtimeMs;
    if (used !== undefined && now - used < DAY) return;
    if (used === undefined) writeFileSync(mark, '');
    utimesSync(mark, now / 1000, now / 1000);
    pruneUnused(path.dirname(dir), path.basename(dir), now);
  } catch {
    // a read-only cache: nothing is marked or removed
  }
}

/** Removes the other versions' copies in `folder` last used more than UNUSED_DAYS before `now`; returns their names. */
export function pruneUnused(folder: string, current: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    if (name === current || !/^chromium-[^/]+$/.test(name) || name.includes('.staging-')) continue;
    const dir = path.join(folder, name);
    const used = lastUsed(dir);
    if (used === undefined || now - used < UNUSED_DAYS * DAY) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
