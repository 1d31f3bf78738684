import { acquireLock, type Lock } from '../lock.js';
import { displayPath } from '../io.js';
import { checkOutputOwner, stampOutput } from '../outputFolder.js';
import type { Writer } from '../../pipeline/write.js';
import type { RunAnalysis } from './analyseSources.js';
import type { Run } from './plan.js';

/**
 * Stage 3, lock: the output folder must be this project's (stamped, or empty; OutputNotOurs
 * otherwise, unless --force-out), one build at a time writes into it (LockHeld otherwise), it is
 * stamped as this project's, and the temporaries a killed build left in the folders bulletin
 * writes are swept. A run with nothing to write takes no lock and touches nothing.
 */
export async function lockOutput(run: Run, analysis: RunAnalysis, writer: Writer): Promise<Lock | undefined> {
  if (analysis.ready.length === 0 && !run.shard) return undefined;
  const show = (abs: string) => displayPath(run.io, abs);
  const root = run.io.cwd;
  // Checked before the lock (nothing is created in a folder that is not ours) and again under it.
  await checkOutputOwner(run.outDir, root, run.forceOut === true, show);
  const lock = await acquireLock(run.outDir, show);
  try {
    await checkOutputOwner(run.outDir, root, run.forceOut === true, show);
    await stampOutput(run.outDir, root);
    await writer.sweep();
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}
