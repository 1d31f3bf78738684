import type { VFile } from 'vfile';
import * as rules from '../diagnostics/rules.js';
import { report } from '../diagnostics/report.js';
import type { Line } from './model.js';
import { CREDIT, HEADING_END, STARTS_BLOCK, TERMINAL, dateLine, sourceLine } from './patterns.js';
import { GB9704 } from '../layout/geometry.js';

/** One paragraph of the input: its text and the input line it starts on. */
export interface Unit {
  text: string;
  line: number;
  /** What the input said the line is (model.ts Line.hint), with a table row's cells. */
  hint?: Line['hint'];
  cells?: string[];
  image?: Line['image'];
}

const length = (text: string): number => [...text].length;

/** Punctuation that closes or ends: a line never starts with it, unless pdftotext broke the line before it. */
const CLOSING = /^[，。、；：！？）》」』”’,.;:!?)]/;

/**
 * A short line without closing punctuation: a title or a section heading. Never one that starts
 * with closing punctuation (the rest of a line pdftotext broke) or holds a sentence's end (。；).
 */
export function headingLike(text: string, max = 40): boolean {
  return (
    length(text) <= max &&
    !CLOSING.test(text) &&
    !/[。；;]/.test(text) &&
    !HEADING_END.test(text) &&
    !CREDIT.test(text) &&
    !sourceLine(text) &&
    dateLine(text) === undefined
  );
}

const HEAD = 32;
const TAIL = 8;
const brackets = (text: string): number => {
  let depth = 0;
  for (const ch of text) depth += ch === '（' || ch === '(' ? 1 : ch === '）' || ch === ')' ? -1 : 0;
  return depth;
};

/**
 * A paragraph gathered line by line: lines are joined as they are, with a space between Latin
 * words (a line ending in a letter, digit or , . ; and the next starting with a letter). Joining into one string
 * and testing that string again for each line made the text import quadratic (2 MB of text: 36
 * to 117 s): each test of its end or of its brackets read the whole paragraph again, and each
 * join of a long string flattened it. Here the lines are kept apart and each test looks only at
 * what it needs, kept up to date as lines come: the head, the tail, the bracket balance, the
 * length.
 */
class Paragraph {
  private readonly parts: string[];
  /** The first HEAD and the last TAIL UTF-16 units of the text. */
  head: string;
  tail: string;
  /** Code units and characters (code points) of the text. */
  units: number;
  chars: number;
  /** Opening brackets less closing ones: above 0, the paragraph opens a bracket it does not close. */
  depth: number;

  constructor(first: string) {
    this.parts = [first];
    this.head = first.slice(0, HEAD);
    this.tail = first.slice(-TAIL);
    this.units = first.length;
    this.chars = length(first);
    this.depth = brackets(first);
  }

  append(next: string): void {
    const piece = /[A-Za-z0-9,.;]$/.test(this.tail) && /^[A-Za-z]/.test(next) ? ` ${next}` : next;
    this.parts.push(piece);
    if (this.head.length < HEAD) this.head = (this.head + piece).slice(0, HEAD);
    this.tail = (this.tail + piece.slice(-TAIL)).slice(-TAIL);
    this.units += piece.length;
    this.chars += length(piece);
    this.depth += brackets(piece);
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** Width as printed: a Chinese character or full-width sign is one, a Latin letter or digit half. */
export function printedWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) < 0x2000 ? 0.5 : 1;
  return w;
}

/** Characters per line of a 简报 (docs/layout.md: 22 lines of 28 characters). */
const MEASURE = GB9704.grid.chars;

/** An open bracket the text does not close: "（演示稿件，". */
function opensBracket(text: string): boolean {
  return (text.match(/[（(]/g)?.length ?? 0) > (text.match(/[）)]/g)?.length ?? 0);
}

/** A closing mark a line may end in: hung in the margin by Word and WPS. */
const HANGS = /[，。、；：！？）》」』”’,.;:!?)]$/;

