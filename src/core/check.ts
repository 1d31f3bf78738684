import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { applyFixes, type Change } from '../lint/fix.js';
import { lintTypography, type LintOptions } from '../lint/typography.js';
import { LINT_RULE_IDS } from '../lint/rules.js';
import { parse } from '../pipeline/parse.js';
import { Writer } from '../pipeline/write.js';
import type { Encoding } from '../text/decode.js';
import { hasErrors } from '../diagnostics/report.js';
import type { Io } from './io.js';
import { analyse } from './analyse.js';
import { noSources } from './run/analyseSources.js';

export interface CheckOptions {
  paths?: string[];
  /** Warnings fail the check too. */
  strict?: boolean;
  /** Apply the safe rewrites to the sources (atomically), then report what is left. */
  fix?: boolean;
  /** With fix: show the rewrites without writing them. */
  dryRun?: boolean;
  io: Io;
}

export interface CheckResult {
  exitCode: number;
  errors: number;
  warnings: number;
  /** How many sources were checked. */
  sources?: number;
  /** The config file (when there is one) and every source, with their messages. */
  files?: VFile[];
  /** With fix: the rewrites made (or, with dryRun, that would be made), per source. */
  fixed?: Array<{ path: string; changes: Change[] }>;
  /** With fix: sources left alone because they are not UTF-8 (the encoding's name). */
  skipped?: Array<{ path: string; encoding: Encoding }>;
  /** A failure that is not about a source (no sources found). */
  error?: unknown;
}

/** Validates sources as `build` does (front matter, body, images, numbering, typography) without rendering. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const { io } = options;
  let analysis = await analyse(io, options.paths ?? []);
  let files = [...(analysis.configFile ? [analysis.configFile] : []), ...analysis.sources.map((s) => s.file)];
  if (analysis.sources.length === 0 && !(analysis.configFile && hasErrors(analysis.configFile))) {
    return { exitCode: 1, errors: 1, warnings: 0, error: noSources(analysis, io) };
  }
  const fixed: Array<{ path: string; changes: Change[] }> = [];
  const skipped: Array<{ path: string; encoding: Encoding }> = [];
  if (options.fix) {
    const rules = analysis.config.rules;
    /** What is left for a person in each fixed source, from a fresh lint of its fixed text (dry run). */
    const left = new Map<VFile, VFileMessage[]>();
    for (const source of analysis.sources) {
      const result = await fixSource(source.absolute, source.file, options.dryRun === true, { rules, relativeTimeWords: analysis.config.relativeTimeWords });
      if (result.skipped) skipped.push({ path: source.file.path, encoding: result.skipped });
      if (result.changes.length === 0) continue;
      fixed.push({ path: source.file.path, changes: result.changes });
      if (result.lint) left.set(source.file, result.lint);
    }
    if (fixed.length && !options.dryRun) {
      // The summary is a fresh check of the fixed sources, not the first check minus the changes.
      analysis = await analyse(io, options.paths ?? []);
      files = [...(analysis.configFile ? [analysis.configFile] : []), ...analysis.sources.map((s) => s.file)];
    } else {
      for (const [file, lint] of left) file.messages = [...file.messages.filter((m) => !LINT_RULE_IDS.includes(m.ruleId ?? '')), ...lint];
    }
  }
  const all = files.flatMap((f) => f.messages);
  const errors = all.filter((m) => m.fatal === true).length;
  const warnings = all.filter((m) => m.fatal === false).length;
  const exitCode = errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
  return { exitCode, errors, warnings, sources: analysis.sources.length, files, ...(options.fix ? { fixed, skipped } : {}) };
}

/** The proofreading findings on a text, as check would make them (the lint pass alone, the date from its front matter as compile takes it). */
function lintText(path: string, text: string, options: LintOptions): VFileMessage[] {
  const file = new VFile({ path, value: text });
  const parsed = parse(file);
  if (!parsed) return [];
  const date = (parsed.yaml.value as { date?: unknown } | null)?.date;
  lintTypography(file, parsed.tree, { ...options, ...(typeof date === 'string' ? { date } : {}) });
  return file.messages;
}

/** Fixing rounds at most: each round's rewrites can only shrink what is left (a safeguard, never reached on real texts). */
const MAX_ROUNDS = 8;

/**
 * Rewrites one source with its safe fixes until none is left (a rewrite that overlapped another,
 * or one that a rewrite made possible, is made in a later round of the same run), keeping what
 * the editor's file is: UTF-8 with or without a BOM, LF or CRLF line ends. A file in a legacy
 * encoding is left as it is. Returns the changes of every round and the findings left.
 */
async function fixSource(absolute: string, file: VFile, dryRun: boolean, options: LintOptions): Promise<{ changes: Change[]; lint?: VFileMessage[]; skipped?: Encoding }> {
  let fixable = file.messages.filter((m) => m.expected?.length);
  if (fixable.length === 0) return { changes: [] };
  const encoding = file.data.encoding;
  if (encoding && encoding !== 'utf-8' && encoding !== 'utf-8-bom') {
    return { changes: [], skipped: encoding };
  }
  let text = String(file.value ?? '');
  const changes: Change[] = [];
  let lint: VFileMessage[] | undefined;
  for (let round = 0; round < MAX_ROUNDS && fixable.length; round++) {
    const next = applyFixes(text, fixable);
    if (next.changes.length === 0) break;
    changes.push(...next.changes);
    text = next.text;
    lint = lintText(file.path, text, options);
    fixable = lint.filter((m) => m.expected?.length);
  }
  if (changes.length && !dryRun) {
    const raw = await readFile(absolute, 'utf8');
    const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
    const crlf = /\r\n/.test(raw) && !/(^|[^\r])\n/.test(raw);
    await new Writer(path.dirname(absolute)).write(path.basename(absolute), bom + (crlf ? text.replace(/\n/g, '\r\n') : text));
  }
  return { changes, ...(lint ? { lint } : {}) };
}
