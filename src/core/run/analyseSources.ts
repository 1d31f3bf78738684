import { hasErrors } from '../../diagnostics/report.js';
import { bulletinError } from '../../diagnostics/errors.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyse, completeAnalysis, type Analysed, type Analysis } from '../analyse.js';
import { CACHE_NAME } from '../cache.js';
import { readAnalysisCache, type AnalysisCache } from '../analysisCache.js';
import { displayPath, type Io } from '../io.js';
import { shardOf } from './shard.js';
import { issueNavigation, type IssueNav } from '../../model/navigation.js';
import type { BuildResult } from './types.js';
import type { Run } from './plan.js';

export interface RunAnalysis extends Analysis {
  /** The kept analysis, updated with what was analysed now (written back by publish). */
  kept: AnalysisCache;
  /** Sources without errors, of this run's shard: the issues to build or take unchanged. */
  ready: Analysed[];
  /** Each issue page's navigation (index, its files, neighbours), from the whole archive. */
  navFor: (stem: string) => IssueNav;
}

/**
 * Stage 2, analyse: every source asked for through read → parse → lint → validate → transform,
 * and the numbering rules over the whole archive, from the analysis kept in the output folder
 * where a source is unchanged. A cold build streams: only the front matters are read here, and
 * each body is analysed when its issue is produced (produceIssues). Returns the run's result instead when there is nothing to build
 * (a config with errors, no sources).
 */
export async function analyseSources(run: Run): Promise<RunAnalysis | BuildResult> {
  const { io, outDir, projectOut } = run;
  // A build into another folder (--out) that has no kept analysis of its own starts from the one
  // kept in the project's output folder: the analysis is the sources', whatever folder they are
  // built into (each entry's key checks its source, config and tool as usual).
  let kept: AnalysisCache = run.force ? new Map() : await readAnalysisCache(outDir, io.env);
  if (!run.force && kept.size === 0 && outDir !== projectOut) kept = await readAnalysisCache(projectOut, io.env);
  // A cold build (no build cache, or --force) has every issue to build: it streams, each body
  // analysed just before its issue is printed, while the issues before it print.
  const stream = run.force === true || !existsSync(path.join(outDir, CACHE_NAME));
  const analysis = await analyse(io, run.paths ?? [], { draft: run.draft, project: run.project, cache: kept, stream });
  if (analysis.configFile && hasErrors(analysis.configFile)) return { exitCode: 1, issues: [{ file: analysis.configFile }], blocked: [] };
  if (analysis.sources.length === 0) return { exitCode: 1, issues: [], blocked: [], error: noSources(analysis, io) };
  const { shard } = run;
  const ready = analysis.sources.filter((c) => (c.bulletin || c.pending) && !hasErrors(c.file) && (!shard || shardOf(c.source, shard.count) === shard.index));
  // Sources of other shards are not built here, but their findings are reported as ever.
  for (const c of analysis.sources) if (c.pending && !ready.includes(c)) completeAnalysis(c);
  return { ...analysis, kept, ready, navFor: issueNavigation(analysis.archive ?? [], run.formats) };
}


/** Nothing to build: in a project, its sources folder is empty; outside any, `bulletin init` starts one. */
export function noSources(analysis: Pick<Analysis, 'found' | 'sourcesDir'>, io: Io) {
  return analysis.found ? bulletinError('NoSources', [displayPath(io, analysis.sourcesDir)]) : bulletinError('NoProject', [io.cwd]);
}
