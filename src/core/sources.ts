import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside, walkFiles } from '../paths.js';

/** Every *.md under a folder, at any depth, in a stable order; hidden folders are skipped. */
function walk(dir: string): Promise<string[]> {
  // A folder named like a source is listed so the reader can report it.
  return walkFiles(dir, (entry) => (entry.name.startsWith('.') || entry.name === 'node_modules' ? 'skip' : entry.name.endsWith('.md') ? 'list' : entry.isDirectory() ? 'enter' : 'skip'), true);
}

/**
 * Expands the command's paths into absolute source paths: folders are searched, files are
 * taken as given (even when missing, so the reader reports them with their name).
 */
export async function findSources(paths: string[], cwd: string, defaultDir: string): Promise<string[]> {
  const targets = paths.length ? paths.map((p) => path.resolve(cwd, p)) : [path.resolve(cwd, defaultDir)];
  const found: string[] = [];
  for (const target of targets) {
    let info;
    try {
      info = await stat(target);
    } catch {
      // A path the user named is listed so the reader reports it; a missing default
      // folder just means there are no sources yet.
      if (paths.length) found.push(target);
      continue;
    }
    if (info.isDirectory() && !(paths.length && target.endsWith('.md'))) found.push(...(await walk(target)));
    else found.push(target);
  }
  return [...new Set(found)];
}

/**
 * Where an issue's outputs go, relative to the output folder, without extension, '/'-separated.
 * `p` is the platform's path module (path.win32 in tests stands in for Windows).
 */
export function outputStem(source: string, root: string, sourcesDir: string, p: path.PlatformPath = path): string {
  const rel = (base: string) => p.relative(base, source);
  const stem = isInside(sourcesDir, source, p) ? rel(sourcesDir) : isInside(root, source, p) ? rel(root) : p.basename(source);
  return stem.replace(/\.md$/i, '').split(p.sep).join('/');
}
