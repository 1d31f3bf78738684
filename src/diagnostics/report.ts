import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { VFileMessage } from 'vfile-message';
import type { Lang, Rule } from './rules.js';

export type Severity = 'error' | 'warning' | 'info';

/** The one table of severity labels: the reports, the preview's error page and the docs use it. */
export const SEVERITY_LABELS: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

export interface At {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

declare module 'vfile-message' {
  interface VFileMessage {
    /** The arguments the rule's message was made from (so it can be shown in another language). */
    args?: unknown;
  }
}

const place = (at: At | undefined) =>
  at
    ? at.endLine !== undefined
      ? { start: { line: at.line, column: at.column }, end: { line: at.endLine, column: at.endColumn ?? at.column } }
      : { line: at.line, column: at.column }
    : undefined;

/**
 * Records one problem on a file: the single way every stage reports what a user can fix.
 * The rule (diagnostics/rules.ts) gives the id, default severity, message and hint; `args` fill
 * them in. The Chinese text is the message's reason; the id and args stay on it so the CLI can
 * render it in English. `severity` overrides the rule's default (a project's `rules:`, a draft).
 */
export function report<A>(file: VFile, rule: Rule<A>, args: NoInfer<A>, at?: At, options?: { severity?: Severity; cause?: unknown }): VFileMessage {
  const message = file.message(rule.message.zh(args), { place: place(at), ruleId: rule.id, source: 'bulletin' });
  if (options?.cause !== undefined) message.cause = options.cause;
  const severity = options?.severity ?? rule.severity;
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  const hint = rule.hint.zh(args);
  if (hint) message.note = hint;
  message.args = args;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** Whether a message is one of `rule`'s: compared by the rule, so a misspelt one does not compile. */
export function isOf(message: VFileMessage, rule: { id: string }): boolean {
  return message.ruleId === rule.id;
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true);
}

/**
 * Offsets ↔ places in a text (vfile-location), the one conversion every stage uses: `at(offset)`
 * gives a 1-based line and column, `offset(line, column)` the 0-based offset (NaN outside).
 */
export function positions(text: string): { at: (offset: number) => At; offset: (line: number, column: number) => number } {
  const place = location(text);
  return {
    at: (offset) => {
      const p = place.toPoint(Math.min(Math.max(offset, 0), text.length));
      return p ? { line: p.line, column: p.column } : { line: 1, column: 1 };
    },
    offset: (line, column) => place.toOffset({ line, column }) ?? Number.NaN,
  };
}

/** Converts a 0-based offset in `text` into a 1-based line and column. */
export function offsetToAt(text: string, offset: number): At {
  return positions(text).at(offset);
}
