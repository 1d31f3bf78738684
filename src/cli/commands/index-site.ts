import type { Command } from 'commander';
import { displayPath } from '../../core/io.js';
import type { CommandContext } from '../main.js';

export function registerIndex(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.index;
  program
    .command('index')
    .description(t.description)
    .argument('[dirs...]', t.dirs)
    .option('-o, --out <dir>', t.out)
    .option('--force-out', out.t.options.forceOut)
    .addHelpText('after', t.help)
    .action(async (dirs: string[], opts: { out?: string; forceOut?: boolean }) => {
      const { indexSite } = await import('../../core/indexSite.js');
      const result = await indexSite({ dirs, out: opts.out, forceOut: opts.forceOut, io });
      if (result.configFile) out.diagnostics([result.configFile]);
      if (result.error) out.error(result.error);
      if (result.page) out.say(t.merged(result.manifests, result.issues, displayPath(io, result.page)));
      exit(result.exitCode);
    });
}