/**
 * Whether lines at the widest shared width `measure` are one wider than the true measure: they
 * hold a punctuation mark hung in the margin (Word, WPS), so most of them end in one, and they
 * are no more than the lines one narrower. (A paragraph's next-to-last line one short of the
 * measure, where bulletin pulled a character down to keep two on the last line, does not count.)
 */
export function hungMeasure(texts: string[], counts: Map<number, number>, measure: number): boolean {
  if ((counts.get(measure - 1) ?? 0) < (counts.get(measure) ?? 0)) return false;
  const wide = texts.filter((t) => Math.round(printedWidth(t)) === measure);
  return wide.filter((t) => HANGS.test(t.trimEnd())).length * 2 >= wide.length;
}

/**
 * The measure of text copied from a printed page (pdftotext, with or without -layout): the
 * width most long lines share, when enough of them share it (28 for a 简报). Undefined for text
 * with one paragraph per line, whose lines are as long as their paragraphs.
 */
export function printedMeasure(lines: Line[]): number | undefined {
  const widths = lines.map((l) => printedWidth(l.text)).filter((w) => w >= 10);
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(Math.round(w), (counts.get(Math.round(w)) ?? 0) + 1);
  // The widest width two lines share; printed text has next to no line wider than it. It is
  // learnt, not assumed: a LibreOffice or WPS export may print 27 or 30 to a line.
  let measure = Math.max(0, ...[...counts].filter(([w, n]) => n >= 2 && w <= 60).map(([w]) => w));
  if (hungMeasure(lines.map((l) => l.text), counts, measure)) measure -= 1;
  const support = (m: number) => widths.filter((w) => w >= m - 4.6 && w <= m + 0.6).length;
  const holds = (m: number) => m >= 15 && support(m) >= 3 && widths.filter((w) => w > m + 1.6).length <= widths.length * 0.05;
  // A short issue may have no measure its lines agree on: a 简报's own, 28, when no line is wider
  // (also over a narrower width that a few of its lines share by chance: indented first lines
  // and half-width figures leave a short issue's full lines at 24–26 characters of pdftotext).
  const standard = widths.every((w) => w <= MEASURE + 0.6) && widths.filter((w) => w >= MEASURE - 4.6).length >= 2;
  if (holds(measure) && !(standard && measure < MEASURE - 1.5)) return measure;
  if (standard) return MEASURE;
  return undefined;
}

/**
 * Whether a printed line goes on in the next one. A long line goes on (a paragraph's lines
 * run to the measure, less the first line's indent and what balanced wrapping leaves, up to
 * four characters short); a line that stops shorter ends its paragraph. A long line that ends
 * a sentence goes on only when it fills the measure and so does the next (an indented line
 * starts a paragraph).
 */
function goesOn(previous: string, next: string, measure: number, firstLine = false): boolean {
  const w = printedWidth(previous);
  const n = printedWidth(next);
  // A line that starts with closing punctuation is the rest of the one before: pdftotext breaks
  // a line before a "，" drawn half a character to the left (after 》 ） ”).
  if (CLOSING.test(next)) return true;
  // A short line that opens a bracket it does not close, and fills the printed line before it
  // up to the measure, is the rest of that line, cut off where the font changed (pdftotext).
  if (n < measure - 4.6 && opensBracket(next) && Math.abs(w + n - measure) <= 1.5) return true;
  if (w < measure - 4.6 || STARTS_BLOCK.test(next) || sourceLine(next) || CREDIT.test(next)) return false;
  if (!TERMINAL.test(previous)) return true;
  // A paragraph's first line is indented by two characters: full at the measure less two.
  return w >= measure - (firstLine ? 2 : 0) - 0.6 && n >= measure - 1.4;
}

/**
 * Groups body lines into paragraphs. Text copied from print (printedMeasure) is rejoined by
 * the measure (goesOn), also across the blank line of a page break. Otherwise lines of one
 * block (no blank line between) are joined when the earlier one is a full-width line without
 * closing punctuation (a hard line break), and a paragraph cut by a page break ("一岗" /
 * "双责…") is joined with the block that continues it.
 */
