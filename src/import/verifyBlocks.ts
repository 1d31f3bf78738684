import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import * as rules from '../diagnostics/rules.js';
import { report } from '../diagnostics/report.js';
import { authorSpace, repairLine } from './clean.js';
import { PAGE_NUMBER, TERMINAL } from './patterns.js';
import { printedWidth, type ReadLine, type Reading } from './reading.js';

/**
 * `--verify`, block by block: the written source's body against an independent reading of the
 * input (reading.ts). Each title and heading must be one line of the input (two when pdftotext
 * parted its two phrases at the author's space), its author's space where the input has one;
 * each paragraph a run of consecutive input lines, of which every line but the last fills the
 * measure (a line that stops short ends a heading or a paragraph: a paragraph that runs past
 * one merged two blocks), or exactly one line where the input has a paragraph a line; a
 * paragraph that starts where the input's paragraph goes on (after a full line, at a line
 * that is not indented) splits one; nothing added, dropped or reordered: blocks are found in
 * the input in order, skipping only blank lines, page numbers, lines the import reported as
 * removed or took as front matter; a paragraph goes on past a short line only where the import
 * reported joining the lines (a paragraph broken at a page end). The masthead before the first title and the colophon after the last block are
 * checked by verify() with the front matter. Returns the number of differences.
 */

interface Block {
  kind: 'title' | 'subtitle' | 'heading' | 'paragraph' | 'figure' | 'other';
  text: string;
}

interface Entry extends ReadLine {
  /** The line as compared: declared repairs made, white space and width differences gone. */
  canon: string;
}

const MAX_DIFFERENCES = 20;

/** Text as compared: without white space (an extractor's spaces are not the author's). */
const canon = (text: string): string => text.replace(/\s+/g, '');

const markdown = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });

function blocksOf(body: string): Block[] {
  const tree = markdown.parse(body) as Root;
  const blocks: Block[] = [];
  let previous: RootContent | undefined;
  for (const node of tree.children) {
    const text = toString(node);
    if (node.type === 'heading') blocks.push({ kind: node.depth === 1 ? 'title' : 'heading', text });
    else if (node.type === 'paragraph' && previous?.type === 'heading' && previous.depth === 1 && text.startsWith('——')) blocks.push({ kind: 'subtitle', text });
    else if (node.type === 'paragraph' || node.type === 'blockquote') {
      const image = node.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'image';
      blocks.push({ kind: image ? 'figure' : 'paragraph', text });
    } else if (node.type === 'table') for (const row of node.children) blocks.push({ kind: 'other', text: row.children.map((c) => toString(c)).join('') });
    else blocks.push({ kind: 'other', text });
    previous = node;
  }
  return blocks.filter((b) => canon(b.text) !== '');
}

const show = (text: string): string => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

