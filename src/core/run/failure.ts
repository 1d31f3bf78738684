import path from 'node:path';
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
    return bulletinError('OutputNotWritable', [typeof e.path === 'string' ? displayPath(io, refusedPlace(e.path, e.code)) : '?', e.code], error);
  }
  return undefined;
}

/** A temporary (`.name.xxxxxxxx.tmp`, the lock's staged `.bulletin.lock.<pid>.<hex>.tmp`): bulletin's own names, not the user's. */
const TEMPORARY = /^\.?(.+?)(\.\d+)?\.[0-9a-f]{8}\.tmp$/;

/**
 * What the user should hear about when the system refuses a write: not the temporary bulletin
 * was making, but the folder it could not write into (no permission, a read-only or full disk),
 * or the output the temporary was for (a folder standing where that file goes).
 */
function refusedPlace(file: string, code: string): string {
  const m = TEMPORARY.exec(path.basename(file));
  if (!m) return file;
  if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST') return path.join(path.dirname(file), m[1]!);
  return path.dirname(file);
}
