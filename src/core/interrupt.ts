import { BulletinError, bulletinError } from '../diagnostics/errors.js';

/** Exit codes of a run stopped by a signal: 128 + the signal's number. */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
type Watched = keyof typeof SIGNAL_EXIT;

export interface Interrupts {
  /** Aborted on the first SIGINT/SIGTERM; its reason is the signal's name. */
  signal: AbortSignal;
  /** Stops listening (the run is over). */
  dispose(): void;
}

/**
 * Turns SIGINT/SIGTERM into an abort the build stops on cleanly (browser closed, temporaries
 * removed, lock released). A second signal, or a build still running `graceMs` after the
 * first, exits at once with the signal's code.
 */
export function watchInterrupts(graceMs = 10_000): Interrupts {
  const controller = new AbortController();
  const handlers = new Map<Watched, () => void>();
  for (const name of Object.keys(SIGNAL_EXIT) as Watched[]) {
    const handler = () => {
      if (controller.signal.aborted) process.exit(SIGNAL_EXIT[name]);
      controller.abort(name);
      setTimeout(() => process.exit(SIGNAL_EXIT[name]), graceMs).unref();
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
      handlers.clear();
    },
  };
}

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

/** The exit code for an Interrupted error (130 for SIGINT, 143 for SIGTERM), else undefined. */
export function interruptExitCode(error: unknown): number | undefined {
  if (!(error instanceof BulletinError) || error.errorName !== 'Interrupted') return undefined;
  return SIGNAL_EXIT[error.cause as Watched] ?? 130;
}
