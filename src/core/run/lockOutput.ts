import { acquireLock, type Lock } from '../lock.js';
import { displayPath } from '../io.js';
import type { Writer } from '../../pipeline/write.js';
import type { RunAnalysis } from './analyseSources.js';
import type { Run } from './plan.js';

/**
 * Stage 3, lock: one build at a time writes into an output folder (LockHeld otherwise), and the
 * temporaries a killed build left there are swept. A run with nothing to write takes no lock.
 */
export async function lockOutput(run: Run, analysis: RunAnalysis, writer: Writer): Promise<Lock | undefined> {
  if (analysis.ready.length === 0 && !run.shard) return undefined;
  const lock = await acquireLock(run.outDir, (abs) => displayPath(run.io, abs));
  try {
    await writer.sweep();
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}
