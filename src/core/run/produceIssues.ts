import path from 'node:path';
import pLimit from 'p-limit';
import type { ManifestEntry } from '../../model/manifest.js';
import { prints, produce } from '../../pipeline/index.js';
import { templateEnvironment } from '../../pipeline/render.js';
import type { Writer } from '../../pipeline/write.js';
import { resolveFonts } from '../../fonts/fonts.js';
import { VERSION } from '../../version.js';
import { interruptedError, throwIfInterrupted } from '../interrupt.js';
import type { RunAnalysis } from './analyseSources.js';
import { completeAnalysis } from '../analyse.js';
import { hasErrors } from '../../diagnostics/report.js';
import type { Staleness } from './decideStale.js';
import type { Run } from './plan.js';
import type { RunPrinter } from './printer.js';
import type { Progress } from './progress.js';

export interface Produced {
  /** The manifest entries of the issues built now, in the order they were through. */
  entries: ManifestEntry[];
  /** Requests the renderer refused, over all issues. */
  blocked: string[];
}

/**
 * Stage 5, produce: each stale issue through the back half of the pipeline (fonts → render →
 * print → finish → write), a streamed one analysed first, as many at once as the printer has tabs, plus one rendering its page
 * while the others print. An issue that fails is reported on its file and the rest go on; an
 * interruption stops the run, with its temporaries removed.
 */
export async function produceIssues(run: Run, analysis: RunAnalysis, stale: Staleness, printer: RunPrinter, writer: Writer, progress: Progress): Promise<Produced> {
  const { config } = analysis;
  const { formats, signal, outDir } = run;
  const env = templateEnvironment(path.join(run.project.place.root, 'templates'), run.io.env);
  const fonts = resolveFonts(config, run.project.place.root);
  const produced: Produced = { entries: [], blocked: [] };
  // The printer is awaited only by the first issue that has its page ready to print.
  const printing = prints(formats) && stale.toBuild.length > 0 ? printer.acquire(stale.toBuild.length) : undefined;
  const onPrinted = () => printer.printed();
  try {
    throwIfInterrupted(signal);
    const limit = pLimit(run.concurrency + 1);
    // Settled, not all: no write may still be running when the lock is released.
    const settled = await Promise.allSettled(
      stale.toBuild.map((c) =>
        limit(async () => {
          throwIfInterrupted(signal);
          progress.begin(c.file.path);
          if (c.pending) {
            // A streamed issue: its body is analysed now, while the issues before it print.
            completeAnalysis(c);
            if (c.bulletin && !hasErrors(c.file)) stale.keys.set(c.source, await stale.keyOf(c));
          }
          if (!c.bulletin || hasErrors(c.file)) {
            if (printing) onPrinted();
            progress.issue(c.file.path, 'failed', c.file);
            return;
          }
          const entry = await produce(c.file, c.bulletin, c.stem, { config, root: run.project.place.root, env, fonts, writer, outDir, formats, nav: analysis.navFor(c.stem), ...(printing ? { printing, onPrinted } : {}), blocked: produced.blocked, version: VERSION, signal, pdfa: run.pdfa });
          if (entry) produced.entries.push(entry);
          progress.issue(c.file.path, entry ? 'built' : 'failed', c.file, entry);
        }),
      ),
    );
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    throwIfInterrupted(signal);
  } catch (error) {
    await writer.cleanup();
    throw signal?.aborted ? interruptedError(signal) : error;
  } finally {
    // The browser closes while the PDFs are finished and the manifest and listing pages written
    // (here when an issue failed before its print).
    void printer.release();
  }
  return produced;
}