export function paragraphs(lines: Line[], file: VFile): Unit[] {
  // Lines that say what they are (a PDF's, a Word file's) are whole already: nothing to join.
  if (lines.some((l) => l.hint && l.hint !== 'row')) return lines.filter((l) => l.text !== '' || l.image).map(({ text, line, hint, cells, image }) => ({ text, line, ...(hint ? { hint } : {}), ...(cells ? { cells } : {}), ...(image ? { image } : {}) }));
  const measure = printedMeasure(lines);
  if (measure !== undefined) return printedParagraphs(lines, measure, file);
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const entry of lines) {
    if (entry.text === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(entry);
  }
  if (current.length) blocks.push(current);

  type Gathered = { p: Paragraph; line: number; wrapped: boolean };
  const units: Gathered[] = [];
  for (const block of blocks) {
    const width = Math.max(...block.map((l) => length(l.text)));
    let unit: Gathered | undefined;
    let previous = '';
    for (const entry of block) {
      const continues =
        unit !== undefined &&
        width >= 15 &&
        length(previous) >= width - 2 &&
        !TERMINAL.test(previous) &&
        !STARTS_BLOCK.test(entry.text);
      if (unit && continues) {
        unit.p.append(entry.text);
        unit.wrapped = true;
      } else {
        unit = { p: new Paragraph(entry.text), line: entry.line, wrapped: false };
        units.push(unit);
      }
      previous = entry.text;
    }
  }

  const merged: Gathered[] = [];
  for (const unit of units) {
    const last = merged.at(-1);
    const text = unit.p.text;
    if (
      last &&
      (last.p.chars > 40 || last.wrapped) &&
      !TERMINAL.test(last.p.tail) &&
      !STARTS_BLOCK.test(text) &&
      !CREDIT.test(text) &&
      !CREDIT.test(last.p.head) &&
      !headingLike(text)
    ) {
      report(file, rules.importJoined, { from: last.line, to: unit.line }, { line: unit.line, column: 1 });
      last.p.append(text);
    } else merged.push(unit);
  }
  return merged.map(({ p, line }) => ({ text: p.text, line }));
}

function printedParagraphs(lines: Line[], measure: number, file: VFile): Unit[] {
  const units: Unit[] = [];
  /** Each unit's paragraph while it gathers lines (Paragraph): its text is set at the end. */
  const gathering = new Map<Unit, Paragraph>();
  let unit: Unit | undefined;
  let p: Paragraph | undefined;
  let previous = '';
  let blank = false;
  for (const entry of lines) {
    if (entry.text === '') {
      blank = true;
      continue;
    }
    // A table row (-layout) is a unit of its own.
    if (entry.hint === 'row') {
      units.push({ text: entry.text, line: entry.line, hint: 'row', ...(entry.cells ? { cells: entry.cells } : {}) });
      unit = p = undefined;
      continue;
    }
    // A "——" subtitle stands alone. An open bracket is closed in the same paragraph (pdftotext
    // puts "（演示稿件，" on a line of its own).
    const single = p !== undefined && p.units === previous.length && p.text === previous;
    if (unit && p && !p.head.startsWith('——') && (p.depth > 0 || goesOn(previous, entry.text, measure, single))) {
      if (blank) report(file, rules.importJoined, { from: unit.line, to: entry.line }, { line: entry.line, column: 1 });
      p.append(entry.text);
    } else {
      unit = { text: entry.text, line: entry.line };
      p = new Paragraph(entry.text);
      gathering.set(unit, p);
      units.push(unit);
    }
    // The rest of a printed line pdftotext broke at a squeezed mark makes that line whole again
    // (the unit ends in this line: it was just joined to it, or starts with it).
    // (A printed line is never more than a few measures: a run of such lines is not let grow it.)
    previous = CLOSING.test(entry.text) && !blank ? (previous + entry.text).slice(-4 * measure) : entry.text;
    blank = false;
  }
  for (const [u, gathered] of gathering) u.text = gathered.text;
  return units;
}
