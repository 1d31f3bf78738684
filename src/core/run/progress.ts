import type { VFile } from 'vfile';
import { hasErrors } from '../../diagnostics/report.js';
import type { ManifestEntry } from '../../model/manifest.js';
import type { RunAnalysis } from './analyseSources.js';
import type { Staleness } from './decideStale.js';
import type { Run } from './plan.js';
import type { BuildEvent } from './types.js';

/** Tells the run's events (core emits them; the CLI alone turns them into text, JSON or a bar). */
export class Progress {
  private done = 0;
  readonly total: number;
  private readonly emit: (event: BuildEvent) => void;

  /** The run's issues are known: what is known at once is told at once (sources with errors, issues the cache has). */
  constructor(run: Run, analysis: RunAnalysis, stale: Staleness) {
    this.emit = run.onEvent ?? (() => {});
    // (An issue ready when analysed may have failed since, its body analysed late: it is told with the ones built.)
    const failed = analysis.sources.filter((c) => hasErrors(c.file) && !analysis.ready.includes(c));
    this.total = failed.length + analysis.ready.length;
    this.emit({ type: 'start', total: this.total, toBuild: stale.toBuild.length, outDir: run.outDir });
    for (const c of failed) this.issue(c.file.path, 'failed', c.file);
    for (const c of analysis.ready) {
      const entry = stale.unchanged.find((e) => e.source === c.source);
      if (entry) this.issue(c.file.path, 'unchanged', c.file, entry);
    }
  }

  begin(source: string): void {
    this.emit({ type: 'begin', source });
  }

  issue(source: string, status: 'built' | 'unchanged' | 'failed', file: VFile, entry?: ManifestEntry): void {
    const errors = file.messages.filter((m) => m.fatal === true).length;
    this.emit({ type: 'issue', source, status, errors, done: ++this.done, total: this.total, ...(entry ? { entry } : {}) });
  }
}
