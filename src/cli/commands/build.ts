import path from 'node:path';
import { inPlaceOrder } from '../../diagnostics/format.js';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { BuildEvent, BuildOptions, BuildResult, Format } from '../../core/build.js';
import { displayPath } from '../../core/io.js';
import { watchInterrupts } from '../../core/interrupt.js';
import { hasErrors } from '../../diagnostics/report.js';
import { inLang } from '../../diagnostics/errors.js';
import type { CommandContext } from '../main.js';
import type { Output } from '../output.js';
import type { Shard } from '../../core/publish.js';
import { escapeControls } from '../../text/terminal.js';

interface BuildFlags {
  out?: string;
  format: Format[];
  json?: boolean;
  verbose?: boolean;
  shard?: Shard;
  browser?: string;
  draft?: boolean;
  pdfa?: boolean;
  force?: boolean;
  forceOut?: boolean;
  concurrency?: number;
  quiet?: boolean;
}

export function registerBuild(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.build;
  const parseFormats = (value: string): Format[] => {
    const formats = value.split(',').map((f) => f.trim().toLowerCase());
    for (const f of formats) if (f !== 'html' && f !== 'pdf' && f !== 'docx' && f !== 'ofd') throw new InvalidArgumentError(t.formatInvalid(f));
    return [...new Set(formats)] as Format[];
  };
  const parseShard = (value: string): Shard => {
    const m = /^(\d+)\/(\d+)$/.exec(value.trim());
    const index = Number(m?.[1]);
    const count = Number(m?.[2]);
    if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(t.shardInvalid);
    return { index, count };
  };
  program
    .command('build')
    .description(t.description)
    .argument('[paths...]', out.t.options.paths)
    .option('-o, --out <dir>', out.t.options.out)
    .option('--force-out', out.t.options.forceOut)
    .addOption(new Option('-f, --format <list>', t.format).default(['html', 'pdf'], 'html,pdf').argParser(parseFormats))
    .option('--shard <k/n>', t.shard, parseShard)
    .option('--force', t.force)
    .option('--draft', t.draft)
    .option('--pdfa', t.pdfa)
    .option('--browser <path>', out.t.options.browser)
    .option('-j, --concurrency <n>', t.concurrency, (v: string) => {
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || n < 1 || n > 32) throw new InvalidArgumentError(t.concurrencyInvalid);
      return n;
    })
    .option('-q, --quiet', t.quiet)
    .option('--json', out.t.options.json)
    .option('--verbose', out.t.options.verbose)
    .addHelpText('after', t.help)
    .action(async (paths: string[], opts: BuildFlags) => {
      const interrupts = watchInterrupts();
      try {
        const options = { paths, out: opts.out, formats: opts.format, verbose: opts.verbose, shard: opts.shard, browser: opts.browser, draft: opts.draft, pdfa: opts.pdfa, force: opts.force, forceOut: opts.forceOut, concurrency: opts.concurrency, io, signal: interrupts.signal };
        const result = await buildAndReport(options, out, { json: opts.json === true, quiet: opts.quiet === true });
        exit(result.exitCode);
      } finally {
        interrupts.dispose();
      }
    });
}

/** Runs a build and says what happened: a line per issue as it is through, then the diagnostics and a summary; or the JSON result. */
export async function buildAndReport(options: BuildOptions, out: Output, flags: { json?: boolean; quiet?: boolean }): Promise<BuildResult> {
  const { build } = await import('../../core/build.js');
  const started = performance.now();
  const verbose = options.verbose === true;
  // On a terminal a progress bar; without one (CI) a plain line per issue; --quiet neither.
  const bar = flags.json || flags.quiet || !out.progress ? undefined : await progressBar(out);
  const lines = flags.json || flags.quiet ? undefined : tellIssue(out, (p) => displayPath(options.io, p), verbose, bar);
  let result: BuildResult;
  try {
    result = await build({ ...options, ...(lines ? { onEvent: lines } : {}) });
  } finally {
    bar?.stop();
  }
  if (flags.json) out.json(buildJson(result, out));
  else if (flags.quiet) {
    if (result.error) out.error(result.error, verbose);
    out.diagnostics(result.issues.map((i) => i.file), { verbose });
  } else summarise(result, out, verbose, (performance.now() - started) / 1000);
  return result;
}

interface Bar {
  start(total: number): void;
  update(done: number, current: string): void;
  log(line: string): void;
  stop(): void;
}