export function verifyBlocks(body: string, reading: Reading, file: VFile, options: { simplified?: boolean; removed?: Set<number>; joined?: Set<number> } = {}): number {
  const blocks = blocksOf(body);
  const all: Entry[] = reading.lines.map((l) => ({ ...l, canon: canon(repairLine(l.text, options.simplified)) }));
  let differences = 0;
  const fail = (args: Parameters<typeof rules.importVerifyBlock.message.zh>[0], line: number) => {
    differences++;
    if (differences <= MAX_DIFFERENCES) report(file, rules.importVerifyBlock, args, { line, column: 1 });
  };
  if (blocks.length === 0) return 0;

  // The masthead: everything before the first title's line (a title may be printed over two).
  const firstTitle = canon(blocks[0]!.text);
  const start = all.findIndex((l) => l.canon !== '' && (l.canon.startsWith(firstTitle) || (l.canon.length >= 4 && firstTitle.startsWith(l.canon))));
  if (start < 0) {
    fail({ kind: 'added', text: show(blocks[0]!.text) }, 1);
    return differences;
  }
  const masthead = new Set(all.slice(0, start).map((l) => l.canon).filter(Boolean));
  const skippable = (l: Entry) =>
    l.canon === '' || /^(?:[-*_]\s*){3,}$/.test(l.text.trim()) || PAGE_NUMBER.test(l.text.replace(/\s+/g, ' ').trim()) || options.removed?.has(l.line) === true || masthead.has(l.canon);

  let at = start;
  let offset = 0;
  let previous: { block: Block; last: Entry } | undefined;

  /**
   * A line that does not start a paragraph: not indented where the input shows indents; without
   * them (raw pdftotext), with no room left for the two characters of an indent (a mark hung at
   * its end aside).
   */
  const unindented = (l: Entry): boolean =>
    l.indent === false || (l.indent === undefined && reading.measure !== undefined && printedWidth(l.text.trim().replace(/[，。、；：！？）》”’]$/, '')) >= reading.measure - 1.5);

  /** A bracket the text opens and does not close: a paragraph cannot end there. */
  const open = (text: string) => (text.match(/[（(]/g)?.length ?? 0) > (text.match(/[）)]/g)?.length ?? 0);

  /** Block b from line `from` (at `off` within it): the lines it takes and where the next block starts. */
  const match = (b: Block, from: number, off: number): { lines: Entry[]; next: number; offset: number; split?: true } | { mismatch: number; at: number } => {
    const target = canon(b.text);
    let acc = '';
    const lines: Entry[] = [];
    for (let j = from; j < all.length; j++) {
      const l = all[j]!;
      if (lines.length > 0 && skippable(l)) continue;
      const piece = j === from ? l.canon.slice(off) : l.canon;
      const joined = acc + piece;
      lines.push(l);
      if (joined === target) return { lines, next: j + 1, offset: 0 };
      if (target.startsWith(joined)) {
        acc = joined;
        continue;
      }
      // A title and its subtitle may share a line (pdftotext of some layouts).
      // A paragraph that ends inside a line of the input split one of its paragraphs.
      if (joined.startsWith(target)) {
        const rest = { lines, next: j, offset: (j === from ? off : 0) + target.length - acc.length };
        if (b.kind === 'title' || b.kind === 'subtitle') return rest;
        if (b.kind === 'paragraph') return { ...rest, split: true };
      }
      let k = 0;
      while (k < joined.length && joined[k] === target[k]) k++;
      return { mismatch: k, at: j };
    }
    return { mismatch: acc.length, at: all.length - 1 };
  };

  for (const b of blocks) {
    while (offset === 0 && at < all.length && skippable(all[at]!)) at++;
    let m = match(b, at, offset);
    if ('mismatch' in m) {
      // Found further on: the input lines before it were dropped.
      let found = -1;
      if (offset === 0) {
        for (let j = at + 1; j < all.length && found < 0; j++) {
          const tried = skippable(all[j]!) ? undefined : match(b, j, 0);
          if (tried && !('mismatch' in tried)) found = j;
        }
      }
      if (found >= 0) {
        const lost = all.slice(at, found).filter((l) => !skippable(l));
        fail({ kind: 'lost', text: show(lost.map((l) => l.text.trim()).join('')) }, lost[0]?.line ?? all[at]!.line);
        at = found;
        m = match(b, at, 0);
      } else {
        const line = all[m.at] ?? all[at]!;
        const target = canon(b.text);
        const context = (s: string, k: number) => s.slice(Math.max(0, k - 8), k + 12);
        const input = all.slice(at, m.at + 1).map((l, i) => (i === 0 ? l.canon.slice(offset) : l.canon)).join('');
        if (input.length === 0) fail({ kind: 'added', text: show(b.text) }, line?.line ?? 1);
        else fail({ kind: 'changed', text: context(input, m.mismatch), other: context(target, m.mismatch) }, line?.line ?? 1);
        // Go on after the lines that held the difference.
        at = Math.min(all.length, m.at + 1);
        offset = 0;
        previous = undefined;
        continue;
      }
    }
    if ('mismatch' in m) continue;
    const first = m.lines[0]!;
    const last = m.lines.at(-1)!;
    if (b.kind === 'heading' || (b.kind === 'title' && m.lines.length === 1)) {
      // pdftotext puts the two phrases of a heading with an author's space on lines of their own.
      const phrases = m.lines.length === 2 && m.lines.every((l) => /^\p{Script=Han}+$/u.test(l.canon));
      const boundary = phrases && b.text.includes('\u3000') && canon(b.text.slice(0, b.text.indexOf('\u3000'))) === first.canon;
      const paragraphLine =
        (reading.printed && first.full === true && reading.lines.some((l) => l.indent !== undefined)) ||
        (reading.measure !== undefined && printedWidth(first.text) >= reading.measure - 2.5) ||
        /[。！？]$/.test(first.canon);
      if (b.kind === 'heading' && m.lines.length === 1 && paragraphLine)
        fail({ kind: 'paragraph-line', text: show(b.text) }, first.line);
      else if (phrases && !b.text.includes('\u3000')) fail({ kind: 'space-lost', text: b.text, other: `${first.canon}\u3000${last.canon}` }, first.line);
      else if (m.lines.length > 1 && !boundary) fail({ kind: 'heading', text: show(b.text) }, first.line);
      else if (offset === 0 && m.offset === 0) {
        const raw = boundary ? `${first.text.trim()} ${last.text.trim()}` : first.text.trim();
        const expected = authorSpace(raw.replace(/^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+$/g, ''));
        const spaced = expected.includes('\u3000');
        if (spaced && !b.text.includes('\u3000')) fail({ kind: 'space-lost', text: b.text, other: expected }, first.line);
        else if (!spaced && b.text.includes('\u3000')) fail({ kind: 'space-added', text: b.text, other: raw }, first.line);
      }
    }
    if (m.split) fail({ kind: 'split', text: show(blocks[blocks.indexOf(b) + 1]?.text ?? '') }, last.line);
    if (b.kind === 'paragraph') {
      const interior = m.lines.slice(0, -1);
      let sofar = '';
      const short = interior.find((l, i) => {
        sofar += l.canon;
        return (!reading.printed || !l.full) && !open(sofar) && !options.joined?.has(m.lines[i + 1]!.line);
      });
      if (short) fail({ kind: 'merged', text: show(b.text) }, m.lines[m.lines.indexOf(short) + 1]!.line);
      // After a heading, a paragraph starts indented where the input shows indents: one that
      // does not is the rest of a paragraph whose first line was taken for the heading.
      if ((previous?.block.kind === 'heading' || previous?.block.kind === 'title') && offset === 0 && unindented(first))
        fail({ kind: 'split', text: show(b.text) }, first.line);
      if (previous?.block.kind === 'paragraph' && offset === 0 && reading.printed && previous.last.full) {
        // Without indents (raw pdftotext) a paragraph's first line is still two characters short
        // of the measure (a mark hung at its end aside); a sentence's end at a full line is no sign.
        const goesOn = first.indent === undefined ? !TERMINAL.test(previous.last.canon) || unindented(first) : !first.indent;
        if (goesOn) fail({ kind: 'split', text: show(b.text) }, first.line);
      }
    }
    previous = { block: b, last };
    at = m.next;
    offset = m.offset;
    // A picture a Word file could not show is its caption's text again, right before it.
    if (b.kind === 'figure') while (offset === 0 && at < all.length && all[at]!.canon === last.canon) at++;
  }
  if (differences > MAX_DIFFERENCES) report(file, rules.importVerify, { kind: 'more', count: differences - MAX_DIFFERENCES }, { line: 1, column: 1 });
  return differences;
}
