import { existsSync } from 'node:fs';
import path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { isInside } from '../paths.js';

/** Editor droppings and temporaries: never a reason to rebuild. */
const IGNORED = /(^\.|~$|\.sw[a-z]$|\.tmp$|^4913$)/;

export interface Watching {
  /** Every watcher has read its folders. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches a project with chokidar: the sources folder and templates/ recursively (new folders
 * included, an editor's atomic save seen as one change), explicit paths outside the sources
 * folder, and the project folder itself one level deep (the config file, and either folder
 * appearing). Calls `changed` with each path.
 */
export function watchProject(where: { root: string; config: string; sourcesDir: string; paths: string[] }, changed: (absolute: string) => void): Watching {
  const { root, sourcesDir, config } = where;
  const templates = path.join(root, 'templates');
  const outside = where.paths.filter((p) => !isInside(sourcesDir, p));
  const top = path.join(root, path.relative(root, sourcesDir).split(path.sep)[0] ?? '');
  const ignored = (p: string) => path.relative(root, p).split(path.sep).some((seg) => IGNORED.test(seg) || seg === 'node_modules');
  const deep = chokidarWatch([...new Set([sourcesDir, templates, ...outside])].filter(existsSync), { ignoreInitial: true, atomic: true, ignored });
  deep.on('all', (_event, p) => changed(p));
  const shallow = chokidarWatch(root, { ignoreInitial: true, atomic: true, depth: 0, ignored });
  shallow.on('all', (_event, p) => {
    if (p === config || p === templates || p === top) changed(p);
  });
  const watchers: FSWatcher[] = [deep, shallow];
  for (const w of watchers) w.on('error', () => {});
  return {
    ready: Promise.all(watchers.map((w) => new Promise<void>((resolve) => w.once('ready', () => resolve())))).then(() => {}),
    close: async () => void (await Promise.all(watchers.map((w) => w.close()))),
  };
}
