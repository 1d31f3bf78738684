import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { unpackedIntact } from '../browser/bundled.js';
import { keptCmapRuns } from '../fonts/coverage.js';
import { preparedIntact } from '../fonts/printFonts.js';
import { keptCode } from '../pipeline/compiledTemplates.js';
import { userCacheRoot } from '../paths.js';
import { SEAL_KEY_NAME, sealKeyIntact } from './seal.js';

/** What doctor found in the user's cache folder: files looked at, and the damaged ones it removed. */
export interface CacheAudit {
  folder: string;
  checked: number;
  /** Absolute paths of damaged entries, removed (each is made again when next needed). */
  damaged: string[];
}

async function names(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.endsWith('.tmp')).sort();
}

/**
 * Looks at every entry of bulletin's part of the user cache as thoroughly as it can (every byte
 * of each prepared font hashed), and removes what is damaged: the sealing key, kept cmaps,
 * compiled templates, prepared print fonts, unpacked Chromium copies. Builds check the same
 * things more cheaply and take a damaged entry as a miss; doctor makes the folder clean.
 */
export async function auditUserCache(env: Record<string, string | undefined>): Promise<CacheAudit> {
  const root = userCacheRoot(env);
  const folder = root ? path.join(root, 'bulletin') : '';
  const audit: CacheAudit = { folder, checked: 0, damaged: [] };
  if (!folder) return audit;
  const damaged = async (file: string) => {
    audit.damaged.push(file);
    await rm(file, { recursive: true, force: true });
  };
  const key = path.join(folder, SEAL_KEY_NAME);
  if (await stat(key).catch(() => undefined)) {
    audit.checked++;
    if (!sealKeyIntact(key)) await damaged(key);
  }
  for (const name of await names(path.join(folder, 'cmaps-v2'))) {
    const file = path.join(folder, 'cmaps-v2', name);
    audit.checked++;
    if (!keptCmapRuns(await readFile(file, 'utf8').catch(() => ''))) await damaged(file);
  }
  for (const name of await names(path.join(folder, 'templates-v1'))) {
    const file = path.join(folder, 'templates-v1', name);
    audit.checked++;
    if (keptCode(await readFile(file, 'utf8').catch(() => '')) === undefined) await damaged(file);
  }
  const fonts = path.join(folder, 'fonts-v1');
  const fontNames = await names(fonts);
  for (const name of fontNames.filter((n) => n.endsWith('.ttf'))) {
    const file = path.join(fonts, name);
    audit.checked++;
    if (!(await preparedIntact(file, true))) {
      await damaged(file);
      await rm(`${file}.json`, { force: true });
    }
  }
  // A record whose font is gone is no entry at all.
  for (const name of fontNames.filter((n) => n.endsWith('.ttf.json') && !fontNames.includes(n.slice(0, -5)))) await rm(path.join(fonts, name), { force: true });
  for (const name of (await names(folder)).filter((n) => /^chromium-[^/]+$/.test(n) && !n.includes('.staging-'))) {
    const dir = path.join(folder, name);
    audit.checked++;
    if (!unpackedIntact(dir, true)) await damaged(dir);
  }
  return audit;
}
