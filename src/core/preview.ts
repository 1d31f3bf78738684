import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VFile } from 'vfile';
import { locateProject } from '../config/locate.js';
import type { Lang } from '../diagnostics/rules.js';
import { BulletinError, describeError } from '../diagnostics/errors.js';
import { PreviewServer } from '../preview/server.js';
import { PreviewState, type IssueState } from '../preview/state.js';
import { RebuildQueue, type Work } from '../preview/queue.js';
import { watchProject, type Watching } from '../preview/watch.js';
import { build, type BuildEvent, type Format } from './build.js';
import { displayPath, type Io } from './io.js';
import { discoverProject, type Project } from './analyse.js';
import { findSources, outputStem } from './sources.js';

export { DEFAULT_PREVIEW_PORT } from '../preview/port.js';
import { DEFAULT_PREVIEW_PORT } from '../preview/port.js';
const DEBOUNCE_MS = 40;

export interface PreviewOptions {
  paths?: string[];
  /** Default 4173; when taken, the next ten are tried; 0 lets the system choose. */
  port?: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Host names the server answers to besides loopback names and IP addresses (`--allow-host`). */
  allowHosts?: string[];
  /** Build the PDFs too (slower). */
  pdf?: boolean;
  verbose?: boolean;
  io: Io;
  /** Aborting it stops the preview as close() does. */
  signal?: AbortSignal;
  /** Told as the preview goes (the CLI prints them). */
  onEvent?: (event: PreviewEvent) => void;
  /** The language of the preview's own pages (the index, error pages, the panel over a page); default Chinese. */
  lang?: Lang;
  /** `--open`: called once with the address when the preview is served (the CLI opens the browser). */
  open?: (url: string) => void;
}

export type PreviewEvent =
  /** One issue was (re)built: where to open it, or that its page shows its errors. */
  | { type: 'issue'; source: string; status: 'built' | 'failed'; url: string; pdf?: string; errors: number; pending?: number }
  /** The port asked for was taken: the preview serves on another. */
  | { type: 'portMoved'; asked: number; port: number }
  /** Files changed; these sources (or everything) are being rebuilt. */
  | { type: 'rebuild'; changed: string[] | 'all' }
  /** The diagnostics of a (re)build: the config file and the sources built. */
  | { type: 'report'; files: VFile[] }
  | { type: 'updated'; seconds: number }
  /** The build itself failed (no browser, say): the pages show it too. */
  | { type: 'failure'; error: unknown }
  | { type: 'serving'; url: string; host: string; sources: string; config: string }
  /** A first run's slow work, as build tells it (a PDF preview unpacking the bundled Chromium). */
  | Extract<BuildEvent, { type: 'prepare' }>;

export interface PreviewSession {
  /** 0 while serving; 1 when there was nothing to preview. */
  exitCode: number;
  url?: string;
  /** The temporary folder served (removed by close()). */
  dir?: string;
  /** Stops watching and serving and removes the temporary folder. Safe to call twice. */
  close: () => Promise<void>;
  /** Why there is no preview: the catalogue error (the port is taken, say); exitCode is 1. */
  error?: BulletinError;
}

/**
 * Serves a live preview of the sources: builds their HTML with build() into a private
 * temporary folder, serves it on loopback, rebuilds on every change to the sources, the
 * templates or the config, and makes open pages reload. A source with errors shows its
 * diagnostics in the browser instead of a stale page. Its parts: the state the pages show
 * (preview/state.ts), the server, the watchers (preview/watch.ts) and the queue of rebuilds
 * (preview/queue.ts); this file builds and composes them.
 */
export async function preview(options: PreviewOptions): Promise<PreviewSession> {
  const { io } = options;
  const place = locateProject(io.cwd, io.config);
  const root = place.root;
  const show = (abs: string) => displayPath(io, abs);
  const host = options.host ?? '127.0.0.1';
  const outDir = await mkdtemp(path.join(tmpdir(), 'bulletin-preview-'));
  const stopBuilds = new AbortController();
  const emit = options.onEvent ?? (() => {});
  const state = new PreviewState(root, outDir, options.lang);
  const server = new PreviewServer(outDir, { build: () => state.buildId(), page: (pathname) => state.page(pathname), decorate: (pathname, html) => state.decorate(pathname, html) }, options.lang);
  const rebuild = rebuilder(options, state, stopBuilds.signal);

  let watching: Watching | undefined;
  const queue = new RebuildQueue(DEBOUNCE_MS, async (work) => {
    emit({ type: 'rebuild', changed: work === 'full' ? 'all' : [...work].map(show) });
    const started = Date.now();
    await rebuild(work);
    if (queue.isClosed) return;
    emit({ type: 'updated', seconds: (Date.now() - started) / 1000 });
    server.reload(state.buildId());
    if (work === 'full') void rewatch();
  });
  // An edited source is rebuilt alone; anything else rebuilds everything.
  const changed = (absolute: string) => queue.changed(absolute, absolute.endsWith('.md') && state.chosen.has(absolute) && existsSync(absolute));
  const rewatch = (): Promise<void> => {
    void watching?.close();
    watching = watchProject({ root, config: place.config, sourcesDir: state.sourcesDir, paths: (options.paths ?? []).map((p) => path.resolve(io.cwd, p)) }, changed);
    return watching.ready;
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      queue.stop();
      options.signal?.removeEventListener('abort', onAbort);
      stopBuilds.abort('SIGINT');
      await watching?.close();
      await queue.settled();
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    })());
  const onAbort = () => void close();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const asked = options.port ?? DEFAULT_PREVIEW_PORT;
    const port = await server.listen(host, asked, 10, options.allowHosts ?? []);
    // A taken port is not moved from silently: the address the user expected is not this one.
    if (asked !== 0 && port !== asked) emit({ type: 'portMoved', asked, port });
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    state.url = `http://${shown}:${port}/`;
    const initial = rebuild('full');
    queue.running = initial;
    const found = await initial;
    if (options.signal?.aborted || found === 0) {
      // Interrupted while building (a clean stop), or nothing to preview (build said why).
      await close();
      return { exitCode: found === 0 ? 1 : 0, dir: outDir, close };
    }
  } catch (error) {
    await close();
    if (error instanceof BulletinError) return { exitCode: 1, close, error };
    throw error;
  }
  await rewatch();
  emit({ type: 'serving', url: state.url, host, sources: show(state.sourcesDir), config: show(place.config) });
  options.open?.(state.url);
  return { exitCode: 0, url: state.url, dir: outDir, close };
}

