import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VFile } from 'vfile';
import { CONFIG_NAME } from '../config/load.js';
import { BulletinError, describeError } from '../diagnostics/errors.js';
import { hasErrors } from '../diagnostics/report.js';
import { errorPage, indexPage, type FontsFor, type IndexRow } from '../preview/pages.js';
import { FONTS_DIR, fontFaces, resolveFonts, slicesFor } from '../fonts/fonts.js';
import { defaultConfig } from '../config/schema.js';
import { PreviewServer } from '../preview/server.js';
import { build, type Format } from './build.js';
import { displayPath, type Io } from './io.js';
import { discoverProject, type Project } from './analyse.js';
import { findSources, outputStem } from './sources.js';
import { isInside } from '../paths.js';

export { DEFAULT_PREVIEW_PORT } from '../preview/port.js';
import { DEFAULT_PREVIEW_PORT } from '../preview/port.js';
const DEBOUNCE_MS = 150;

export interface PreviewOptions {
  paths?: string[];
  /** Default 4173; when taken, the next ten are tried; 0 lets the system choose. */
  port?: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Build the PDFs too (slower). */
  pdf?: boolean;
  verbose?: boolean;
  io: Io;
  /** Aborting it stops the preview as close() does. */
  signal?: AbortSignal;
  /** Told as the preview goes (the CLI prints them). */
  onEvent?: (event: PreviewEvent) => void;
}

export type PreviewEvent =
  /** One issue was (re)built: where to open it, or that its page shows its errors. */
  | { type: 'issue'; source: string; status: 'built' | 'failed'; url: string; pdf?: string; errors: number }
  /** Files changed; these sources (or everything) are being rebuilt. */
  | { type: 'rebuild'; changed: string[] | 'all' }
  /** The diagnostics of a (re)build: the config file and the sources built. */
  | { type: 'report'; files: VFile[] }
  | { type: 'updated'; seconds: number }
  /** The build itself failed (no browser, say): the pages show it too. */
  | { type: 'failure'; error: unknown }
  | { type: 'serving'; url: string; host: string; sources: string; config: string };

export interface PreviewSession {
  /** 0 while serving; 1 when there was nothing to preview. */
  exitCode: number;
  url?: string;
  /** The temporary folder served (removed by close()). */
  dir?: string;
  /** Stops watching and serving and removes the temporary folder. Safe to call twice. */
  close: () => Promise<void>;
}

interface IssueState {
  source: string;
  stem: string;
  file: VFile;
  label?: string;
  html?: string;
  pdf?: string;
}

type Work = 'full' | Set<string>;

const IGNORED = /(^\.|~$|\.sw[a-z]$|\.tmp$|^4913$)/;

/**
 * Serves a live preview of the sources: builds their HTML with build() into a private
 * temporary folder, serves it on loopback, rebuilds on every change to the sources, the
 * templates or the config, and makes open pages reload. A source with errors shows its
 * diagnostics in the browser instead of a stale page.
 */
