import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { resolveFonts } from '../../fonts/fonts.js';
import type { TabPool } from '../../pipeline/print.js';
import { CACHE_NAME } from '../cache.js';
import { interruptedError } from '../interrupt.js';
import type { Preparing } from '../../paths.js';
import type { Run } from './plan.js';
import type { Said } from '../../diagnostics/errors.js';
import { prints } from '../../pipeline/index.js';

/** A started printer: one browser and its pool of warm tabs. */
export interface Started {
  browser: Browser;
  version: string;
  pool: TabPool;
}

/**
 * The run's printer, a resource with one owner: started early (a cold build), or when the first
 * issue is ready to print, closed once the last page is printed, when the run is interrupted, and
 * in any case by release() at the end of the run. Nothing else starts or closes a browser.
 */
export class RunPrinter {
  private early?: Promise<Started | undefined>;
  private started?: Promise<Started>;
  private closing?: Promise<void>;
  private remaining = 0;
  private readonly stop = () => void this.release();

  constructor(private readonly run: Run) {
    run.signal?.addEventListener('abort', this.stop, { once: true });
  }

  /**
   * A cold build that will print (no build cache in the output folder, or --force) starts its
   * browser at once and loads the print fonts into its tabs while the sources are read and
   * checked, instead of after (0.15 s start and 0.5 s of fonts per tab, of a single issue's 2 s).
   * An incremental build may have nothing to print, so it starts the browser only when it needs
   * one. A failed early start is forgotten: acquire() starts the browser again and says why.
   */
  startEarly(): void {
    const { run } = this;
    if (!prints(run.formats) || run.signal?.aborted || run.project.sources.length === 0) return;
    if (!run.force && existsSync(path.join(run.outDir, CACHE_NAME))) return;
    // As many tabs as issues to print, up to the pool's size (sources asked for by name count one each).
    const asked = run.paths?.length && run.paths.every((p) => p.endsWith('.md')) ? run.paths.length : run.project.sources.length;
    this.early = startPrinter(run)
      .then(async (p) => {
        await p.pool.prime(Math.min(asked, run.concurrency));
        return p;
      })
      .catch(() => undefined);
  }

  /**
   * The printer for `count` prints (the early one, or started now), awaited by the first issue
   * whose page is rendered: rendering does not wait for the browser. Closed after the last print.
   */
  acquire(count: number): Promise<Started> {
    this.remaining = count;
    // Released already (the run was interrupted): no browser is started any more.
    const started = this.closing
      ? Promise.reject(interruptedError(this.run.signal ?? AbortSignal.abort('SIGINT')))
      : (this.started ??= (this.early ?? Promise.resolve(undefined)).then((p) => p ?? startPrinter(this.run)));
    // Awaited by the first page rendered, maybe never (every issue failed before): no unhandled rejection.
    started.catch(() => {});
    return started;
  }

  /** One print is over (printed or failed): after the last, the browser is closed at once. */
  printed(): void {
    if (--this.remaining === 0) void this.release();
  }

  /** Closes whatever was started (its tabs, its browser, the browser that replaced it after a crash); once. */
  release(): Promise<void> {
    this.run.signal?.removeEventListener('abort', this.stop);
    return (this.closing ??= (async () => {
      const p = await (this.started ?? this.early)?.catch(() => undefined);
      if (!p) return;
      await p.pool.close().catch(() => {});
      // Disconnected first, the browser's process is ended at once, with its tabs: closed over
      // the connection, each tab it closed kept puppeteer waiting 100 ms for a frame swap.
      await p.browser.disconnect().catch(() => {});
      await p.browser.close().catch(() => {});
      if (p.pool.current !== p.browser) await p.pool.current.close().catch(() => {});
    })());
  }
}

/** Starts the browser and the pool of warm tabs that print a run's issues. */
async function startPrinter(run: Run): Promise<Started> {
  const { config } = run.project.loaded;
  // Chromium and the PDF tools load only when a PDF is made: an HTML build never pays for them.
  const [{ launchBrowser }, { TabPool }, { printFonts }] = await Promise.all([
    import('../../browser/browser.js'),
    import('../../pipeline/print.js'),
    import('../../fonts/printFonts.js'),
  ]);
  const launch = () =>
    launchBrowser({
      flag: run.browser,
      executablePath: config.browser.executablePath,
      channel: config.browser.channel,
      env: run.io.env,
      log: run.verbose ? (text: Said) => run.onEvent?.({ type: 'log', text }) : undefined,
      onPrepare: tellPrepare,
    });
  const tellPrepare = (p: Preparing) => run.onEvent?.({ type: 'prepare', ...p });
  const [browser, fonts] = await Promise.all([launch(), printFonts(resolveFonts(config, run.project.place.root), run.io.env, tellPrepare)]);
  const version = await browser.version();
  // A browser that dies mid-batch fails the issue it was printing; the next ones get a new one.
  const pool = new TabPool(browser, { allowed: [run.outDir], timeout: config.browser.timeout, fonts, zoom: 4 }, run.concurrency, 200, launch);
  return { browser, version, pool };
}
