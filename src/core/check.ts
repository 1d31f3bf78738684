import { formatReport, messageToJson } from '../diagnostics/format.js';
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
  io: Io;
}

export interface CheckResult {
  exitCode: number;
  errors: number;
  warnings: number;
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
  const all = files.flatMap((f) => f.messages);
  const errors = all.filter((m) => m.fatal === true).length;
  const warnings = all.filter((m) => m.fatal === false).length;
  const exitCode = errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        { ok: exitCode === 0, exitCode, errors, warnings, files: files.map((f) => ({ path: f.path, messages: f.messages.map(messageToJson) })) },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stderr(formatReport(files, { verbose: options.verbose }));
    io.stdout(`检查了 ${analysis.sources.length} 期：${errors} 个错误，${warnings} 个警告\n`);
  }
  return { exitCode, errors, warnings };
}