export async function preview(options: PreviewOptions): Promise<PreviewSession> {
  const { io } = options;
  const root = io.cwd;
  const show = (abs: string) => displayPath(io, abs);
  const host = options.host ?? '127.0.0.1';
  const formats: Format[] = options.pdf ? ['html', 'pdf'] : ['html'];
  const outDir = await mkdtemp(path.join(tmpdir(), 'bulletin-preview-'));
  const stopBuilds = new AbortController();

  const issues = new Map<string, IssueState>();
  const problems: { files: VFile[]; failure?: string } = { files: [] };
  let chosen = new Set<string>();
  let sourcesDir = path.resolve(root, 'bulletins');
  let title = '简报';
  let generation = 0;
  const buildId = () => String(generation);

  // The preview's own pages use the bundled body font too, copied next to the built issues.
  const bodyFont = resolveFonts(defaultConfig, root).find((f) => f.role === 'body');
  const fontsFor: FontsFor = (text) => {
    if (!bodyFont) return '';
    const faces = fontFaces([{ font: bodyFont, used: slicesFor(bodyFont, text).used }], FONTS_DIR, '');
    for (const f of faces.files) {
      const target = path.join(outDir, ...f.to.split('/'));
      if (!existsSync(target)) {
        mkdirSync(path.dirname(target), { recursive: true });
        const tmp = `${target}.${process.pid}.tmp`;
        copyFileSync(f.from, tmp);
        renameSync(tmp, target);
      }
    }
    return faces.css.replaceAll(`url("${FONTS_DIR}/`, `url("/${FONTS_DIR}/`);
  };

  const server = new PreviewServer(outDir, {
    build: buildId,
    page(pathname) {
      if (pathname === '/') return indexPage(title, rows(), problems, buildId(), fontsFor);
      const m = /^\/(.+)\.(html|pdf)$/.exec(pathname);
      const issue = m?.[1] ? issues.get(m[1]) : undefined;
      if (issue && (hasErrors(issue.file) || problems.files.some(hasErrors) || problems.failure)) {
        return errorPage([...problems.files, issue.file], problems.failure, buildId(), fontsFor);
      }
      return undefined;
    },
  });

  let url = '';
  const href = (rel: string) => `${url}${rel.split('/').map(encodeURIComponent).join('/')}`;
  const rows = (): IndexRow[] =>
    [...issues.values()].map((i) => ({
      source: i.source,
      ...(i.label ? { label: i.label } : {}),
      href: href(`${i.stem}.html`),
      ...(i.pdf ? { pdfHref: href(i.pdf) } : {}),
      errors: i.file.messages.filter((m) => m.fatal === true).length,
      warnings: i.file.messages.filter((m) => m.fatal === false).length,
    }));

  /**
   * Builds `work` (everything, or these sources) and records what each page should show.
   * Returns how many sources the build looked at (0: none found), or undefined if it threw.
   */
  const emit = options.onEvent ?? (() => {});
  // The config and the list of sources are read again only when something other than a
  // known source changed (a full rebuild); a saved source is rebuilt with what is known.
  let project: Project | undefined;
  const rebuild = async (work: Work): Promise<number | undefined> => {
    if (work === 'full' || !project) project = await discoverProject(io);
    const { config } = project.loaded;
    sourcesDir = path.resolve(root, config.sources);
    title = config.title;
    const all = options.paths?.length ? await findSources(options.paths, root, config.sources) : project.sources;
    const paths = work === 'full' ? (options.paths ?? []) : [...work];
    problems.failure = undefined;
    let result;
    try {
      result = await build({ paths, out: outDir, formats, verbose: options.verbose, io, signal: stopBuilds.signal, project });
    } catch (error) {
      if (stopBuilds.signal.aborted) return undefined;
      problems.failure = describeError(error, options.verbose);
      emit({ type: 'failure', error });
      generation++;
      return undefined;
    }
    if (result.error) {
      if (stopBuilds.signal.aborted) return undefined;
      emit({ type: 'failure', error: result.error });
      // No sources yet is a state of the project, shown as such; any other failure is shown on the pages.
      if (result.error instanceof BulletinError && result.error.errorName === 'NoSources') return 0;
      problems.failure = describeError(result.error, options.verbose);
      generation++;
      return undefined;
    }
    emit({ type: 'report', files: result.issues.map((i) => i.file) });
    const configPath = show(path.join(root, CONFIG_NAME));
    problems.files = result.issues.filter((i) => i.file.path === configPath).map((i) => i.file);
    if (work === 'full') {
      for (const stale of [...issues.values()].filter((i) => !all.includes(path.resolve(root, i.source)))) {
        issues.delete(stale.stem);
        await Promise.all(['html', 'pdf'].map((ext) => rm(path.join(outDir, `${stale.stem}.${ext}`), { force: true })));
      }
    }
    chosen = new Set(all);
    const done: IssueState[] = [];
    for (const { file, entry } of result.issues) {
      if (file.path === configPath) continue;
      const stem = entry?.html ? entry.html.path.replace(/\.html$/, '') : outputStem(path.resolve(root, file.path), root, sourcesDir);
      const state: IssueState = {
        source: file.path,
        stem,
        file,
        ...(entry ? { label: `${entry.date.slice(0, 4)}年第${entry.issue}期（总第${entry.total}期）`, html: entry.html?.path } : {}),
        ...(entry?.pdf ? { pdf: entry.pdf.path } : {}),
      };
      issues.set(stem, state);
      done.push(state);
    }
    generation++;
    for (const i of done) {
      const errors = i.file.messages.filter((m) => m.fatal === true).length;
      emit({ type: 'issue', source: i.source, status: errors ? 'failed' : 'built', url: href(`${i.stem}.html`), errors, ...(i.pdf && !errors ? { pdf: href(i.pdf) } : {}) });
    }
    return result.issues.length;
  };

  // Changes are gathered for DEBOUNCE_MS, then built one run at a time.
  let pending: Work | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;
  const changed = (absolute: string | undefined) => {
    if (closed) return;
    // An edited source is rebuilt alone; anything else (config, templates, images, a source
    // added or removed) rebuilds everything.
    if (absolute === undefined || !absolute.endsWith('.md') || !chosen.has(absolute) || !existsSync(absolute) || pending === 'full') {
      pending = 'full';
    } else {
      const set = pending ?? new Set<string>();
      set.add(absolute);
      pending = set;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        const work = pending;
        pending = undefined;
        if (!work || closed) return;
        emit({ type: 'rebuild', changed: work === 'full' ? 'all' : [...work].map(show) });
        const started = Date.now();
        await rebuild(work);
        if (closed) return;
        emit({ type: 'updated', seconds: (Date.now() - started) / 1000 });
        server.reload(buildId());
        if (work === 'full') void rewatch();
      });
    }, DEBOUNCE_MS);
  };

  // chokidar: the sources folder and templates/ recursively (new folders included, an editor's
  // atomic save seen as one change), and explicit paths outside the sources folder.
  let watchers: FSWatcher[] = [];
  const rewatch = (): Promise<void> => {
    for (const w of watchers) void w.close();
    const templates = path.join(root, 'templates');
    const config = path.join(root, CONFIG_NAME);
    const outside = (options.paths ?? []).map((p) => path.resolve(root, p)).filter((p) => !isInside(sourcesDir, p));
    const top = path.join(root, path.relative(root, sourcesDir).split(path.sep)[0] ?? '');
    const ignored = (p: string) => path.relative(root, p).split(path.sep).some((seg) => IGNORED.test(seg) || seg === 'node_modules');
    const deep = chokidarWatch([...new Set([sourcesDir, templates, ...outside])].filter(existsSync), { ignoreInitial: true, atomic: true, ignored });
    deep.on('all', (_event, p) => changed(p));
    // The project folder itself, one level: the config file, and either folder appearing.
    const shallow = chokidarWatch(root, { ignoreInitial: true, atomic: true, depth: 0, ignored });
    shallow.on('all', (_event, p) => {
      if (p === config || p === templates || p === top) changed(p);
    });
    for (const w of [deep, shallow]) w.on('error', () => {});
    watchers = [deep, shallow];
    return Promise.all(watchers.map((w) => new Promise<void>((resolve) => w.once('ready', () => resolve())))).then(() => {});
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      closed = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      stopBuilds.abort('SIGINT');
      await Promise.all(watchers.map((w) => w.close()));
      await running.catch(() => {});
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    })());
  const onAbort = () => void close();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const port = await server.listen(host, options.port ?? DEFAULT_PREVIEW_PORT);
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    url = `http://${shown}:${port}/`;
    const initial = rebuild('full');
    running = initial;
    const found = await initial;
    if (options.signal?.aborted || found === 0) {
      // Interrupted while building (a clean stop), or nothing to preview (build said why).
      await close();
      return { exitCode: found === 0 ? 1 : 0, dir: outDir, close };
    }
  } catch (error) {
    await close();
    throw error;
  }
  await rewatch();
  emit({ type: 'serving', url, host, sources: show(sourcesDir), config: CONFIG_NAME });
  return { exitCode: 0, url, dir: outDir, close };
}
