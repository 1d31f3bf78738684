import type { Command } from 'commander';
import type { ImportOptions } from '../../core/importText.js';
import type { CommandContext } from '../main.js';

type ImportFlags = Omit<ImportOptions, 'files' | 'io'>;

export function registerImport(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.import;
  program
    .command('import')
    .description(t.description)
    .argument('<files...>', t.files)
    .option('-o, --out <dir>', t.out)
    .option('--force', t.force)
    .option('--simplified', t.simplified)
    .option('--verify', t.verify)
    .option('--json', out.t.options.json)
    .addHelpText('after', t.help)
    .action(async (files: string[], flags: ImportFlags) => {
      const { importText } = await import('../../core/importText.js');
      const result = await importText({ files, ...flags, io });
      exit(result.exitCode);
    });
}
