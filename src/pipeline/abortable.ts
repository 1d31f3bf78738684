import { bulletinError, type BulletinError } from '../diagnostics/errors.js';

/**
 * The promise, or the Interrupted error as soon as the run is asked to stop: work that waits on
 * the browser (a new page, a print) may never settle once the browser is closed, and must not
 * hold the run's clean stop up until the grace period forces an exit.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    // Already started: its outcome (a rejection once the browser is gone) is nobody's now.
    work.catch(() => {});
    return Promise.reject(interruptedError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(interruptedError(signal));
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/** Throws the catalogue's Interrupted error when the run was asked to stop. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruptedError(signal);
}

export function interruptedError(signal: AbortSignal): BulletinError {
  const name = typeof signal.reason === 'string' ? signal.reason : 'SIGINT';
  return bulletinError('Interrupted', [name], name);
}

