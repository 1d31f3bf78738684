import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning' | 'info';

export interface At {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Records one problem on a file: the single way every stage reports what a user can fix.
 * `ruleId` names the rule (stable, used in docs and `--json`), `hint` says what to do.
 */
export function report(
  file: VFile,
  severity: Severity,
  ruleId: string,
  reason: string,
  at?: At,
  hint?: string,
): VFileMessage {
  const place = at
    ? at.endLine !== undefined
      ? { start: { line: at.line, column: at.column }, end: { line: at.endLine, column: at.endColumn ?? at.column } }
      : { line: at.line, column: at.column }
    : undefined;
  const message = file.message(reason, { place, ruleId, source: 'bulletin' });
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  if (hint) message.note = hint;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true);
}

/** Converts a 0-based offset in `text` into a 1-based line and column. */
export function offsetToAt(text: string, offset: number): At {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
