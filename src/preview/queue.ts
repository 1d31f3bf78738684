/** What a rebuild covers: everything, or these sources (absolute). */
export type Work = 'full' | Set<string>;

/**
 * Changes gathered for `debounceMs`, then built one run at a time: an edited source alone, or
 * everything when anything else changed (the config, templates, pictures, a source added or removed).
 */
export class RebuildQueue {
  private pending: Work | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The run in progress (or the last), so close() can wait for it. */
  running: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly debounceMs: number,
    private readonly run: (work: Work) => Promise<void>,
  ) {}

  /** A file changed: `alone` says whether rebuilding that source alone is enough. */
  changed(absolute: string, alone: boolean): void {
    if (this.closed) return;
    if (!alone || this.pending === 'full') this.pending = 'full';
    else {
      const set = this.pending ?? new Set<string>();
      set.add(absolute);
      this.pending = set;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.running.then(async () => {
        const work = this.pending;
        this.pending = undefined;
        if (!work || this.closed) return;
        await this.run(work);
      });
    }, this.debounceMs);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** No more runs (the one in progress goes on: await settled()). */
  stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** The run in progress is over. */
  async settled(): Promise<void> {
    await this.running.catch(() => {});
  }
}
