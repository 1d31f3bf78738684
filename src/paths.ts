import { readFileSync } from 'node:fs';
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

/**
 * An installed package's version, read from the package.json above its entry point: packages
 * whose `exports` hide their package.json (docx, @sparticuz/chromium) are read all the same.
 */
export function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (path.basename(dir) !== path.basename(name) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
