import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { formatReport } from '../diagnostics/format.js';
import { hasErrors } from '../diagnostics/report.js';
import { Writer } from '../pipeline/write.js';
import type { ManifestEntry } from '../model/manifest.js';
import { displayPath, type Io } from './io.js';
import { mergeEntries, publish, readManifest } from './publish.js';

export interface IndexOptions {
  /** Folders holding shard outputs; default: the output folder. */
  dirs?: string[];
  out?: string;
  io: Io;
}

const SHARD = /^manifest\.shard-\d+-of-\d+\.json$/;

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, r)));
    else out.push(r);
  }
  return out;
}

/**
 * Merges the manifests of shard builds into one manifest, index page, series pages and feed.
 * Outputs in other folders are copied into the output folder; shard manifests are removed.
 */
export async function indexSite(options: IndexOptions): Promise<{ exitCode: number; issues: number }> {
  const { io } = options;
  const root = io.cwd;
  const loaded = await loadConfig(root, (abs) => displayPath(io, abs));
  if (loaded.file && hasErrors(loaded.file)) {
    io.stderr(formatReport([loaded.file]));
    return { exitCode: 1, issues: 0 };
  }
  const out = path.resolve(root, options.out ?? loaded.config.out);
  const dirs = (options.dirs?.length ? options.dirs : [out]).map((d) => path.resolve(root, d));
  const writer = new Writer(out);
  const lists: ManifestEntry[][] = [];
  for (const dir of dirs) {
    const files = await listFiles(dir);
    const manifests = files.filter((f) => SHARD.test(f) || (f === 'manifest.json' && dir !== out)).sort();
    for (const m of manifests) lists.push(await readManifest(path.join(dir, m)));
    if (dir !== out) {
      for (const f of files) if (!SHARD.test(f) && f !== 'manifest.json') await writer.copy(path.join(dir, f), f);
    }
  }
  if (lists.length === 0) {
    io.stderr(`错误：在 ${dirs.map((d) => displayPath(io, d)).join('、')} 中没有找到分片清单（manifest.shard-k-of-n.json）。\n提示：先运行 bulletin build --shard k/n。\n`);
    return { exitCode: 1, issues: 0 };
  }
  const entries = mergeEntries(...lists);
  await publish(writer, root, loaded.config, entries, io.env);
  for (const f of await listFiles(out)) if (SHARD.test(f)) await rm(path.join(out, f));
  io.stdout(`已合并 ${lists.length} 份清单，共 ${entries.length} 期 → ${displayPath(io, path.join(out, 'index.html'))}\n`);
  return { exitCode: 0, issues: entries.length };
}
