import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_PREVIEW_PORT } from '../../preview/port.js';
import { watchInterrupts } from '../../core/interrupt.js';
import type { CommandContext } from '../main.js';
import type { PreviewEvent } from '../../core/preview.js';
import type { Output } from '../output.js';

export function registerPreview(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.preview;
  const parsePort = (value: string): number => {
    const port = Number(value);
    if (!/^\d+$/.test(value.trim()) || port > 65535) throw new InvalidArgumentError(t.portInvalid);
    return port;
  };
  program
    .command('preview')
    .description(t.description)
    .argument('[paths...]', t.paths)
    .addOption(new Option('-p, --port <n>', t.port).default(DEFAULT_PREVIEW_PORT, String(DEFAULT_PREVIEW_PORT)).argParser(parsePort))
    .option('--host <addr>', t.host)
    .option('--allow-host <names>', t.allowHost, (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)])
    .option('--pdf', t.pdf)
    .option('--open', t.open)
    .option('--verbose', out.t.options.verbose)
    .addHelpText('after', t.help)
    .action(async (paths: string[], opts: { port: number; host?: string; allowHost?: string[]; pdf?: boolean; open?: boolean; verbose?: boolean }) => {
      const { preview } = await import('../../core/preview.js');
      const interrupts = watchInterrupts();
      try {
        const onEvent = previewEvents(out, opts.verbose === true);
        const open = opts.open ? (await import('../../preview/open.js')).openInBrowser : undefined;
        const session = await preview({ paths, port: opts.port, host: opts.host, allowHosts: opts.allowHost ?? [], pdf: opts.pdf, verbose: opts.verbose, io, signal: interrupts.signal, onEvent, lang: out.lang, ...(open ? { open } : {}) });
        if (session.error) out.error(session.error, opts.verbose === true);
        if (session.url) {
          // Serve until SIGINT/SIGTERM: preview() stops itself on the abort; wait for it.
          await new Promise<void>((resolve) => {
            if (interrupts.signal.aborted) resolve();
            else interrupts.signal.addEventListener('abort', () => resolve(), { once: true });
          });
          await session.close();
          out.say(t.stopped);
        }
        exit(session.exitCode);
      } finally {
        interrupts.dispose();
      }
    });
}

/** What the preview says as it goes: each issue with its address, rebuilds, diagnostics, where it serves. */
export function previewEvents(out: Output, verbose: boolean): (e: PreviewEvent) => void {
  const t = out.t.preview;
  return (e) => {
    if (e.type === 'issue') out.say(e.status === 'built' ? t.built(e.source, e.url, e.pdf, e.pending) : t.failed(e.source, e.errors, e.url));
    else if (e.type === 'portMoved') out.warn(t.portMoved(e.asked, e.port));
    else if (e.type === 'report') out.diagnostics(e.files, { verbose });
    else if (e.type === 'rebuild') out.say(t.changed(e.changed === 'all' ? t.all : e.changed.join(out.lang === 'zh' ? '、' : ', ')));
    else if (e.type === 'updated') out.say(t.updated(e.seconds.toFixed(1)));
    else if (e.type === 'failure') out.error(e.error, verbose);
    else if (e.type === 'prepare') out.warn(out.t.build.prepare(e));
    else if (e.type === 'serving') {
      out.say(t.serving(e.url, e.host === '0.0.0.0' || e.host === '::' ? e.host : undefined));
      out.say(t.watching(e.sources, e.config));
    }
  };
}
