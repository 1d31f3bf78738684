import { InvalidArgumentError, type Command } from 'commander';
import { isCalendarDate } from '../../model/dates.js';
import type { CommandContext } from '../main.js';

export function registerNew(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.newIssue;
  const parseDate = (value: string): string => {
    if (!isCalendarDate(value)) throw new InvalidArgumentError(t.dateInvalid(value));
    return value;
  };
  program
    .command('new')
    .description(t.description)
    .option('-s, --series <name>', t.series)
    .option('-d, --date <YYYY-MM-DD>', t.date, parseDate)
    .option('-t, --title <text>', t.title)
    .option('--json', out.t.options.json)
    .addHelpText('after', t.help)
    .action(async (opts: { series?: string; date?: string; title?: string; json?: boolean }) => {
      const { newIssue } = await import('../../core/newIssue.js');
      const result = await newIssue({ series: opts.series, date: opts.date, title: opts.title, io });
      if (result.files) out.diagnostics(result.files);
      if (result.error) out.error(result.error);
      if (opts.json) {
        out.json(
          result.error
            ? { ok: false, exitCode: result.exitCode, error: out.errorJson(result.error) }
            : { ok: true, exitCode: 0, path: result.path, issue: result.issue, total: result.total, date: result.date, series: result.series ?? null },
        );
      } else if (result.path) out.say(result.path);
      exit(result.exitCode);
    });
}
