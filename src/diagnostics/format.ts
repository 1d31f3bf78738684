import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { SEVERITY_LABELS, severityOf } from './report.js';
import type { Lang } from './rules.js';
import { escapeControls as safe } from '../text/terminal.js';

const LABEL = {
  zh: { ...SEVERITY_LABELS.zh, hint: '提示：', errors: (n: number) => `${n} 个错误`, warnings: (n: number) => `${n} 个警告`, and: '，' },
  en: {
    ...SEVERITY_LABELS.en,
    hint: 'hint: ',
    errors: (n: number) => `${n} error${n === 1 ? '' : 's'}`,
    warnings: (n: number) => `${n} warning${n === 1 ? '' : 's'}`,
    and: ', ',
  },
} as const;
const COLOR = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', dim: '\u001b[2m', reset: '\u001b[39m\u001b[22m' };

export interface FormatOptions {
  verbose?: boolean;
  /** Only errors. */
  quiet?: boolean;
  lang?: Lang;
  /** ANSI colours (the CLI decides: a terminal, and NO_COLOR unset). */
  color?: boolean;
  /** A message's text and hint in `lang` (the CLI reads them from the rule catalogue). */
  translate?: (m: VFileMessage, lang: Lang) => { text: string; hint: string | undefined };
}

function placeOf(message: VFileMessage): string {
  const p = message.place;
  if (!p) return '';
  const start = 'start' in p ? p.start : p;
  return `${start.line}:${start.column}`;
}

/** Human report in the style of vfile-reporter. */
export function formatReport(files: VFile[], options: FormatOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const label = LABEL[lang];
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${COLOR.reset}` : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const messages = inPlaceOrder(file);
    const shown = options.quiet ? messages.filter((m) => m.fatal === true) : messages;
    for (const m of messages) {
      if (m.fatal === true) errors++;
      else if (m.fatal === false) warnings++;
    }
    if (shown.length === 0) continue;
    // Names, keys and text from the source are escaped before any colour is added (terminal.ts).
    lines.push(safe(file.path));
    for (const m of shown) {
      const severity = severityOf(m);
      const where = placeOf(m).padEnd(7);
      const { text, hint } = options.translate?.(m, lang) ?? { text: m.reason, hint: m.note };
      lines.push(`  ${paint(COLOR.dim, where)} ${paint(COLOR[severity], label[severity])}  ${safe(text)}  ${paint(COLOR.dim, safe(m.ruleId ?? ''))}`.trimEnd());
      if (hint) lines.push(`          ${label.hint}${safe(hint)}`);
      if (options.verbose && m.cause instanceof Error && m.cause.stack) {
        lines.push(...m.cause.stack.split('\n').map((l) => `          ${safe(l)}`));
      }
    }
    lines.push('');
  }
  if (errors || warnings) {
    const parts: string[] = [];
    if (errors) parts.push(label.errors(errors));
    if (warnings) parts.push(label.warnings(warnings));
    lines.push(`${errors ? paint(COLOR.error, '✖') : paint(COLOR.warning, '⚠')} ${parts.join(label.and)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function compareMessages(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** A file's messages in the order they are shown (by place; stable), whatever order the stages found them in. */
export const inPlaceOrder = (file: { messages: VFileMessage[] }): VFileMessage[] => [...file.messages].sort(compareMessages);

/** Machine form of a message, for `--json`. Stable field names; text in the chosen language. */
export function messageToJson(m: VFileMessage, translate?: FormatOptions['translate'], lang: Lang = 'zh') {
  const { text, hint } = translate?.(m, lang) ?? { text: m.reason, hint: m.note };
  return {
    line: m.line ?? null,
    column: m.column ?? null,
    severity: severityOf(m),
    ruleId: m.ruleId ?? null,
    message: text,
    hint: hint ?? null,
  };
}
