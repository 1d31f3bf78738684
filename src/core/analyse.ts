import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { locateProject, type ProjectPlace } from '../config/locate.js';
import type { Config } from '../config/schema.js';
import { hasErrors } from '../diagnostics/report.js';
import { compileRead, type Compiled, type KnownFront } from '../pipeline/index.js';
import { parseFrontMatter } from '../pipeline/parse.js';
import { validate } from '../pipeline/validate.js';
import { read } from '../pipeline/read.js';
import { resolveAssets } from '../pipeline/resolveAssets.js';
import { VFile } from 'vfile';
import { analysisKey, restoreMessages, storeAnalysis, type AnalysisCache, type Analysed as KeptAnalysis } from './analysisCache.js';
import { checkNumbering, type NumberedSource } from '../archive/numbering.js';
import { keyLines, type KeyLines } from '../archive/keyLines.js';
import { loadArchive } from '../archive/loadArchive.js';
import type { NavIssue } from '../model/navigation.js';
import { displayPath, type Io } from './io.js';
import { findSources, outputStem, reservedOutput } from './sources.js';
import { report } from '../diagnostics/report.js';
import { sourceReservedOutput } from '../diagnostics/rules.js';
import { isInside } from '../paths.js';

export interface Analysed extends Compiled {
  absolute: string;
  /** Project-relative source path (forward slashes): the bulletin's `source`, known before it is compiled. */
  source: string;
  /** Output path without extension, relative to the output folder. */
  stem: string;
  /** Lines of the numbering keys (from the front matter, or the analysis cache). */
  lines?: KeyLines;
  /**
   * A streamed build (`stream`): the body is not analysed yet, only the front matter (clean).
   * completeAnalysis() runs the rest when the issue's turn to be built comes.
   */
  pending?: () => Compiled;
}

/** A source's analysis completed where it was left pending (a streamed build), in place; its messages go on its file. */
export function completeAnalysis(c: Analysed): void {
  const pending = c.pending;
  if (!pending) return;
  delete c.pending;
  Object.assign(c, pending());
}

export interface Analysis {
  config: Config;
  /** The config file with its diagnostics, when there is one. */
  configFile?: VFile;
  /** The project root (found from the working folder upwards). */
  root: string;
  /** A project was found; else the root is the working folder, which holds none. */
  found: boolean;
  sourcesDir: string;
  /** The sources asked for, compiled, linted and checked against the whole archive. */
  sources: Analysed[];
  /** Every source of the project whose front matter is valid, with where its page goes: the issue pages' navigation. */
  archive?: NavIssue[];
}

/** The project as found once: its place, its config and every source; reused by preview between saves. */
export interface Project {
  place: ProjectPlace;
  loaded: { config: Config; file?: VFile };
  /** Every source of the project (absolute). */
  sources: string[];
}

/** Finds the project from io.cwd upwards (or by --config), reads its config and lists its sources. */
export async function discoverProject(io: Io): Promise<Project> {
  const place = locateProject(io.cwd, io.config);
  const loaded = await loadConfig(place, (abs) => displayPath(io, abs));
  const sources = loaded.file && hasErrors(loaded.file) ? [] : await findSources([], place.root, loaded.config.sources);
  return { place, loaded, sources };
}

/**
 * Everything `check` reports and `build` refuses on, without rendering: each source through
 * read → parse → lint → validate → transform (missing images included), and
 * the numbering rules over every source of the project.
 */
