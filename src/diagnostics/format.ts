import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { severityOf } from './report.js';

const LABEL = { error: '错误', warning: '警告', info: '提示' } as const;

function placeOf(message: VFileMessage): string {
  const p = message.place;
  if (!p) return '';
  const start = 'start' in p ? p.start : p;
  return `${start.line}:${start.column}`;
}

/** Human report in the style of vfile-reporter, in Chinese. */
export function formatReport(files: VFile[], options: { verbose?: boolean; quiet?: boolean } = {}): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const messages = [...file.messages].sort(compareMessages);
    const shown = options.quiet ? messages.filter((m) => m.fatal === true) : messages;
    for (const m of messages) {
      if (m.fatal === true) errors++;
      else if (m.fatal === false) warnings++;
    }
    if (shown.length === 0) continue;
    lines.push(file.path);
    for (const m of shown) {
      const severity = severityOf(m);
      const where = placeOf(m).padEnd(7);
      lines.push(`  ${where} ${LABEL[severity]}  ${m.reason}  ${m.ruleId ?? ''}`.trimEnd());
      if (m.note) lines.push(`          提示：${m.note}`);
      if (options.verbose && m.cause instanceof Error && m.cause.stack) {
        lines.push(...m.cause.stack.split('\n').map((l) => `          ${l}`));
      }
    }
    lines.push('');
  }
  if (errors || warnings) {
    const parts: string[] = [];
    if (errors) parts.push(`${errors} 个错误`);
    if (warnings) parts.push(`${warnings} 个警告`);
    lines.push(`${errors ? '✖' : '⚠'} ${parts.join('，')}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function compareMessages(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Machine form of a message, for `--json`. Stable field names. */
export function messageToJson(m: VFileMessage) {
  return {
    line: m.line ?? null,
    column: m.column ?? null,
    severity: severityOf(m),
    ruleId: m.ruleId ?? null,
    message: m.reason,
    hint: m.note ?? null,
  };
}
