import type { Command } from 'commander';
import { inPlaceOrder } from '../../diagnostics/format.js';
import { ENCODING_NAMES } from '../../text/decode.js';
import type { CommandContext } from '../main.js';

export function registerCheck(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.check;
  program
    .command('check')
    .description(t.description)
    .argument('[paths...]', t.paths)
    .option('--strict', t.strict)
    .option('--fix', t.fix)
    .option('--dry-run', t.dryRun)
    .option('--json', out.t.options.json)
    .option('--verbose', out.t.options.verbose)
    .addHelpText('after', t.help)
    .action(async (paths: string[], opts: { strict?: boolean; json?: boolean; verbose?: boolean; fix?: boolean; dryRun?: boolean }) => {
      const { check } = await import('../../core/check.js');
      const result = await check({ paths, strict: opts.strict, fix: opts.fix, dryRun: opts.dryRun, io });
      const files = result.files ?? [];
      if (opts.json) {
        out.json({
          ok: result.exitCode === 0,
          exitCode: result.exitCode,
          errors: result.errors,
          warnings: result.warnings,
          ...(result.error ? { error: out.errorJson(result.error) } : {}),
          files: files.map((f) => ({ path: f.path, messages: inPlaceOrder(f).map(out.message) })),
          ...(opts.fix ? { fixed: result.fixed ?? [], dryRun: opts.dryRun === true } : {}),
        });
      } else if (result.error) out.error(result.error, opts.verbose);
      else {
        for (const s of result.skipped ?? []) out.warn(t.skipped(s.path, out.lang === 'zh' ? ENCODING_NAMES[s.encoding] : s.encoding.toUpperCase()));
        if (opts.fix) {
          const fixed = result.fixed ?? [];
          for (const f of fixed) for (const c of f.changes) out.say(t.fixed(f.path, c.line, c.rule, c.before, c.after));
          out.say(t.fixCount(fixed.reduce((n, f) => n + f.changes.length, 0), fixed.length, opts.dryRun === true));
        }
        out.diagnostics(files, { verbose: opts.verbose });
        out.say(t.checked({ issues: result.sources ?? 0, errors: result.errors, warnings: result.warnings, leftAfterFix: opts.fix === true && result.errors + result.warnings > 0 }));
      }
      exit(result.exitCode);
    });
}
