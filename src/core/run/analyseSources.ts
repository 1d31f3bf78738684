import { hasErrors } from '../../diagnostics/report.js';
import { bulletinError } from '../../diagnostics/errors.js';
import { analyse, type Analysed, type Analysis } from '../analyse.js';
import { readAnalysisCache, type AnalysisCache } from '../analysisCache.js';
import { displayPath } from '../io.js';
import { shardOf } from './shard.js';
import type { BuildResult } from './types.js';
import type { Run } from './plan.js';

export interface RunAnalysis extends Analysis {
  /** The kept analysis, updated with what was analysed now (written back by publish). */
  kept: AnalysisCache;
  /** Sources without errors, of this run's shard: the issues to build or take unchanged. */
  ready: Analysed[];
}

/**
 * Stage 2, analyse: every source asked for through read → parse → lint → validate → transform,
 * and the numbering rules over the whole archive, from the analysis kept in the output folder
 * where a source is unchanged. Returns the run's result instead when there is nothing to build
 * (a config with errors, no sources).
 */
export async function analyseSources(run: Run): Promise<RunAnalysis | BuildResult> {
  const { io, outDir, projectOut } = run;
  // A build into another folder (--out) that has no kept analysis of its own starts from the one
  // kept in the project's output folder: the analysis is the sources', whatever folder they are
  // built into (each entry's key checks its source, config and tool as usual).
  let kept: AnalysisCache = run.force ? new Map() : await readAnalysisCache(outDir, io.env);
  if (!run.force && kept.size === 0 && outDir !== projectOut) kept = await readAnalysisCache(projectOut, io.env);
  const analysis = await analyse(io, run.paths ?? [], { draft: run.draft, project: run.project, cache: kept });
  if (analysis.configFile && hasErrors(analysis.configFile)) return { exitCode: 1, issues: [{ file: analysis.configFile }], blocked: [] };
  if (analysis.sources.length === 0) return { exitCode: 1, issues: [], blocked: [], error: bulletinError('NoSources', [displayPath(io, analysis.sourcesDir)]) };
  const { shard } = run;
  const ready = analysis.sources.filter((c) => c.bulletin && !hasErrors(c.file) && (!shard || shardOf(c.bulletin.source, shard.count) === shard.index));
  return { ...analysis, kept, ready };
}

