import { BulletinError } from '../diagnostics/errors.js';
import { abortable, interruptedError, throwIfInterrupted } from '../pipeline/abortable.js';

export { abortable, interruptedError, throwIfInterrupted };

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

/** The exit code for an Interrupted error (130 for SIGINT, 143 for SIGTERM), else undefined. */
export function interruptExitCode(error: unknown): number | undefined {
  if (!(error instanceof BulletinError) || error.errorName !== 'Interrupted') return undefined;
  return SIGNAL_EXIT[error.cause as Watched] ?? 130;
}
