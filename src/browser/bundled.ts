import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageVersion, userCacheRoot, writeCacheFile, type Preparing } from '../paths.js';

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

/**
 * Unpacks the Chromium shipped in the @sparticuz/chromium npm package into this user's cache
 * (not the shared /tmp/chromium it uses on AWS Lambda, which another user may own or a killed
 * run may have left half-written): into a staging folder first, then renamed into place. The
 * package's flags are kept beside it: once unpacked, a run finds the browser without loading the
 * package (and the download and archive modules it brings: 47–72 ms before every launch).
 */
export async function bundledChromium(env: Record<string, string | undefined>, onPrepare: (p: Preparing) => void = () => {}): Promise<{ executablePath: string; args: string[] }> {
  const dir = bundledChromiumDir(env);
  const executable = path.join(dir, 'chromium');
  const known = isExecutable(executable) ? keptArgs(dir) : undefined;
  if (known) return { executablePath: executable, args: known };
  const unpack = !isExecutable(executable);
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
    // A copy that another run finished meanwhile wins; a broken one is replaced.
    if (!isExecutable(executable)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(executable)) throw error;
    }
    onPrepare({ step: 'browser', done: 1, total: 1 });
  }
  try {
    await writeCacheFile(path.join(dir, ARGS_FILE), JSON.stringify(chromium.args));
  } catch {
    // a read-only cache: the next run loads the package again
  }
  return { executablePath: executable, args: chromium.args };
}
