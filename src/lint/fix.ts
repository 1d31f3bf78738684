import type { VFileMessage } from 'vfile-message';
import { positions } from '../diagnostics/report.js';

export interface Change {
  line: number;
  column: number;
  rule: string;
  before: string;
  after: string;
}

/**
 * Applies the safe rewrites carried by a file's messages (`actual` → `expected`, see
 * typography.ts) to its text. A rewrite applies only where the text still holds exactly
 * `actual` at the message's place; of two overlapping rewrites the first wins (the next run
 * gets the other). Returns the new text and what changed, in reading order.
 */
export function applyFixes(text: string, messages: VFileMessage[]): { text: string; changes: Change[] } {
  const { offset } = positions(text);
  const edits = messages
    .flatMap((m) => {
      const after = m.expected?.[0];
      if (after === undefined || m.actual === undefined || !m.place || !('start' in m.place)) return [];
      const from = offset(m.place.start.line, m.place.start.column);
      const to = offset(m.place.end.line, m.place.end.column);
      if (!(to > from) || text.slice(from, to) !== m.actual) return [];
      return [{ from, to, change: { line: m.place.start.line, column: m.place.start.column, rule: m.ruleId ?? '', before: m.actual, after } }];
    })
    .sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let at = 0;
  const changes: Change[] = [];
  for (const edit of edits) {
    if (edit.from < at) continue; // overlaps a rewrite already made
    out += text.slice(at, edit.from) + edit.change.after;
    at = edit.to;
    changes.push(edit.change);
  }
  return { text: out + text.slice(at), changes };
}
