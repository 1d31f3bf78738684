import type { VFile } from 'vfile';
import * as rules from '../diagnostics/rules.js';
import { report } from '../diagnostics/report.js';
import type { Line } from './model.js';
import { CREDIT, HEADING_END, STARTS_BLOCK, TERMINAL, dateLine, sourceLine } from './patterns.js';

/** One paragraph of the input: its text and the input line it starts on. */
export interface Unit {
  text: string;
  line: number;
}

const length = (text: string): number => [...text].length;

/** A short line without closing punctuation: a title or a section heading. */
export function headingLike(text: string, max = 40): boolean {
  return (
    length(text) <= max &&
    !HEADING_END.test(text) &&
    !CREDIT.test(text) &&
    !sourceLine(text) &&
    dateLine(text) === undefined
  );
}

function join(a: string, b: string): string {
  return /[A-Za-z0-9,.;]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * Groups body lines into paragraphs. Lines of one block (no blank line between) are joined
 * when the earlier one is a full-width line without closing punctuation (a hard line break);
 * a paragraph cut by a page break ("一岗" / "双责…") is joined with the block that continues it.
 */
export function paragraphs(lines: Line[], file: VFile): Unit[] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const entry of lines) {
    if (entry.text === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(entry);
  }
  if (current.length) blocks.push(current);

  const units: Array<Unit & { wrapped: boolean }> = [];
  for (const block of blocks) {
    const width = Math.max(...block.map((l) => length(l.text)));
    let unit: (Unit & { wrapped: boolean }) | undefined;
    let previous = '';
    for (const entry of block) {
      const continues =
        unit !== undefined &&
        width >= 15 &&
        length(previous) >= width - 2 &&
        !TERMINAL.test(previous) &&
        !STARTS_BLOCK.test(entry.text);
      if (unit && continues) {
        unit.text = join(unit.text, entry.text);
        unit.wrapped = true;
      } else {
        unit = { text: entry.text, line: entry.line, wrapped: false };
        units.push(unit);
      }
      previous = entry.text;
    }
  }

  const merged: Array<Unit & { wrapped: boolean }> = [];
  for (const unit of units) {
    const last = merged.at(-1);
    if (
      last &&
      (length(last.text) > 40 || last.wrapped) &&
      !TERMINAL.test(last.text) &&
      !STARTS_BLOCK.test(unit.text) &&
      !CREDIT.test(unit.text) &&
      !CREDIT.test(last.text) &&
      !headingLike(unit.text)
    ) {
      report(file, rules.importJoined, { from: last.line, to: unit.line }, { line: unit.line, column: 1 });
      last.text = join(last.text, unit.text);
    } else merged.push({ ...unit });
  }
  return merged.map(({ text, line }) => ({ text, line }));
}
