import { existsSync } from 'node:fs';
import path from 'node:path';
import { serialiseManifest, type ManifestEntry } from '../../model/manifest.js';
import type { Writer } from '../../pipeline/write.js';
import { ANALYSIS_CACHE_NAME, serialiseAnalysisCache } from '../analysisCache.js';
import { CACHE_NAME, isSafeEntry, serialiseCache } from '../cache.js';
import { mergeEntries, publish, readManifest, shardManifestName } from '../publish.js';
import type { RunAnalysis } from './analyseSources.js';
import type { Staleness } from './decideStale.js';
import type { Run } from './plan.js';

/**
 * Stage 6, publish: the build cache and the kept analysis, then the manifest and the listing
 * pages (index, series pages, feed) or this shard's manifest, written side by side. Entries
 * already published stay (an issue that fails today keeps its last good outputs), except those
 * whose source is gone: their outputs are removed with them. Every write has settled when it returns.
 */
export async function publishRun(run: Run, analysis: RunAnalysis, stale: Staleness, entries: ManifestEntry[], writer: Writer): Promise<void> {
  const writing: Array<Promise<unknown>> = [];
  let failure: { error: unknown } | undefined;
  try {
    if (analysis.ready.length > 0) {
      for (const e of entries) {
        const key = stale.keys.get(e.source);
        if (key) stale.cache.issues[e.source] = { key, entry: e };
      }
      writing.push(writer.write(CACHE_NAME, serialiseCache(stale.cache, run.io.env)), writer.write(ANALYSIS_CACHE_NAME, serialiseAnalysisCache(analysis.kept, run.io.env)));
    }
    if (run.shard) {
      writing.push(writer.write(shardManifestName(run.shard), serialiseManifest(entries)));
    } else if (entries.length > 0) {
      const root = run.io.cwd;
      // The manifest on disk is read as a hint too: an entry that names outputs outside the
      // folder, or of the wrong shape, is dropped rather than linked or removed.
      const previous = (await readManifest(path.join(run.outDir, 'manifest.json'))).filter((e) => isSafeEntry(e));
      const gone = run.paths?.length ? [] : previous.filter((e) => !existsSync(path.resolve(root, e.source)));
      for (const e of gone) await removeOutputs(writer, e);
      const kept = previous.filter((e) => !gone.includes(e));
      writing.push(publish(writer, root, analysis.config, mergeEntries(kept, entries), run.io.env));
    }
  } catch (error) {
    failure = { error };
  }
  // Settled, not all: no write may still be running when the lock is released.
  const settled = await Promise.allSettled(writing);
  if (failure) throw failure.error;
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
}

/** Removes the files an issue's manifest entry names (HTML, PDF, Word, OFD, its images). */
async function removeOutputs(writer: Writer, e: ManifestEntry): Promise<void> {
  for (const file of [e.html?.path, e.pdf?.path, e.docx?.path, e.ofd?.path]) if (file) await writer.remove(file);
  const stem = (e.pdf?.path ?? e.html?.path ?? e.docx?.path ?? e.ofd?.path ?? '').replace(/\.(html|pdf|docx|ofd)$/, '');
  if (stem) await writer.remove(`${stem}.assets`);
}
