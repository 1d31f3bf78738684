import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { applyFixes, type Change } from '../lint/fix.js';
import { Writer } from '../pipeline/write.js';
import type { Encoding } from '../text/decode.js';
import { bulletinError } from '../diagnostics/errors.js';
import { hasErrors } from '../diagnostics/report.js';
import { displayPath, type Io } from './io.js';
import { analyse } from './analyse.js';

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
  const analysis = await analyse(io, options.paths ?? []);
  const files = [...(analysis.configFile ? [analysis.configFile] : []), ...analysis.sources.map((s) => s.file)];
  if (analysis.sources.length === 0 && !(analysis.configFile && hasErrors(analysis.configFile))) {
    return { exitCode: 1, errors: 1, warnings: 0, error: bulletinError('NoSources', [displayPath(io, analysis.sourcesDir)]) };
  }
  const fixed: Array<{ path: string; changes: Change[] }> = [];
  const skipped: Array<{ path: string; encoding: Encoding }> = [];
  if (options.fix) {
    for (const source of analysis.sources) {
      const result = await fixSource(source.absolute, source.file, options.dryRun === true);
      if (result.skipped) skipped.push({ path: source.file.path, encoding: result.skipped });
      if (result.changes.length === 0) continue;
      fixed.push({ path: source.file.path, changes: result.changes });
      // What was rewritten is no longer a finding.
      const done = new Set(result.changes.map((c) => `${c.line}:${c.column}:${c.rule}`));
      source.file.messages = source.file.messages.filter((m) => !done.has(`${m.line}:${m.column}:${m.ruleId}`));
    }
  }
  const all = files.flatMap((f) => f.messages);
  const errors = all.filter((m) => m.fatal === true).length;
  const warnings = all.filter((m) => m.fatal === false).length;
  const exitCode = errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
  return { exitCode, errors, warnings, sources: analysis.sources.length, files, ...(options.fix ? { fixed, skipped } : {}) };
}

/**
 * Rewrites one source with its safe fixes, keeping what the editor's file is: UTF-8 with or
 * without a BOM, LF or CRLF line ends. A file in a legacy encoding is left as it is.
 */
async function fixSource(absolute: string, file: VFile, dryRun: boolean): Promise<{ changes: Change[]; skipped?: Encoding }> {
  const fixable = file.messages.filter((m) => m.expected?.length);
  if (fixable.length === 0) return { changes: [] };
  const encoding = file.data.encoding;
  if (encoding && encoding !== 'utf-8' && encoding !== 'utf-8-bom') {
    return { changes: [], skipped: encoding };
  }
  const { text, changes } = applyFixes(String(file.value ?? ''), fixable);
  if (changes.length && !dryRun) {
    const raw = await readFile(absolute, 'utf8');
    const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
    const crlf = /\r\n/.test(raw) && !/(^|[^\r])\n/.test(raw);
    await new Writer(path.dirname(absolute)).write(path.basename(absolute), bom + (crlf ? text.replace(/\n/g, '\r\n') : text));
  }
  return { changes };
}
