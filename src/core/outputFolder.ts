import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bulletinError } from '../diagnostics/errors.js';
import { isInside, replaceAtomically } from '../paths.js';
import { CACHE_NAME } from './cache.js';
import { LOCK_NAME } from './lock.js';

/**
 * The output folder is bulletin's only. bulletin writes, replaces and removes files in it (an
 * issue whose source is gone takes its outputs with it), so it must never be a folder that holds
 * anything else: `/`, the home folder, the project or its sources are refused outright; a folder
 * outside the project only when the user named it on the command line (a project's config is
 * data and may not send writes elsewhere); and a folder is written into only when it is empty or
 * stamped as this project's (`.bulletin-output`), unless `--force-out` takes it over.
 */

export const STAMP_NAME = '.bulletin-output';

/** A path with symbolic links resolved as far as it exists (the rest appended as written). */
export function realPathNearest(target: string): string {
  const rest: string[] = [];
  let probe = path.resolve(target);
  for (;;) {
    try {
      return path.join(realpathSync.native(probe), ...rest.reverse());
    } catch {
      const up = path.dirname(probe);
      if (up === probe) return path.join(probe, ...rest.reverse());
      rest.push(path.basename(probe));
      probe = up;
    }
  }
}

/** The project's id: a hash of where its folder really is. */
export function projectId(root: string): string {
  return createHash('sha256').update(realPathNearest(root)).digest('hex').slice(0, 32);
}

export interface OutputPlace {
  outDir: string;
  root: string;
  sourcesDir: string;
  /** The folder was named on the command line (or by a program calling bulletin), not by the project's config. */
  named: boolean;
  /** The config file, as shown, for the message about a config `out:`. */
  configName: string;
  env: Record<string, string | undefined>;
  show: (absolute: string) => string;
}

/** Refuses an output folder that is not bulletin's to write (OutputUnsafe, OutputOutsideProject); touches nothing. */
export function checkOutputPlace(place: OutputPlace): void {
  const out = realPathNearest(place.outDir);
  const root = realPathNearest(place.root);
  const sources = realPathNearest(place.sourcesDir);
  const homeDir = place.env.HOME || os.homedir();
  const home = homeDir ? realPathNearest(homeDir) : undefined;
  const shown = place.show(place.outDir);
  const refuse = (what: string) => bulletinError('OutputUnsafe', [shown, what]);
  if (path.parse(out).root === out) throw refuse('filesystem-root');
  if (home && isInside(out, home)) throw refuse('home');
  if (isInside(out, root)) throw refuse('project');
  if (isInside(out, sources) || isInside(sources, out)) throw refuse('sources');
  if (!place.named && !isInside(root, out)) throw bulletinError('OutputOutsideProject', [shown, place.configName]);
}

interface Stamp {
  project: string;
  /** The project's folder, relative to the output folder: a project moved with its output is still known. */
  root: string;
}

async function readStamp(outDir: string): Promise<Stamp | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(outDir, STAMP_NAME), 'utf8')) as Partial<Stamp>;
    return typeof value.project === 'string' && typeof value.root === 'string' ? { project: value.project, root: value.root } : undefined;
  } catch {
    return undefined;
  }
}

/** bulletin's own control files: they do not make a folder someone else's. */
function isControlFile(name: string): boolean {
  // (Also the stamp while it is being written: a build that holds the lock may be caught there.)
  return name === STAMP_NAME || name.startsWith(`${STAMP_NAME}.`) || name === LOCK_NAME || name.startsWith(`${LOCK_NAME}.`);
}

/** The sources a build cache (its issues' keys) or a manifest (its entries' sources) names; undefined when there is none. */
async function sourcesNamedIn(file: string): Promise<string[] | undefined> {
  let issues: unknown;
  try {
    issues = (JSON.parse(await readFile(file, 'utf8')) as { issues?: unknown } | null)?.issues;
  } catch {
    return undefined;
  }
  if (Array.isArray(issues)) return issues.map((e) => String((e as { source?: unknown } | null)?.source));
  return issues && typeof issues === 'object' ? Object.keys(issues) : undefined;
}

/**
 * An unstamped folder an older bulletin built for this project: it has bulletin's build cache
 * or manifest, and every source they name is a source of this project.
 */
async function builtByOlderBulletin(outDir: string, root: string): Promise<boolean> {
  const lists = (await Promise.all([CACHE_NAME, 'manifest.json'].map((name) => sourcesNamedIn(path.join(outDir, name))))).filter((l) => l !== undefined);
  const inProject = (source: string) => !path.isAbsolute(source) && isInside(root, path.resolve(root, source)) && existsSync(path.resolve(root, source));
  return lists.length > 0 && lists.flat().every(inProject);
}

/**
 * Refuses a folder that is another project's, or holds files bulletin did not write (OutputNotOurs),
 * unless `force`. Read only; `stampOutput` marks the folder once the lock is held.
 */
export async function checkOutputOwner(outDir: string, root: string, force: boolean, show: (absolute: string) => string): Promise<void> {
  if (force) return;
  const stamp = await readStamp(outDir);
  if (stamp) {
    const id = projectId(root);
    if (stamp.project === id || projectId(path.resolve(outDir, stamp.root)) === id) return;
    throw bulletinError('OutputNotOurs', [show(outDir), 'project']);
  }
  const names = (await readdir(outDir).catch(() => [] as string[])).filter((name) => !isControlFile(name));
  if (names.length === 0) return;
  if (await builtByOlderBulletin(outDir, root)) return;
  throw bulletinError('OutputNotOurs', [show(outDir), 'foreign']);
}

/** Marks the output folder as this project's (written whole: a stamp is never half there). */
export async function stampOutput(outDir: string, root: string): Promise<void> {
  const stamp: Stamp = { project: projectId(root), root: path.relative(outDir, root).split(path.sep).join('/') || '.' };
  const text = `${JSON.stringify(stamp)}\n`;
  if ((await readFile(path.join(outDir, STAMP_NAME), 'utf8').catch(() => undefined)) === text) return;
  await replaceAtomically(path.join(outDir, STAMP_NAME), (tmp) => writeFile(tmp, text));
}
