import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../paths.js';

/** Every *.md under a folder, at any depth, in a stable order; hidden folders are skipped. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    // A folder named like a source is listed so the reader can report it.
    if (entry.isDirectory() && !entry.name.endsWith('.md')) out.push(...(await walk(full)));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out;
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

/** Where an issue's outputs go, relative to the output folder, without extension. */
export function outputStem(source: string, root: string, sourcesDir: string): string {
  const rel = (base: string) => path.relative(base, source);
  const stem = isInside(sourcesDir, source) ? rel(sourcesDir) : isInside(root, source) ? rel(root) : path.basename(source);
  return stem.replace(/\.md$/i, '').split(path.sep).join('/');
}