/**
 * Builds a preview's work (everything, or these sources) with build() and records what each page
 * should show. The returned function gives how many sources the build looked at (0: none found),
 * or undefined when the build failed as a whole (the pages show why) or was stopped.
 */
function rebuilder(options: PreviewOptions, state: PreviewState, signal: AbortSignal): (work: Work) => Promise<number | undefined> {
  const { io } = options;
  const emit = options.onEvent ?? (() => {});
  const formats: Format[] = options.pdf ? ['html', 'pdf'] : ['html'];
  const { outDir } = state;
  // The config and the list of sources are read again only when something other than a
  // known source changed (a full rebuild); a saved source is rebuilt with what is known.
  let project: Project | undefined;
  return async (work) => {
    if (work === 'full' || !project) project = await discoverProject(io);
    const { config } = project.loaded;
    const { root } = project.place;
    state.sourcesDir = path.resolve(root, config.sources);
    state.title = config.title;
    const all = options.paths?.length ? await findSources(options.paths, io.cwd, state.sourcesDir) : project.sources;
    const paths = work === 'full' ? (options.paths ?? []) : [...work];
    state.problems.failure = undefined;
    // A draft ({@link build}'s --draft): a new issue's 【待补】 shows, marked, instead of an error page.
    // A first run's slow work (the bundled Chromium unpacked for --pdf) is told as the build tells it.
    const onEvent = (e: BuildEvent) => void (e.type === 'prepare' && emit(e));
    const result = await build({ paths, out: outDir, formats, verbose: options.verbose, io, signal, project, draft: true, onEvent }).catch((error: unknown) => ({ error, exitCode: 1, issues: [], blocked: [] }));
    if (result.error) {
      if (signal.aborted) return undefined;
      emit({ type: 'failure', error: result.error });
      // No sources yet is a state of the project, shown as such; any other failure (or a defect) is shown on the pages.
      if (result.error instanceof BulletinError && (result.error.errorName === 'NoSources' || result.error.errorName === 'NoProject')) return 0;
      state.problems.failure = describeError(result.error, options.verbose, options.lang);
      state.advance();
      return undefined;
    }
    emit({ type: 'report', files: result.issues.map((i) => i.file) });
    const configPath = displayPath(io, project.place.config);
    state.problems.files = result.issues.filter((i) => i.file.path === configPath).map((i) => i.file);
    if (work === 'full') {
      for (const stale of [...state.issues.values()].filter((i) => !all.includes(path.resolve(io.cwd, i.source)))) {
        state.issues.delete(stale.stem);
        await Promise.all(['html', 'pdf'].map((ext) => rm(path.join(outDir, `${stale.stem}.${ext}`), { force: true })));
      }
    }
    state.chosen = new Set(all);
    const done: IssueState[] = [];
    for (const { file, entry } of result.issues) {
      if (file.path === configPath) continue;
      const stem = entry?.html ? entry.html.path.replace(/\.html$/, '') : outputStem(path.resolve(io.cwd, file.path), root, state.sourcesDir);
      done.push(state.record(file, entry, stem));
    }
    state.advance();
    for (const i of done) {
      const errors = i.file.messages.filter((m) => m.fatal === true).length;
      const pending = i.file.messages.filter((m) => m.ruleId === 'placeholder').length;
      emit({ type: 'issue', source: i.source, status: errors ? 'failed' : 'built', url: state.href(`${i.stem}.html`), errors, ...(i.pdf && !errors ? { pdf: state.href(i.pdf) } : {}), ...(pending && !errors ? { pending } : {}) });
    }
    return result.issues.length;
  };
}