/** cli-progress on standard error: done/total, rate, time left, the issue being built. */
async function progressBar(out: Output): Promise<Bar> {
  const { MultiBar, Presets } = await import('cli-progress');
  const t = out.t.build;
  const multi = new MultiBar(
    {
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      format: (_options, params, payload: { current?: string }) => {
        const seconds = Math.max((Date.now() - params.startTime) / 1000, 0.001);
        const rate = params.value / seconds;
        const eta = rate > 0 ? Math.round((params.total - params.value) / rate) : 0;
        const filled = Math.round((params.progress || 0) * 24);
        return `${'█'.repeat(filled)}${'░'.repeat(24 - filled)} ${t.progress({ done: params.value, total: params.total, rate: rate.toFixed(1), eta: `${Math.floor(eta / 60)}:${String(eta % 60).padStart(2, '0')}`, current: escapeControls(payload.current ?? '') })}`;
      },
    },
    Presets.shades_classic,
  );
  let bar: ReturnType<typeof multi.create> | undefined;
  // The bar is drawn as soon as the first issue begins, then at most 10 times a second: a build
  // shorter than cli-progress's first tick (100 ms) would otherwise show no bar at all.
  let drawn = false;
  return {
    start: (total) => void (bar = multi.create(total, 0, { current: '' })),
    update: (done, current) => {
      bar?.update(done, { current });
      if (!drawn && bar && current) {
        drawn = true;
        multi.update();
      }
    },
    log: (line) => multi.log(`${escapeControls(line)}\n`),
    stop: () => multi.stop(),
  };
}

/** One line per issue as it is through (or the progress bar, with failures above it); --verbose details on standard error. */
function tellIssue(out: Output, show: (absolute: string) => string, verbose: boolean, bar?: Bar): (e: BuildEvent) => void {
  let outDir = '';
  let done = 0;
  let current = '';
  return (e) => {
    if (e.type === 'start') {
      outDir = e.outDir;
      bar?.start(e.total);
    }
    if (e.type === 'begin') {
      current = e.source;
      bar?.update(done, current);
    }
    if (e.type === 'prepare') {
      // Standard error, so standard output stays the list of issues.
      if (bar) bar.log(out.t.build.prepare(e));
      else out.warn(out.t.build.prepare(e));
      return;
    }
    if (bar) {
      if (e.type === 'issue') {
        done = e.done;
        bar.update(done, current);
        if (e.status === 'failed' && e.errors) bar.log(out.t.build.failed(e.source, e.errors));
      } else if (e.type === 'log' && verbose) bar.log(inLang(e.text, out.lang).trimEnd());
      return;
    }
    if (e.type === 'log') {
      if (verbose) out.warn(inLang(e.text, out.lang).trimEnd());
      return;
    }
    if (e.type !== 'issue') return;
    const t = out.t.build;
    if (e.status === 'failed') {
      if (e.errors) out.say(t.failed(e.source, e.errors));
    } else if (e.status === 'unchanged') out.say(t.unchanged(e.source));
    else if (e.entry) {
      const outputs = [e.entry.html?.path, e.entry.pdf?.path, e.entry.docx?.path, e.entry.ofd?.path].filter((p): p is string => Boolean(p));
      out.say(t.built({ source: e.source, outputs: outputs.map((p) => show(path.join(outDir, p))), ...(e.entry.pdf || e.entry.ofd ? { pages: e.entry.pdf?.pages ?? e.entry.ofd!.pages } : {}) }));
    }
  };
}

function summarise(result: BuildResult, out: Output, verbose: boolean, seconds: number): void {
  if (result.error) {
    out.error(result.error, verbose);
    return;
  }
  out.diagnostics(result.issues.map((i) => i.file), { verbose });
  if (result.issues.length === 1 && !result.outDir) return;
  const t = out.t.build;
  if (result.blocked.length) out.say(t.blocked(result.blocked.length));
  const unchanged = result.issues.filter((i) => i.unchanged).length;
  const built = result.issues.filter((i) => i.entry && !i.unchanged).length;
  const failed = result.issues.filter((i) => hasErrors(i.file)).length;
  out.say(t.done({ built, unchanged, failed, seconds: seconds.toFixed(1) }));
}

function buildJson(result: BuildResult, out: Output) {
  return {
    ok: result.exitCode === 0,
    exitCode: result.exitCode,
    ...(result.error ? { error: out.errorJson(result.error) } : {}),
    issues: result.issues.map((i) => ({
      source: i.file.path,
      ok: !hasErrors(i.file),
      outputs: i.entry ? { html: i.entry.html, pdf: i.entry.pdf, docx: i.entry.docx ?? null, ofd: i.entry.ofd ?? null } : null,
      ...(i.unchanged ? { unchanged: true } : {}),
      messages: inPlaceOrder(i.file).map(out.message),
    })),
    blockedRequests: result.blocked.length,
  };
}
