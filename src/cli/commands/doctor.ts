import { escapeControls, escapeJsonControls } from '../../text/terminal.js';
import path from 'node:path';
import type { Command } from 'commander';
import type { DoctorReport } from '../../core/doctor.js';
import type { CommandContext } from '../main.js';
import { zh, type Texts } from '../texts.js';

/** The report as an editor reads it: one line per check, ✓ or ✗, each problem with its fix. */
export function renderDoctor(r: DoctorReport, t: Texts['doctor'] = zh.doctor): string {
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  lines.push(`${mark(r.node.ok)} Node.js ${r.node.version}${r.node.ok ? '' : t.nodeOld}`);
  if (r.config.ok) lines.push(t.config(r.config.file));
  else lines.push(t.configBad(r.config.file ?? ''), ...r.config.problems.map((p) => `    ${p}`), t.configFix);
  const b = r.browser;
  if (b.printed) lines.push(t.browserOk(b.source ?? '', b.path ?? ''), t.browserTimed(b.version ?? '', ((b.ms ?? 0) / 1000).toFixed(1)));
  else lines.push(t.browserBad, `    ${(b.error ?? '').split('\n')[0]}`, ...(b.hint ? [t.fix(b.hint)] : []));
  lines.push(t.tried, ...b.tried.map((x) => `      ${x.found ? '✓' : '✗'} ${x.source}：${x.path}`));
  for (const f of r.fonts) {
    const ok = f.missing.length === 0;
    lines.push(`${mark(ok)} ${t.font(t.roles[f.role] ?? f.role, f.name, f.official, f.officialName, f.checked)}`);
    if (f.files.length === 1) lines.push(t.file(f.files[0]!));
    else if (f.files.length > 1) lines.push(t.slices(path.dirname(f.files[0]!), f.files.length));
    if (f.print) lines.push(t.printFile(f.print));
    for (const m of f.missing.slice(0, 20)) lines.push(t.missing(m.char, m.codePoint, m.at));
    if (f.missing.length > 20) lines.push(t.missingMore(f.missing.length));
    if (!ok) lines.push(t.fontFix);
  }
  lines.push(r.output.writable ? t.outputOk(r.output.path) : t.outputBad(r.output.path, r.output.error ?? ''));
  if (r.caches.folder) lines.push(t.caches(r.caches.folder, r.caches.checked, r.caches.damaged));
  lines.push('', t.verdict(r.pdfReady, r.ok, r.sources));
  return `${lines.join('\n')}\n`;
}

export function registerDoctor(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.doctor;
  program
    .command('doctor')
    .description(t.description)
    .option('--browser <path>', t.browser)
    .option('--strict', t.strict)
    .option('--json', out.t.options.json)
    .addHelpText('after', t.help)
    .action(async (opts: { browser?: string; strict?: boolean; json?: boolean }) => {
      const { doctor } = await import('../../core/doctor.js');
      const report = await doctor({ io, browser: opts.browser, strict: opts.strict });
      io.stdout(opts.json ? `${escapeJsonControls(JSON.stringify(report, null, 2))}\n` : escapeControls(renderDoctor(report, t)));
      exit(report.ok ? 0 : 1);
    });
}
