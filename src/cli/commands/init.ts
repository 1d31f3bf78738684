import { InvalidArgumentError, type Command } from 'commander';
import path from 'node:path';
import { isCalendarDate } from '../../model/dates.js';
import type { CommandContext } from '../main.js';

export function registerInit(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.init;
  program
    .command('init')
    .description(t.description)
    .argument('[dir]', t.dir)
    .option('--date <YYYY-MM-DD>', t.date, (v: string) => {
      if (!isCalendarDate(v)) throw new InvalidArgumentError(t.dateInvalid);
      return v;
    })
    .addHelpText('after', t.help)
    .action(async (dir: string | undefined, opts: { date?: string }) => {
      const { init } = await import('../../core/init.js');
      const result = await init({ dir, date: opts.date, io });
      if (result.error) {
        out.error(result.error);
        exit(result.exitCode);
        return;
      }
      const where = path.relative(io.cwd, result.root) || '.';
      out.say(t.created(where, result.files, where === '.' ? '' : `cd ${where} && `));
      exit(0);
    });
}
