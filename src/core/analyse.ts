import path from 'node:path';
import type { VFile } from 'vfile';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { hasErrors } from '../diagnostics/report.js';
import { compile, type Compiled } from '../pipeline/index.js';
import { checkNumbering, type NumberedSource } from '../archive/numbering.js';
import { keyLines } from '../archive/keyLines.js';
import { loadArchive } from '../archive/loadArchive.js';
import { displayPath, type Io } from './io.js';
import { findSources, outputStem } from './sources.js';
import { isInside } from '../paths.js';

export interface Analysed extends Compiled {
  absolute: string;
  /** Output path without extension, relative to the output folder. */
  stem: string;
}

export interface Analysis {
  config: Config;
  /** The config file with its diagnostics, when there is one. */
  configFile?: VFile;
  root: string;
  sourcesDir: string;
  /** The sources asked for, compiled, linted and checked against the whole archive. */
  sources: Analysed[];
}

/** The project as found once: its config and every source; reused by preview between saves. */
export interface Project {
  loaded: { config: Config; file?: VFile };
  /** Every source of the project (absolute). */
  sources: string[];
}

/** Reads the config and lists the sources of the project at io.cwd. */
export async function discoverProject(io: Io): Promise<Project> {
  const loaded = await loadConfig(io.cwd, (abs) => displayPath(io, abs));
  const sources = loaded.file && hasErrors(loaded.file) ? [] : await findSources([], io.cwd, loaded.config.sources);
  return { loaded, sources };
}

/**
 * Everything `check` reports and `build` refuses on, without rendering: each source through
 * read → parse → lint → validate → transform (missing images included), and
 * the numbering rules over every source of the project.
 */
export async function analyse(io: Io, paths: string[], options: { draft?: boolean; project?: Project } = {}): Promise<Analysis> {
  const root = io.cwd;
  const show = (abs: string) => displayPath(io, abs);
  const loaded = options.project?.loaded ?? (await loadConfig(root, show));
  const config = loaded.config;
  const base = { config, root, sourcesDir: path.resolve(root, config.sources), ...(loaded.file ? { configFile: loaded.file } : {}) };
  if (loaded.file && hasErrors(loaded.file)) return { ...base, sources: [] };
  const { sourcesDir } = base;

  const sources: Analysed[] = [];
  for (const absolute of await findSources(paths, root, config.sources)) {
    const stem = outputStem(absolute, root, sourcesDir);
    const inProject = isInside(root, absolute);
    const compiled = await compile(show(absolute), absolute, {
      config,
      root: inProject ? root : path.dirname(absolute),
      source: inProject ? path.relative(root, absolute).split(path.sep).join('/') : path.basename(absolute),
      assetsDir: `${stem}.assets`,
      ...(options.draft ? { draft: true } : {}),
    });
    sources.push({ ...compiled, absolute, stem });
  }

  // Numbering is a property of the whole archive: the other sources are read for their front
  // matter only, and only the messages on the sources asked for are shown.
  const asked = new Set(sources.map((s) => s.absolute));
  const others = (options.project?.sources ?? (await findSources([], root, config.sources))).filter((abs) => !asked.has(abs));
  const archive = await loadArchive(others, show);
  const entries: NumberedSource[] = [
    ...sources.flatMap((s) => (s.frontMatter && s.parsed ? [{ file: s.file, frontMatter: s.frontMatter, lines: keyLines(s.parsed.yaml) }] : [])),
    ...archive.entries,
  ];
  checkNumbering(entries, { reset: config.numbering.reset });
  return { ...base, sources };
}
