import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { stringify } from 'yaml';
import { loadArchive } from '../archive/loadArchive.js';
import { nextNumbers } from '../archive/numbering.js';
import { loadConfig } from '../config/load.js';
import { locateProject } from '../config/locate.js';
import type { VFile } from 'vfile';
import { hasErrors } from '../diagnostics/report.js';
import { bulletinError } from '../diagnostics/errors.js';
import { isCalendarDate } from '../model/dates.js';
import { displayPath, type Io } from './io.js';
import { findSources } from './sources.js';

import { BUILTIN_TEMPLATES } from '../version.js';
import { CompiledLoader } from '../pipeline/compiledTemplates.js';
const TEMPLATE = 'new.md.njk';

export interface NewIssueOptions {
  series?: string;
  /** YYYY-MM-DD; default SOURCE_DATE_EPOCH's day, else today, in Asia/Shanghai (UTC+8, no DST). */
  date?: string;
  /** The first article's title; default the placeholder 标题. */
  title?: string;
  io: Io;
}

export interface NewIssueResult {
  exitCode: number;
  /** The new source, as shown to the user. */
  path?: string;
  issue?: number;
  total?: number;
  date?: string;
  series?: { name: string; number: number };
  /** Files whose diagnostics explain the failure (the config, broken sources). */
  files?: VFile[];
  error?: unknown;
}

/** The day in China of SOURCE_DATE_EPOCH, or of now. */
export function todayInChina(env: Io['env'], now = Date.now()): string {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const ms = epoch && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : now;
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A Markdown (not HTML) environment: autoescape off; project templates before the built-in one. */
function markdownEnvironment(root: string, processEnv: Io['env']): nunjucks.Environment {
  const project = path.join(root, 'templates');
  const searchPaths = existsSync(project) ? [project, BUILTIN_TEMPLATES] : [BUILTIN_TEMPLATES];
  const options = { autoescape: false, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };
  // Sandboxed and confined to the project like the page's templates (templateSandbox.ts).
  const env = new nunjucks.Environment(new CompiledLoader(searchPaths, options, processEnv, { [project]: root }), options);
  env.addFilter('yaml', (value: unknown) => stringify(value, { lineWidth: 0 }).trimEnd());
  return env;
}

/**
 * `bulletin new`: writes the next issue's source, numbered after every source of the project
 * (a new year restarts `issue` when numbering.reset is yearly), at <sources>/<year>/<NNN>.md.
 * Never overwrites a file.
 */
export async function newIssue(options: NewIssueOptions): Promise<NewIssueResult> {
  const { io } = options;
  const place = locateProject(io.cwd, io.config);
  const root = place.root;
  const show = (absolute: string) => displayPath(io, absolute);
  const fail = (error: unknown, exitCode = 1, files?: VFile[]): NewIssueResult => ({ exitCode, error, ...(files ? { files } : {}) });

  const date = options.date ?? todayInChina(io.env);
  if (!isCalendarDate(date)) return fail(bulletinError('InvalidDate', [date]), 2);
  const loaded = await loadConfig(place, show);
  if (loaded.file && hasErrors(loaded.file)) {
    return fail(bulletinError('ConfigInvalid', [loaded.file.path]), 1, [loaded.file]);
  }
  const { config } = loaded;
  const sourcesDir = path.resolve(root, config.sources);
  const sources = existsSync(sourcesDir) ? await findSources([], root, config.sources) : [];
  const archive = await loadArchive(sources, show);
  const broken = archive.files.filter(hasErrors);
  if (broken.length) {
    return fail(bulletinError('ArchiveInvalid', [broken.length]), 1, broken);
  }
  const latest = archive.entries.reduce<(typeof archive.entries)[number] | undefined>(
    (a, e) => (!a || e.frontMatter.date > a.frontMatter.date ? e : a),
    undefined,
  );
  if (latest && date < latest.frontMatter.date) {
    return fail(bulletinError('DateBeforeLatest', [date, latest.frontMatter.date, latest.file.path]));
  }

  const next = nextNumbers(archive.entries, { date, ...(options.series ? { series: options.series } : {}) }, config.numbering.reset);
  const series = options.series && next.seriesNumber ? { name: options.series, number: next.seriesNumber } : undefined;
  let text: string;
  try {
    text = markdownEnvironment(root, io.env).render(TEMPLATE, {
      issue: next.issue,
      total: next.total,
      date,
      series,
      distribution: config.distribution,
      title: options.title?.replace(/\s*\n\s*/g, ' ').trim() || undefined,
    });
  } catch (error) {
    return fail(error);
  }
  const absolute = path.join(sourcesDir, date.slice(0, 4), `${String(next.issue).padStart(3, '0')}.md`);
  const shown = show(absolute);
  try {
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'EEXIST' ? bulletinError('IssueExists', [shown]) : bulletinError('OutputNotWritable', [shown, (error as Error).message], error));
  }
  return { exitCode: 0, path: shown, issue: next.issue, total: next.total, date, ...(series ? { series } : {}) };
}
