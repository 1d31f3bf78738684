import { existsSync } from 'node:fs';
import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock, LOCK_NAME } from '../lock.js';
import { displayPath } from '../io.js';
import { checkOutputOwner, stampOutput } from '../outputFolder.js';
import type { Writer } from '../../pipeline/write.js';
import type { RunAnalysis } from './analyseSources.js';
import type { Run } from './plan.js';

/**
 * Stage 3, lock: the output folder must be this project's (stamped, or empty; OutputNotOurs
 * otherwise, unless --force-out), one build at a time writes into it (LockHeld otherwise), it is
 * stamped as this project's, and the temporaries a killed build left in the folders bulletin
 * writes are swept. A run with nothing to write takes no lock and touches nothing; nor does one
 * whose issues all fail, into a folder it had to make.
 */
export async function lockOutput(run: Run, analysis: RunAnalysis, writer: Writer): Promise<HeldOutput | undefined> {
  if (analysis.ready.length === 0 && !run.shard) return undefined;
  const show = (abs: string) => displayPath(run.io, abs);
  const root = run.project.place.root;
  // Checked before the lock (nothing is created in a folder that is not ours) and again under it.
  await checkOutputOwner(run.outDir, root, run.forceOut === true, show);
  const created = !existsSync(run.outDir);
  const lock = await acquireLock(run.outDir, show);
  try {
    await checkOutputOwner(run.outDir, root, run.forceOut === true, show);
    await stampOutput(run.outDir, root);
    await writer.sweep();
  } catch (error) {
    await lock.release();
    throw error;
  }
  return {
    created,
    release: async (nothingBuilt = false) => {
      // A folder this run made for issues that all failed (a streamed build finds a body's errors
      // only at its turn) is left as if never made: what is in it is this run's alone.
      const empty = created && nothingBuilt;
      if (empty) for (const name of await readdir(run.outDir)) if (name !== LOCK_NAME) await rm(path.join(run.outDir, name), { recursive: true, force: true });
      await lock.release();
      if (empty) await rmdir(run.outDir).catch(() => {}); // (another build may have begun in it meanwhile)
    },
  };
}

/** The output folder held by this run: release() lets it go; release(true), once every issue failed, removes it too if this run made it. */
export interface HeldOutput {
  /** This run made the folder. */
  created: boolean;
  release(nothingBuilt?: boolean): Promise<void>;
}
