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

/** Where an issue's outputs go, relative to the output folder, without extension. */
export function outputStem(source: string, root: string, sourcesDir: string): string {
  const rel = (base: string) => path.relative(base, source);
  const stem = isInside(sourcesDir, source) ? rel(sourcesDir) : isInside(root, source) ? rel(root) : path.basename(source);
  return stem.replace(/\.md$/i, '').split(path.sep).join('/');
}

/**
 * The page of its own that bulletin writes under an issue's output name, if any: the listing
 * (index.html), the feed (feed.xml), the manifest (manifest.json, manifest.shard-k-of-n.json),
 * the series pages (series/…) and the fonts (assets/…). Compared without case, as on the file
 * systems of Windows and macOS. A source of such a name is refused rather than overwritten.
 */
export function reservedOutput(stem: string): { output: string; page: string; zhPage: string } | undefined {
  const parts = stem.toLowerCase().split('/');
  const first = parts[0] ?? '';
  const output = `${stem}.html`;
  if (parts.length === 1) {
    if (first === 'index') return { output, page: 'the listing of every issue (index.html)', zhPage: '全部各期的列表页 index.html' };
    if (first === 'feed') return { output, page: 'the feed (feed.xml)', zhPage: '订阅源 feed.xml' };
    if (first === 'manifest' || first.startsWith('manifest.')) return { output, page: 'the manifest (manifest.json)', zhPage: '清单 manifest.json' };
    return undefined;
  }
  if (first === 'series') return { output, page: 'the pages of the series (series/)', zhPage: '专刊列表页（series/）' };
  if (first === 'assets') return { output, page: 'the shared files of the site (assets/)', zhPage: '网站共用文件（assets/）' };
  return undefined;
}
