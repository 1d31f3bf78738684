import path from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../core/io.js';
import type { CommandContext } from '../main.js';

export function registerVerify(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.verify;
  program
    .command('verify')
    .description(t.description)
    .option('--manifest <file>', t.manifest)
    .option('--json', out.t.options.json)
    .addHelpText('after', t.help)
    .action(async (opts: { manifest?: string; json?: boolean }) => {
      const { verify } = await import('../../core/verify.js');
      const result = await verify({ manifest: opts.manifest, io });
      if (opts.json) {
        out.json({ ok: result.exitCode === 0, checked: result.checked, differences: result.differences, ...(result.error ? { error: out.errorJson(result.error) } : {}) });
      } else if (result.error) out.error(result.error);
      else {
        const shown = (rel: string) => displayPath(io, path.join(result.outDir ?? io.cwd, rel));
        for (const d of result.differences) {
          if (d.kind === 'missing') out.warn(t.missing(d.source));
          else if (d.kind === 'file' || d.kind === 'extra' || d.kind === 'absent' || d.kind === 'cache') out.warn(t.file(d.kind, shown(d.file ?? ''), d.source));
          else out.warn(t.differs(d.source, d.kind.toUpperCase(), d.expected?.slice(0, 12) ?? '', d.actual?.slice(0, 12) ?? ''));
        }
        out.say(t.checked(result.checked, new Set(result.differences.map((d) => d.file ?? d.source)).size));
      }
      exit(result.exitCode);
    });
}
