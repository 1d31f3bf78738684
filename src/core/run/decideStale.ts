import type { ManifestEntry } from '../../model/manifest.js';
import { completeAnalysis, type Analysed } from '../analyse.js';
import { hasErrors } from '../../diagnostics/report.js';
import { browserIdentity, issueKey, readCache, runKey, unchanged, type CacheFile } from '../cache.js';
import type { RunAnalysis } from './analyseSources.js';
import type { Run } from './plan.js';
import { prints } from '../../pipeline/index.js';

export interface Staleness {
  /** The build cache as read (or empty with --force); publish records the new entries in it. */
  cache: CacheFile;
  /** Each ready issue's key: a hash of its inputs (source, images, config, templates, fonts, browser, formats, tool). */
  keys: Map<string, string>;
  /** Issues whose inputs hash as the cache recorded, with their outputs intact: taken as they are. */
  unchanged: ManifestEntry[];
  /** The rest of the ready issues: built now. */
  toBuild: Analysed[];
  /** The key of an issue analysed since (a streamed one), for the build cache. */
  keyOf: (c: Analysed) => Promise<string>;
}

/**
 * Stage 4, decide what is stale: an issue whose inputs hash as the build cache recorded, with
 * its outputs intact, is unchanged (decided under the lock, so no other build is writing meanwhile).
 */
export async function decideStale(run: Run, analysis: RunAnalysis): Promise<Staleness> {
  const { formats, outDir } = run;
  const { config } = analysis;
  const cache = run.force ? { version: 1 as const, issues: {} } : await readCache(outDir, run.io.env);
  let browserId = 'none';
  if (prints(formats)) {
    const { discoverBrowser, realSystem } = await import('../../browser/discover.js');
    const found = discoverBrowser({ flag: run.browser, configPath: config.browser.executablePath, channel: config.browser.channel }, realSystem(run.io.env)).chosen;
    browserId = await browserIdentity(found?.path, found?.bundled === true);
  }
  const key = await runKey({ config, root: run.project.place.root, formats, draft: run.draft === true, pdfa: run.pdfa, browser: browserId });
  // The page links to its neighbours: a new issue next to it makes it stale.
  const keyOf = (c: Analysed) => issueKey(key, String(c.file.value ?? ''), c.bulletin!, c.stem, JSON.stringify(analysis.navFor(c.stem)));
  const keys = new Map<string, string>();
  const kept: ManifestEntry[] = [];
  const toBuild: Analysed[] = [];
  for (const c of analysis.ready) {
    const { source } = c;
    // A streamed issue the cache does not know is stale: its key is made once it is analysed.
    if (c.pending && !cache.issues[source]) {
      toBuild.push(c);
      continue;
    }
    completeAnalysis(c);
    if (!c.bulletin || hasErrors(c.file)) {
      toBuild.push(c); // (failed now: produce reports it)
      continue;
    }
    const k = await keyOf(c);
    keys.set(source, k);
    const entry = await unchanged(cache, source, k, outDir, formats, c.stem);
    if (entry) kept.push(entry);
    else toBuild.push(c);
  }
  return { cache, keys, unchanged: kept, toBuild, keyOf };
}
