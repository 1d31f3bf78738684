import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatReport, messageToJson } from '../diagnostics/format.js';
import { applyFixes, type Change } from '../lint/fix.js';
import { Writer } from '../pipeline/write.js';
import { ENCODING_NAMES } from '../text/decode.js';
import { bulletinError, describeError } from '../diagnostics/errors.js';
import { hasErrors } from '../diagnostics/report.js';
import { displayPath, type Io } from './io.js';
import { analyse } from './analyse.js';

export interface CheckOptions {
  paths?: string[];
  /** Warnings fail the check too. */
  strict?: boolean;
  json?: boolean;
  verbose?: boolean;
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
  /** With fix: the rewrites made (or, with dryRun, that would be made), per source. */
  fixed?: Array<{ path: string; changes: Change[] }>;
}

/** Validates sources as `build` does (front matter, body, images, numbering, typography) without rendering. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const { io } = options;
  const analysis = await analyse(io, options.paths ?? []);
  const files = [...(analysis.configFile ? [analysis.configFile] : []), ...analysis.sources.map((s) => s.file)];
  if (analysis.sources.length === 0 && !(analysis.configFile && hasErrors(analysis.configFile))) {
    io.stderr(describeError(bulletinError('NoSources', [displayPath(io, analysis.sourcesDir)]), options.verbose));
    return { exitCode: 1, errors: 1, warnings: 0 };
  }
  const fixed: Array<{ path: string; changes: Change[] }> = [];
  if (options.fix) {
    for (const source of analysis.sources) {
      const result = await fixSource(source.absolute, source.file, options.dryRun === true);
      if (result.skipped) io.stderr(`${source.file.path}：${result.skipped}\n`);
      if (result.changes.length === 0) continue;
      fixed.push({ path: source.file.path, changes: result.changes });
      // What was rewritten is no longer a finding.
      const done = new Set(result.changes.map((c) => `${c.line}:${c.column}:${c.rule}`));
      source.file.messages = source.file.messages.filter((m) => !done.has(`${m.line}:${m.column}:${m.ruleId}`));
    }
    if (!options.json) {
      for (const f of fixed) for (const c of f.changes) io.stdout(`${f.path}:${c.line}  ${c.rule}  ${c.before} → ${c.after || '（删去）'}\n`);
      const count = fixed.reduce((n, f) => n + f.changes.length, 0);
      io.stdout(options.dryRun ? `可自动改正 ${count} 处（--dry-run：未写入）\n` : `已改正 ${count} 处，涉及 ${fixed.length} 个文件\n`);
    }
  }
  const all = files.flatMap((f) => f.messages);
  const errors = all.filter((m) => m.fatal === true).length;
  const warnings = all.filter((m) => m.fatal === false).length;
  const exitCode = errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        { ok: exitCode === 0, exitCode, errors, warnings, files: files.map((f) => ({ path: f.path, messages: f.messages.map(messageToJson) })), ...(options.fix ? { fixed, dryRun: options.dryRun === true } : {}) },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stderr(formatReport(files, { verbose: options.verbose }));
    io.stdout(`检查了 ${analysis.sources.length} 期：${errors} 个错误，${warnings} 个警告${options.fix && all.length ? '（以上需人工处理）' : ''}\n`);
  }
  return { exitCode, errors, warnings, ...(options.fix ? { fixed } : {}) };
}

/**
 * Rewrites one source with its safe fixes, keeping what the editor's file is: UTF-8 with or
 * without a BOM, LF or CRLF line ends. A file in a legacy encoding is left as it is.
 */
async function fixSource(absolute: string, file: import('vfile').VFile, dryRun: boolean): Promise<{ changes: Change[]; skipped?: string }> {
  const fixable = file.messages.filter((m) => m.expected?.length);
  if (fixable.length === 0) return { changes: [] };
  const encoding = file.data.encoding;
  if (encoding && encoding !== 'utf-8' && encoding !== 'utf-8-bom') {
    return { changes: [], skipped: `编码是 ${ENCODING_NAMES[encoding]}，未自动改正；另存为 UTF-8 后再运行 --fix` };
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
