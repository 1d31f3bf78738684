import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { hasErrors } from '../diagnostics/report.js';
import { bulletinError } from '../diagnostics/errors.js';
import { templateEnvironment } from '../pipeline/render.js';
import { Writer } from '../pipeline/write.js';
import { resolveFonts } from '../fonts/fonts.js';
import { serialiseManifest, sha256, type ManifestEntry } from '../model/manifest.js';
import { mergeEntries, publish, readManifest, shardManifestName, type Shard } from './publish.js';
import { displayPath, type Io } from './io.js';
import { analyse, discoverProject, type Project } from './analyse.js';
import { ANALYSIS_CACHE_NAME, readAnalysisCache, serialiseAnalysisCache } from './analysisCache.js';
import { acquireLock } from './lock.js';
import { browserIdentity, CACHE_NAME, issueKey, readCache, runKey, serialiseCache, unchanged } from './cache.js';
import { interruptedError, throwIfInterrupted } from './interrupt.js';
import { VERSION } from '../version.js';

export type { Format } from '../pipeline/index.js';
import { prints, produce, type Format } from '../pipeline/index.js';
import type { TabPool } from '../pipeline/print.js';

export interface BuildOptions {
  paths?: string[];
  out?: string;
  formats?: Format[];
  /** Browser start-up details go to the events as 'log'. */
  verbose?: boolean;
  /** Build only this deterministic part of the issues, for parallel CI jobs. */
  shard?: Shard;
  /** `--draft`: build sources that still hold 【待补】, marked as drafts (watermark, manifest). */
  draft?: boolean;
  /** `--force`: build every issue, whatever the cache says is unchanged. */
  force?: boolean;
  /** `--browser PATH`: the browser to print with, before config and environment. */
  browser?: string;
  /** `--concurrency N`: issues printed at once, each on its own warm tab (default: the cores). */
  concurrency?: number;
  io: Io;
  /** Aborted on SIGINT/SIGTERM (see interrupt.ts): the build stops, cleans up and throws Interrupted. */
  signal?: AbortSignal;
  /** The config and source list already read (preview, between saves): not read again. */
  project?: Project;
  /** Told as the run goes: each issue when it is done, unchanged or failed (the CLI prints them). */
  onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
  /** The run's issues are known: `total` of them, of which `toBuild` will be built. */
  | { type: 'start'; total: number; toBuild: number; outDir: string }
  /** An issue starts being built. */
  | { type: 'begin'; source: string }
  /** One issue is through: built, unchanged (the cache had it) or failed (its messages say why). */
  | { type: 'issue'; source: string; status: 'built' | 'unchanged' | 'failed'; entry?: ManifestEntry; errors: number; done: number; total: number }
  /** A detail for --verbose (browser discovery and start-up). */
  | { type: 'log'; text: string };

/** The shard an issue belongs to: a hash of its source path, so adding issues moves none. */
export function shardOf(source: string, count: number): number {
  return (parseInt(sha256(source).slice(0, 8), 16) % count) + 1;
}

export interface BuiltIssue {
  file: VFile;
  entry?: ManifestEntry;
  /** Its inputs and outputs were as the cache recorded: nothing was built or written. */
  unchanged?: boolean;
}

export interface BuildResult {
  exitCode: number;
  /** Every source (and a config file with errors), with its messages and what was built. */
  issues: BuiltIssue[];
  /** Requests the renderer refused, over all issues. */
  blocked: string[];
  /** The output folder (absolute). */
  outDir?: string;
  /** A failure that is not about a source (no sources found): the catalogue error. */
  error?: unknown;
}

/**
 * Builds issues into HTML and PDF. Sources with errors are reported and skipped; the rest
 * are built with one browser for the whole run. Returns the exit code: 0 ok, 1 problems.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // The project first, to know the output folder and so the analysis kept there by the last build.
  const project = options.project ?? (await discoverProject(options.io));
  const run: Run = {
    ...options,
    project,
    formats: options.formats ?? ['html', 'pdf'],
    concurrency: Math.max(1, options.concurrency ?? availableParallelism()),
    outDir: path.resolve(options.io.cwd, options.out ?? project.loaded.config.out),
  };
  const early = earlyPrinter(run);
  try {
    return await buildRun(run, early);
  } finally {
    await early.dispose();
  }
}

/** The options of a run with what follows from them and the project, worked out once. */
interface Run extends BuildOptions {
  project: Project;
  formats: Format[];
  /** Issues printed at once (--concurrency, else the cores). */
  concurrency: number;
  /** The output folder, absolute. */
  outDir: string;
}

/** The run's printer: one browser and its pool of warm tabs. */
interface RunPrinter {
  browser: Browser;
  version: string;
  pool: TabPool;
}

/** Starts the browser and the pool of warm tabs that print a run's issues. */
async function startPrinter(options: Run): Promise<RunPrinter> {
  const { config } = options.project.loaded;
  // Chromium and the PDF tools load only when a PDF is made: an HTML build never pays for them.
  const [{ launchBrowser }, { TabPool }, { printFonts }] = await Promise.all([
    import('../browser/browser.js'),
    import('../pipeline/print.js'),
    import('../fonts/printFonts.js'),
  ]);
  const launch = () =>
    launchBrowser({
      flag: options.browser,
      executablePath: config.browser.executablePath,
      channel: config.browser.channel,
      env: options.io.env,
      log: options.verbose ? (text: string) => options.onEvent?.({ type: 'log', text }) : undefined,
    });
  const [browser, fonts] = await Promise.all([launch(), printFonts(resolveFonts(config, options.io.cwd), options.io.env)]);
  const version = await browser.version();
  // A browser that dies mid-batch fails the issue it was printing; the next ones get a new one.
  const pool = new TabPool(browser, { allowed: [options.outDir], timeout: config.browser.timeout, fonts, zoom: 4 }, options.concurrency, 200, launch);
  return { browser, version, pool };
}

/** Closes a run's printer: its tabs, its browser, and the browser that replaced it after a crash. */
async function closePrinter(p: RunPrinter): Promise<void> {
  await p.pool.close().catch(() => {});
  await p.browser.close().catch(() => {});
  if (p.pool.current !== p.browser) await p.pool.current.close().catch(() => {});
}

/** A printer started while the sources are read, for the print to take (or closed unused). */
interface EarlyPrinter {
  take(): Promise<RunPrinter | undefined>;
  dispose(): Promise<void>;
}

/**
 * A cold build that will print (no build cache in the output folder, or --force) starts its
 * browser at once and loads the print fonts into its tabs while the sources are read and checked,
 * instead of after (0.15 s start and 0.5 s of fonts per tab, of a single issue's 2 s). An
 * incremental build may have nothing to print, so it starts the browser only when it needs one.
 * A failed early start is forgotten: the print starts the browser again and reports why it cannot.
 */
function earlyPrinter(run: Run): EarlyPrinter {
  const none: EarlyPrinter = { take: async () => undefined, dispose: async () => {} };
  if (!prints(run.formats) || run.signal?.aborted || run.project.sources.length === 0) return none;
  if (!run.force && existsSync(path.join(run.outDir, CACHE_NAME))) return none;
  // As many tabs as issues to print, up to the pool's size (sources asked for by name count one each).
  const asked = run.paths?.length && run.paths.every((p) => p.endsWith('.md')) ? run.paths.length : run.project.sources.length;
  const started = startPrinter(run).catch(() => undefined);
  const primed = started.then(async (p) => {
    await p?.pool.prime(Math.min(asked, run.concurrency));
    return p;
  });
  let taken = false;
  return {
    take: async () => {
      taken = true;
      return primed;
    },
    dispose: async () => {
      if (taken) return;
      const p = await started;
      if (p) await closePrinter(p);
    },
  };
}

async function buildRun(options: Run, early: EarlyPrinter): Promise<BuildResult> {
  const { io, project, formats, concurrency, outDir } = options;
  const root = io.cwd;
  const show = (abs: string) => displayPath(io, abs);
  // A build into another folder (--out) that has no kept analysis of its own starts from the one
  // kept in the project's output folder: the analysis is the sources', whatever folder they are
  // built into (each entry's key checks its source, config and tool as usual).
  const projectOut = path.resolve(root, project.loaded.config.out);
  let analysisCache = options.force ? new Map() : await readAnalysisCache(outDir);
  if (!options.force && analysisCache.size === 0 && outDir !== projectOut) analysisCache = await readAnalysisCache(projectOut);
  const analysis = await analyse(io, options.paths ?? [], { draft: options.draft, project, cache: analysisCache });
  const emit = options.onEvent ?? (() => {});
  if (analysis.configFile && hasErrors(analysis.configFile)) return { exitCode: 1, issues: [{ file: analysis.configFile }], blocked: [] };
  const { config, sourcesDir } = analysis;
  const compiled = analysis.sources;
  if (compiled.length === 0) return { exitCode: 1, issues: [], blocked: [], error: bulletinError('NoSources', [show(sourcesDir)]) };

  const writer = new Writer(outDir);
  const env = templateEnvironment(path.join(root, 'templates'), io.env);
  const fonts = resolveFonts(config, root);
  const entries: ManifestEntry[] = [];
  const unchangedSources = new Set<string>();
  const blocked: string[] = [];
  const shard = options.shard;
  const ready = compiled.filter((c) => c.bulletin && !hasErrors(c.file) && (!shard || shardOf(c.bulletin.source, shard.count) === shard.index));
  // One build at a time writes into an output folder; a killed build's leftovers are swept.
  const { signal } = options;
  const lock = ready.length > 0 || shard ? await acquireLock(outDir, show) : undefined;
  let closing: Promise<void> | undefined;
  const writing: Array<Promise<unknown>> = [];
  try {
    await writer.sweep();
    // Incremental: issues whose inputs hash as the cache recorded, with their outputs intact,
    // are taken as they are (decided under the lock, so no other build is writing meanwhile).
    const cache = options.force ? { version: 1 as const, issues: {} } : await readCache(outDir);
    let browserId = 'none';
    if (prints(formats)) {
      const { discoverBrowser, realSystem } = await import('../browser/discover.js');
      const found = discoverBrowser({ flag: options.browser, configPath: config.browser.executablePath, channel: config.browser.channel }, realSystem(io.env)).chosen;
      browserId = await browserIdentity(found?.path, found?.bundled === true);
    }
    const run = await runKey({ config, root, formats, draft: options.draft === true, browser: browserId });
    const keys = new Map<string, string>();
    for (const c of ready) {
      const key = await issueKey(run, String(c.file.value ?? ''), c.bulletin!, c.stem);
      keys.set(c.bulletin!.source, key);
      const entry = await unchanged(cache, c.bulletin!.source, key, outDir, formats);
      if (entry) {
        entries.push(entry);
        unchangedSources.add(entry.source);
      }
    }
    const toBuild = ready.filter((c) => !unchangedSources.has(c.bulletin!.source));
    // What is known at once is told at once: sources with errors, and issues the cache has.
    const total = compiled.filter((c) => hasErrors(c.file) || ready.includes(c)).length;
    let done = 0;
    const tell = (source: string, status: 'built' | 'unchanged' | 'failed', file: VFile, entry?: ManifestEntry) =>
      emit({ type: 'issue', source, status, errors: file.messages.filter((m) => m.fatal === true).length, done: ++done, total, ...(entry ? { entry } : {}) });
    emit({ type: 'start', total, toBuild: toBuild.length, outDir });
    for (const c of compiled) if (hasErrors(c.file)) tell(c.file.path, 'failed', c.file);
    for (const c of ready) if (unchangedSources.has(c.bulletin!.source)) tell(c.file.path, 'unchanged', c.file, entries.find((e) => e.source === c.bulletin!.source));
    // The printer is started (or taken from the early start) now, and awaited only by the first
    // issue that has its HTML ready to print: rendering does not wait for the browser.
    const printing: Promise<RunPrinter> | undefined =
      prints(formats) && toBuild.length > 0 ? early.take().then((p) => p ?? startPrinter(options)) : undefined;
    printing?.catch(() => {});
    // The browser is closed once the last page is printed, while the PDFs are finished and the
    // manifest and listing pages written (at the end, when an issue failed before its print),
    // or at once when the run is interrupted (as soon as it has started).
    const close = () =>
      (closing ??= (async () => {
        const started = await printing?.catch(() => undefined);
        if (started) await closePrinter(started);
      })());
    const stop = () => void close();
    signal?.addEventListener('abort', stop, { once: true });
    let toPrint = toBuild.length;
    const onPrinted = () => {
      if (--toPrint === 0) void close();
    };
    try {
      throwIfInterrupted(signal);
      // One more issue than tabs: one renders its HTML while the others print.
      const limit = pLimit(concurrency + 1);
      // Settled, not all: no write may still be running when the lock is released.
      const settled = await Promise.allSettled(
        toBuild.map((c) =>
          limit(async () => {
            throwIfInterrupted(signal);
            emit({ type: 'begin', source: c.file.path });
            const entry = await produce(c.file, c.bulletin!, c.stem, { config, env, fonts, writer, outDir, formats, ...(printing ? { printing, onPrinted } : {}), blocked, version: VERSION, signal });
            if (entry) entries.push(entry);
            tell(c.file.path, entry ? 'built' : 'failed', c.file, entry);
          }),
        ),
      );
      for (const r of settled) if (r.status === 'rejected') throw r.reason;
      throwIfInterrupted(signal);
    } catch (error) {
      await writer.cleanup();
      throw signal?.aborted ? interruptedError(signal) : error;
    } finally {
      signal?.removeEventListener('abort', stop);
      void close();
    }

    // The caches, the manifest and the listing pages are written side by side.
    if (ready.length > 0) {
      for (const e of entries) {
        const key = keys.get(e.source);
        if (key) cache.issues[e.source] = { key, entry: e };
      }
      writing.push(writer.write(CACHE_NAME, serialiseCache(cache)), writer.write(ANALYSIS_CACHE_NAME, serialiseAnalysisCache(analysisCache)));
    }
    if (shard) {
      writing.push(writer.write(shardManifestName(shard), serialiseManifest(entries)));
    } else if (entries.length > 0) {
      // Entries already published stay (an issue that fails today keeps its last good
      // outputs), except those whose source is gone: their outputs are removed with them.
      const previous = await readManifest(path.join(outDir, 'manifest.json'));
      const gone = options.paths?.length ? [] : previous.filter((e) => !existsSync(path.resolve(root, e.source)));
      for (const e of gone) await removeOutputs(writer, e);
      const kept = previous.filter((e) => !gone.includes(e));
      writing.push(publish(writer, root, config, mergeEntries(kept, entries), io.env));
    }
    for (const r of await Promise.allSettled(writing)) if (r.status === 'rejected') throw r.reason;
  } finally {
    // Settled, not all: no write may still be running when the lock is released.
    await Promise.allSettled(writing);
    await closing;
    await lock?.release();
  }

  const files = compiled.map((c) => c.file);
  const issues = compiled.map((c) => {
    const entry = entries.find((e) => e.source === c.bulletin?.source);
    return { file: c.file, entry, ...(entry && unchangedSources.has(entry.source) ? { unchanged: true } : {}) };
  });
  return { exitCode: files.some(hasErrors) ? 1 : 0, issues, blocked, outDir };
}

/** Removes the files an issue's manifest entry names (HTML, PDF, Word, OFD, its images). */
async function removeOutputs(writer: Writer, e: ManifestEntry): Promise<void> {
  for (const file of [e.html?.path, e.pdf?.path, e.docx?.path, e.ofd?.path]) if (file) await writer.remove(file);
  const stem = (e.pdf?.path ?? e.html?.path ?? e.docx?.path ?? e.ofd?.path ?? '').replace(/\.(html|pdf|docx|ofd)$/, '');
  if (stem) await writer.remove(`${stem}.assets`);
}
