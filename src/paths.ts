import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** True when `target` is `root` itself or lies inside it (no `..` escape, not on another drive). */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The user's cache folder (XDG_CACHE_HOME, else ~/.cache), where bulletin keeps what it unpacks or reads once. */
export function userCacheRoot(env: Record<string, string | undefined>): string {
  const home = env.HOME || os.homedir();
  return env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : '');
}

/** A key for a file's contents as the file system tells them: its place, size and time (hex). */
export function fileKey(file: string): string {
  const s = statSync(file);
  return createHash('sha256').update(`${path.resolve(file)}\0${s.size}\0${s.mtimeMs}`).digest('hex');
}

/** Writes a file of the user's cache whole or not at all: a temporary beside it, renamed over it. */
export async function writeCacheFile(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, target);
}

/**
 * An installed package's version, read from the package.json above its entry point: packages
 * whose `exports` hide their package.json (docx, @sparticuz/chromium) are read all the same.
 */
export function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (path.basename(dir) !== path.basename(name) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
