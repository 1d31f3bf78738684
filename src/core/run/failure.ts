import { BulletinError, bulletinError, WRITE_ERROR_CODES } from '../../diagnostics/errors.js';
import { displayPath, type Io } from '../io.js';
import { interruptExitCode } from '../interrupt.js';
import type { BuildResult } from './types.js';

/**
 * The one error channel: a failure of the run that is not about a place in a source becomes the
 * run's result with its catalogue error (LockHeld, BrowserNotFound, BrowserLaunchFailed,
 * Interrupted…); a write the system refuses (a read-only or full disk, a file where a folder
 * should be) is OutputNotWritable. Anything else is a defect in bulletin and is thrown on.
 */
export function runFailure(error: unknown, io: Io, outDir: string | undefined): BuildResult {
  const told = asCatalogueError(error, io);
  if (!told) throw error;
  return { exitCode: interruptExitCode(told) ?? 1, issues: [], blocked: [], ...(outDir ? { outDir } : {}), error: told };
}

function asCatalogueError(error: unknown, io: Io): BulletinError | undefined {
  if (error instanceof BulletinError) return error;
  const e = error as NodeJS.ErrnoException | undefined;
  if (e && typeof e.code === 'string' && WRITE_ERROR_CODES.has(e.code)) {
    return bulletinError('OutputNotWritable', [typeof e.path === 'string' ? displayPath(io, e.path) : '?', e.code], error);
  }
  return undefined;
}
