import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** True when `target` is `root` itself or lies inside it (no `..` escape, not on another drive). `p`: path.win32 stands in for Windows in tests. */
export function isInside(root: string, target: string, p: path.PlatformPath = path): boolean {
  const rel = p.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
}

/**
 * True when `target`, its links followed, lies inside `root` (also resolved): a project's file
 * that is a link out of the project is not the project's. A target that does not exist is
 * judged by its nearest existing folder.
 */
export function isReallyInside(root: string, target: string): boolean {
  return isInside(realpathOrSelf(root), realpathOrSelf(target));
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(realpathOrSelf(parent), path.basename(file));
  }
}

/** The user's cache folder (XDG_CACHE_HOME, else ~/.cache), where bulletin keeps what it unpacks or reads once. */
export function userCacheRoot(env: Record<string, string | undefined>): string {
  const home = env.HOME || os.homedir();
  return env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : '');
}

/**
 * A key for a file's contents (hex), for what the user cache keeps about it (a font's cmap, its
 * prepared print cut). A file of an installed npm package is known by the package, its version,
 * its place in the package and its size: the same after every `npm ci`, which gives the file a
 * new time and, in a new clone, a new place (a key by those made the cache grow by 71 MB of
 * prepared fonts per install). Any other file is known by its place, size and time.
 */
export function fileKey(file: string): string {
  const s = statSync(file);
  const absolute = path.resolve(file);
  const installed = packageFile(absolute);
  const identity = installed ? `${installed}\0${s.size}` : `${absolute}\0${s.size}\0${s.mtimeMs}`;
  return createHash('sha256').update(identity).digest('hex');
}

const packageVersions = new Map<string, string | undefined>();

/** `name@version/path/in/package` for a file under node_modules, else undefined. */
function packageFile(absolute: string): string | undefined {
  const parts = absolute.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const size = parts[at + 1]?.startsWith('@') ? 2 : 1;
  const dir = parts.slice(0, at + 1 + size).join(path.sep);
  if (!packageVersions.has(dir)) {
    try {
      packageVersions.set(dir, (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version);
    } catch {
      packageVersions.set(dir, undefined);
    }
  }
  const version = packageVersions.get(dir);
  const rest = parts.slice(at + 1 + size);
  return version && rest.length ? `${parts.slice(at + 1, at + 1 + size).join('/')}@${version}/${rest.join('/')}` : undefined;
}

/**
 * The one atomic write: `fill` makes a temporary file beside `target` (named by `temporary`, by
 * default `<target>.<pid>.tmp`), which is then renamed over it, so a reader sees the old file or
 * the new one, never half of one. The temporary is removed when filling or renaming fails.
 */
export async function replaceAtomically(target: string, fill: (tmp: string) => Promise<unknown>, temporary = `${target}.${process.pid}.tmp`): Promise<string> {
  try {
    await fill(temporary);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
  return target;
}

/** Writes a file of the user's cache whole or not at all. */
export async function writeCacheFile(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await replaceAtomically(target, (tmp) => writeFile(tmp, data));
}

/** replaceAtomically with data, for a caller that cannot wait (a template loader, which nunjucks calls synchronously; the preview's own pages). */
export function writeCacheFileSync(target: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** What walkFiles does with an entry: list it, go into it (a folder), or pass it by. */
export type WalkChoice = 'list' | 'enter' | 'skip';

/**
 * The one directory walker: every entry under `dir` that `choose` lists (absolute paths), depth
 * first, each folder's entries in the code-unit order of their names. By default files are
 * listed and folders entered. A folder that cannot be read lists nothing, unless `strict`.
 */
export async function walkFiles(dir: string, choose: (entry: Dirent, full: string) => WalkChoice = (e) => (e.isDirectory() ? 'enter' : 'list'), strict = false): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if (strict) throw error;
    return [] as Dirent[];
  });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    const choice = choose(entry, full);
    if (choice === 'list') out.push(full);
    else if (choice === 'enter') out.push(...(await walkFiles(full, choose, strict)));
  }
  return out;
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

/**
 * A first run's slow work, told before it starts and as it goes: unpacking the bundled Chromium
 * into the user cache (one step), cutting print fonts a project brings (one step per cut). Core
 * turns these into build events; the CLI says them in the user's language.
 */
export interface Preparing {
  step: 'browser' | 'fonts';
  done: number;
  total: number;
}

/** Days a file of the user cache stays without being written (or, for a prepared font, used). */
export const CACHE_DAYS = 30;
const swept = new Map<string, Promise<number>>();

/**
 * Removes the files of a user-cache folder not written for CACHE_DAYS days (what an older
 * install or an edited template left), at most once per folder and run. Called when the folder
 * gets a new entry, so a run that finds everything kept never lists it. Best effort: returns how
 * many files went.
 */
export function sweepCache(dir: string, now = Date.now()): Promise<number> {
  let done = swept.get(dir);
  if (!done) {
    done = (async () => {
      let removed = 0;
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const file = path.join(dir, name);
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile() || now - info.mtimeMs < CACHE_DAYS * 86_400_000) continue;
        await rm(file, { force: true }).then(() => removed++, () => {});
      }
      return removed;
    })();
    swept.set(dir, done);
  }
  return done;
}