export async function analyse(io: Io, paths: string[], options: { draft?: boolean; project?: Project; cache?: AnalysisCache; stream?: boolean } = {}): Promise<Analysis> {
  const show = (abs: string) => displayPath(io, abs);
  const place = options.project?.place ?? locateProject(io.cwd, io.config);
  const root = place.root;
  const loaded = options.project?.loaded ?? (await loadConfig(place, show));
  const config = loaded.config;
  const base = { config, root, found: place.found, sourcesDir: path.resolve(root, config.sources), ...(loaded.file ? { configFile: loaded.file } : {}) };
  if (loaded.file && hasErrors(loaded.file)) return { ...base, sources: [] };
  const { sourcesDir } = base;

  /** The key of a source as read, and what the cache kept for it under that same key. */
  const lookUp = async (cache: AnalysisCache, file: VFile, absolute: string): Promise<{ key: string; kept?: KeptAnalysis }> => {
    const key = await analysisKey(String(file.value), absolute, config, options.draft === true);
    const kept = cache.get(absolute);
    return { key, ...(kept?.key === key ? { kept } : {}) };
  };

  const sources: Analysed[] = [];
  for (const absolute of await findSources(paths, io.cwd, path.resolve(root, config.sources))) {
    const stem = outputStem(absolute, root, sourcesDir);
    const inProject = isInside(root, absolute);
    const compileOptions = {
      config,
      root: inProject ? root : path.dirname(absolute),
      source: inProject ? path.relative(root, absolute).split(path.sep).join('/') : path.basename(absolute),
      assetsDir: `${stem}.assets`,
      ...(options.draft ? { draft: true } : {}),
    };
    const file = await read(show(absolute), absolute, inProject ? { root } : {});
    const reserved = reservedOutput(stem);
    if (reserved) report(file, sourceReservedOutput, reserved);
    const cache = options.cache;
    const { key, kept } = cache && !hasErrors(file) ? await lookUp(cache, file, absolute) : {};
    if (kept) {
      const before = file.messages.length;
      // Unchanged since the last build: its findings are made again from the catalogue; only
      // its images are looked at on disk again. A kept analysis this code cannot use is a miss.
      try {
        restoreMessages(file, kept);
        const bulletin = kept.bulletin && resolveAssets(file, kept.bulletin, compileOptions);
        sources.push({ file, absolute, source: compileOptions.source, stem, ...(kept.frontMatter ? { frontMatter: kept.frontMatter } : {}), ...(bulletin ? { bulletin } : {}), ...(kept.lines ? { lines: kept.lines } : {}) });
        continue;
      } catch {
        file.messages.length = before;
      }
    }
    const compileNow = (front?: KnownFront): Compiled & { lines?: KeyLines } => {
      const before = file.messages.length;
      const compiled = compileRead(file, compileOptions, front);
      const lines = compiled.frontPart ? keyLines(compiled.frontPart.yaml) : undefined;
      if (cache && key) {
        cache.delete(absolute);
        // Kept only when clean of errors: a failing source is analysed again until it is right.
        if (!hasErrors(file)) {
          const fresh = new VFile({ path: file.path });
          fresh.messages = file.messages.slice(before);
          const stored = storeAnalysis(key, fresh, { ...(compiled.frontMatter ? { frontMatter: compiled.frontMatter } : {}), ...(lines ? { lines } : {}), ...(compiled.bulletin ? { bulletin: compiled.bulletin } : {}) });
          if (stored) cache.set(absolute, stored);
        }
      }
      return { ...compiled, ...(lines ? { lines } : {}) };
    };
    const source = compileOptions.source;
    // A streamed build reads only the front matter now (what the numbering rules and the pages'
    // navigation need of every issue); the body is analysed just before the issue is printed,
    // while the issues before it print. A front matter with any message is analysed at once.
    const front = options.stream && !hasErrors(file) ? cleanFront(file) : undefined;
    if (front) {
      sources.push({ file, absolute, source, stem, frontMatter: front.frontMatter, lines: keyLines(front.part.yaml), pending: () => compileNow(front) });
      continue;
    }
    sources.push({ ...compileNow(), absolute, source, stem });
  }

  // Numbering is a property of the whole archive: the other sources are read for their front
  // matter only, and only the messages on the sources asked for are shown.
  const asked = new Set(sources.map((s) => s.absolute));
  const others = (options.project?.sources ?? (await findSources([], root, config.sources))).filter((abs) => !asked.has(abs));
  // An unchanged source's front matter is taken from the analysis cache, as for the sources asked for.
  const cache = options.cache;
  const known = cache
    ? async (file: VFile, absolute: string) => {
        const entry = cache.get(absolute);
        if (!entry?.frontMatter || !entry.lines) return undefined;
        const { kept } = await lookUp(cache, file, absolute);
        return kept?.frontMatter && kept.lines ? { frontMatter: kept.frontMatter, lines: kept.lines } : undefined;
      }
    : undefined;
  const archive = await loadArchive(others, show, known);
  const entries: NumberedSource[] = [
    ...sources.flatMap((s) => (s.frontMatter && s.lines ? [{ file: s.file, frontMatter: s.frontMatter, lines: s.lines }] : [])),
    ...archive.entries,
  ];
  checkNumbering(entries, { reset: config.numbering.reset });
  const issues: NavIssue[] = [
    ...sources.flatMap((s) => (s.frontMatter ? [{ stem: s.stem, frontMatter: s.frontMatter }] : [])),
    ...archive.entries.map((e) => ({ stem: outputStem(path.resolve(io.cwd, e.file.path), root, sourcesDir), frontMatter: e.frontMatter })),
  ];
  return { ...base, sources, archive: issues };
}

/** The front matter of a source read, parsed and validated without a single message (on a scratch file), or undefined. */
function cleanFront(file: VFile): KnownFront | undefined {
  const scratch = new VFile({ path: file.path, value: file.value });
  const part = parseFrontMatter(scratch);
  const frontMatter = part && validate(scratch, part);
  return part && frontMatter && scratch.messages.length === 0 ? { part, frontMatter } : undefined;
}
