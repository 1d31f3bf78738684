import { rm } from 'node:fs/promises';
import { walkFiles } from '../paths.js';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { VFile } from 'vfile';
import { BulletinError, bulletinError, WRITE_ERROR_CODES } from '../diagnostics/errors.js';
import { hasErrors } from '../diagnostics/report.js';
import { Writer } from '../pipeline/write.js';
import type { ManifestEntry } from '../model/manifest.js';
import { displayPath, type Io } from './io.js';
import { mergeEntries, publish, readManifest } from './publish.js';
import { checkOutputOwner, checkOutputPlace, stampOutput, STAMP_NAME } from './outputFolder.js';
import { acquireLock, LOCK_NAME } from './lock.js';

export interface IndexOptions {
  /** Folders holding shard outputs; default: the output folder. */
  dirs?: string[];
  out?: string;
  /** `--force-out`: write into an output folder that holds other files or another project's outputs. */
  forceOut?: boolean;
  io: Io;
}

const SHARD = /^manifest\.shard-\d+-of-\d+\.json$/;

/** The files under `dir`, relative to it with forward slashes. */
async function listFiles(dir: string): Promise<string[]> {
  return (await walkFiles(dir)).map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

/**
 * Merges the manifests of shard builds into one manifest, index page, series pages and feed.
 * Outputs in other folders are copied into the output folder; shard manifests are removed.
 */
export interface IndexResult {
  exitCode: number;
  issues: number;
  /** Manifests merged. */
  manifests: number;
  /** The index page written (absolute). */
  page?: string;
  /** The config file, when it has errors. */
  configFile?: VFile;
  error?: unknown;
}

export async function indexSite(options: IndexOptions): Promise<IndexResult> {
  const { io } = options;
  const root = io.cwd;
  const loaded = await loadConfig(root, (abs) => displayPath(io, abs));
  if (loaded.file && hasErrors(loaded.file)) {
    return { exitCode: 1, issues: 0, manifests: 0, configFile: loaded.file };
  }
  const out = path.resolve(root, options.out ?? loaded.config.out);
  const show = (abs: string) => displayPath(io, abs);
  const dirs = (options.dirs?.length ? options.dirs : [out]).map((d) => path.resolve(root, d));
  try {
    // The output folder as for build: bulletin's only (outputFolder.ts), one writer at a time.
    checkOutputPlace({ outDir: out, root, sourcesDir: path.resolve(root, loaded.config.sources), named: options.out !== undefined, configName: loaded.file?.path ?? 'bulletin.config.yaml', env: io.env, show });
    await checkOutputOwner(out, root, options.forceOut === true, show);
    const lock = await acquireLock(out, show);
    try {
      await checkOutputOwner(out, root, options.forceOut === true, show);
      await stampOutput(out, root);
      return await merge(out, dirs, root, loaded.config, io);
    } finally {
      await lock.release();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (error instanceof BulletinError) return { exitCode: 1, issues: 0, manifests: 0, error };
    if (typeof code === 'string' && WRITE_ERROR_CODES.has(code)) {
      const at = (error as NodeJS.ErrnoException).path;
      return { exitCode: 1, issues: 0, manifests: 0, error: bulletinError('OutputNotWritable', [typeof at === 'string' ? show(at) : show(out), code], error) };
    }
    throw error;
  }
}

async function merge(out: string, dirs: string[], root: string, config: Parameters<typeof publish>[2], io: Io): Promise<IndexResult> {
  const writer = new Writer(out);
  const lists: ManifestEntry[][] = [];
  for (const dir of dirs) {
    const files = await listFiles(dir);
    const manifests = files.filter((f) => SHARD.test(f) || (f === 'manifest.json' && dir !== out)).sort();
    for (const m of manifests) lists.push(await readManifest(path.join(dir, m)));
    if (dir !== out) {
      // A shard's own stamp and lock stay with it.
      for (const f of files) if (!SHARD.test(f) && f !== 'manifest.json' && f !== STAMP_NAME && f !== LOCK_NAME) await writer.copy(path.join(dir, f), f);
    }
  }
  if (lists.length === 0) {
    return { exitCode: 1, issues: 0, manifests: 0, error: bulletinError('NoShardManifests', [dirs.map((d) => displayPath(io, d)).join(', ')]) };
  }
  const entries = mergeEntries(...lists);
  await publish(writer, root, config, entries, io.env);
  for (const f of await listFiles(out)) if (SHARD.test(f)) await rm(path.join(out, f));
  return { exitCode: 0, issues: entries.length, manifests: lists.length, page: path.join(out, 'index.html') };
}
