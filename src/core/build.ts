import type { VFile } from 'vfile';
import type { ManifestEntry } from '../model/manifest.js';
import { hasErrors } from '../diagnostics/report.js';
import { Writer } from '../pipeline/write.js';
import { plan, type Run } from './run/plan.js';
import { RunPrinter } from './run/printer.js';
import { analyseSources } from './run/analyseSources.js';
import { lockOutput } from './run/lockOutput.js';
import { decideStale } from './run/decideStale.js';
import { Progress } from './run/progress.js';
import { produceIssues } from './run/produceIssues.js';
import { publishRun } from './run/publishRun.js';
import { runFailure } from './run/failure.js';
import type { BuildOptions, BuildResult } from './run/types.js';

export type { BuildEvent, BuildOptions, BuildResult, BuiltIssue, Format } from './run/types.js';
export { shardOf } from './run/shard.js';

/**
 * Builds issues into HTML, PDF and Word. A run is a list of stages, each in its own file under
 * run/: plan → (start the printer early when cold) → analyse → lock → decide what is stale →
 * produce each stale issue → publish → release. Sources with errors are reported on their files
 * and skipped; the rest are printed with one browser for the whole run. Never throws for a
 * problem a user or the machine causes: the result carries the catalogue error (the one error
 * channel) and the exit code: 0 ok, 1 problems, 130/143 interrupted.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  let run: Run | undefined;
  let printer: RunPrinter | undefined;
  try {
    run = await plan(options);
    printer = new RunPrinter(run);
    printer.startEarly();
    const analysis = await analyseSources(run);
    if (!('ready' in analysis)) return analysis;
    const writer = new Writer(run.outDir);
    const held = await lockOutput(run, analysis, writer);
    let nothingBuilt = false;
    try {
      const stale = await decideStale(run, analysis);
      const progress = new Progress(run, analysis, stale);
      const produced = await produceIssues(run, analysis, stale, printer, writer, progress);
      const entries = [...stale.unchanged, ...produced.entries];
      nothingBuilt = entries.length === 0 && !run.shard;
      // (A folder made now for nothing is removed: nothing is published into it.)
      if (!nothingBuilt || !held?.created) await publishRun(run, analysis, stale, entries, writer);
      return outcome(analysis.sources, entries, new Set(stale.unchanged.map((e) => e.source)), produced.blocked, run.outDir);
    } finally {
      await printer.release();
      await held?.release(nothingBuilt);
    }
  } catch (error) {
    return runFailure(error, options.io, run?.outDir);
  } finally {
    await printer?.release();
  }
}

/** The run's result: every source with its messages and what was built for it. */
function outcome(sources: Array<{ file: VFile; bulletin?: { source: string } }>, entries: ManifestEntry[], unchanged: Set<string>, blocked: string[], outDir: string): BuildResult {
  const issues = sources.map((c) => {
    const entry = entries.find((e) => e.source === c.bulletin?.source);
    return { file: c.file, entry, ...(entry && unchanged.has(entry.source) ? { unchanged: true } : {}) };
  });
  return { exitCode: sources.some((c) => hasErrors(c.file)) ? 1 : 0, issues, blocked, outDir };
}
