/**
 * The reading `--verify` compares a written source with: the input read a second way, without
 * the import's structure or clean-up, so that what the import decided (a heading, a paragraph's
 * end, an author's space, the order of characters on a line) is checked against the input and
 * not against itself.
 *
 * - PDF: each page's text as pdf.js's runs give it, a new line where the baseline changes; the
 *   runs of a line cut at their blanks and placed by where each part starts (what another font
 *   draws into a run's blank lands there; nothing is placed character by character, as the
 *   import does), a space where a part starts half a character or more after the last ended;
 *   the lines of a page top to bottom (a masthead may be drawn after the text under it); with
 *   each line's edges, so that a line that fills the measure and a line indented as a
 *   paragraph's first are known.
 * - Word (.docx): the paragraphs of word/document.xml (those of table cells too), one a line.
 * - Word 97-2003 (.doc): the paragraphs word-extractor gives, one a line.
 * - Text: the raw lines of the file (a form feed starts a line too), with what pdftotext does
 *   to a printed line undone: a line it started at a squeezed "，" or at a change of font is
 *   put back on the line it belongs to.
 */
import { GB9704 } from '../layout/geometry.js';
import { hungMeasure } from './paragraphs.js';
import { DetailError, details } from '../diagnostics/errors.js';
import { loadPdfjs } from '../text/pdfjs.js';
import { checkPdfStreams } from './pdfBounds.js';
import { IMPORT_LIMITS, ImportLimitError, type ImportLimits } from './limits.js';

export interface ReadLine {
  /** The line as read, spaces and all. */
  text: string;
  /** 1-based: the input file's line for text, the reading's own line for PDF and Word. */
  line: number;
  /** The line runs to the right edge of the measure: a paragraph may go on after it. */
  full?: boolean;
  /** The line starts further in than the measure's left edge (a paragraph's first line); undefined when the input does not tell. */
  indent?: boolean;
}

export interface Reading {
  lines: ReadLine[];
  /** Where a line may be part of a paragraph (printed or wrapped text): else each line is a whole paragraph (Word). */
  printed: boolean;
  /** Printed text without indents (raw pdftotext): its measure, in characters (printedWidth). */
  measure?: number;
}

/** Width as printed, spaces left out: a Chinese character or full-width sign is one, a Latin letter or digit half. */
export function printedWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(/\s+/g, '')) w += (ch.codePointAt(0) ?? 0) < 0x2000 ? 0.5 : 1;
  return w;
}

/** The most common value, rounded to whole points. */
function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/** A run's text cut at its blanks, each part placed by the advances before it (a Chinese character one, a Latin one half). */
function blankParts(str: string, x: number, w: number): Array<{ text: string; x: number; w: number }> {
  const advance = (ch: string) => ((ch.codePointAt(0) ?? 0) < 0x2000 ? 0.5 : 1);
  const total = [...str].reduce((sum, ch) => sum + advance(ch), 0) || 1;
  const out: Array<{ text: string; x: number; w: number }> = [];
  let at = 0;
  for (const part of str.split(/(\s+)/)) {
    const units = [...part].reduce((sum, ch) => sum + advance(ch), 0);
    if (part !== '') out.push({ text: part, x: x + (at / total) * w, w: (units / total) * w });
    at += units;
  }
  return out;
}

/** A PDF's text in drawing order, line by line, with each line's edges. */
export async function readPdf(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): Promise<Reading> {
  checkPdfStreams(bytes, limits);
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const raw: Array<{ text: string; x0: number; x1: number; size: number }> = [];
  type Piece = { text: string; x: number; w: number };
  try {
    if (doc.numPages > limits.pdfPages) throw new ImportLimitError('pages', String(doc.numPages), limits.pdfPages);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const lines: Array<{ pieces: Piece[]; size: number; y: number }> = [];
      let current: (typeof lines)[number] | undefined;
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const t = item.transform as number[];
        const x = t[4] ?? 0;
        const y = t[5] ?? 0;
        const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || 1;
        if (!current || Math.abs(y - current.y) > size * 0.5) {
          if (current) lines.push(current);
          current = { pieces: [], size, y };
        }
        current.size = Math.max(current.size, size);
        current.pieces.push(...blankParts(item.str, x, item.width));
      }
      if (current) lines.push(current);
      // Top to bottom (a masthead may be drawn after the text under it).
      for (const line of lines.sort((a, b) => b.y - a.y)) {
        // Within a line, runs cut at their blanks are placed by where they start: what another
        // font draws into a blank of a run (a quote) lands there. Nothing finer is guessed.
        const pieces = line.pieces.filter((p) => p.text.trim() !== '').sort((a, b) => a.x - b.x);
        if (!pieces.length) continue;
        let text = '';
        let end = pieces[0]!.x;
        for (const p of pieces) {
          if (text && p.x - end > line.size * 0.5) text += ' ';
          text += p.text;
          end = Math.max(end, p.x + p.w);
        }
        raw.push({ text, x0: pieces[0]!.x, x1: Math.max(...pieces.map((p) => p.x + p.w)), size: line.size });
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  const size = mode(raw.map((l) => l.size)) ?? 12;
  const body = raw.filter((l) => Math.abs(l.size - size) < 0.5);
  const left = mode(body.map((l) => l.x0)) ?? 0;
  const right = mode(body.map((l) => l.x1).filter((x) => x > left + size * 15)) ?? Math.max(...raw.map((l) => l.x1));
  return {
    printed: true,
    lines: raw.map((l, i) => ({ text: l.text, line: i + 1, full: l.x1 > right - size, indent: l.x0 > left + size * 1.5 })),
  };
}

/**
 * The measure of printed lines: the widest width that three or more lines share (within a
 * character), with next to no line wider. Undefined for text with a paragraph a line.
 */
export function measureOf(texts: string[]): number | undefined {
  const widths = texts.map(printedWidth).filter((w) => w >= 10);
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(Math.round(w), (counts.get(Math.round(w)) ?? 0) + 1);
  const shared = [...counts].filter(([w, n]) => w <= 60 && n >= 3).map(([w]) => w);
  if (!shared.length) return undefined;
  let measure = Math.max(...shared);
  // A mark hung in the margin makes a line one wider than the measure.
  if (hungMeasure(texts, counts, measure)) measure -= 1;
  const wider = widths.filter((w) => w > measure + 1.6).length;
  return measure >= 15 && wider <= widths.length * 0.05 ? measure : undefined;
}

const CLOSING = /^[，。、；：！？）》」』”’,.;:!?)]/;

/** Characters per line of a 简报 (docs/layout.md: 22 lines of 28 characters). */
const MEASURE = GB9704.grid.chars;

/**
 * A short issue's printed lines may share no width three times: they are printed lines still
 * when most long lines are about a 简报's measure and hardly any is much longer.
 */
function shortPrinted(texts: string[]): number | undefined {
  const widths = texts.map(printedWidth).filter((w) => w >= 10);
  const near = widths.filter((w) => w >= MEASURE - 4.6 && w <= MEASURE + 1.5).length;
  const longer = widths.filter((w) => w > MEASURE + 1.5).length;
  return near >= 2 && longer <= widths.length * 0.1 ? MEASURE : undefined;
}

/** Raw lines of a text: printed lines when they share a measure (pdftotext), else paragraphs. */
export function readText(text: string): Reading {
  const lines: ReadLine[] = [];
  text.split('\n').forEach((line, index) => {
    for (const segment of line.split('\f')) {
      const entry = { text: segment.replace(/\r$/, ''), line: index + 1 };
      // pdftotext breaks a line before a "，" drawn half a character to the left (punctuation
      // squeeze): a line that starts with closing punctuation is the end of the one before.
      const before = lines.at(-1);
      if (before && before.text.trim() !== '' && CLOSING.test(entry.text.trim())) before.text += entry.text.trim();
      else lines.push(entry);
    }
  });
  const measure = measureOf(lines.map((l) => l.text)) ?? shortPrinted(lines.map((l) => l.text));
  if (measure === undefined) {
    // A paragraph a line, or lines wrapped by hand at some width: a line as long as the
    // longest (within two characters) is a wrapped one that may go on.
    const widest = Math.max(0, ...lines.map((l) => printedWidth(l.text)));
    return { printed: true, lines: lines.map((l) => ({ ...l, full: widest >= 15 && printedWidth(l.text) >= widest - 2 })) };
  }
  // pdftotext also parts a printed line where the font changes ("…工作。" / "（演示稿件，"):
  // a line that opens a bracket it does not close, and fills up the short line before it to
  // the measure, is the rest of that line.
  for (let i = lines.length - 1; i > 0; i--) {
    const here = lines[i]!;
    const before = lines[i - 1]!;
    const opens = (here.text.match(/[（(]/g)?.length ?? 0) > (here.text.match(/[）)]/g)?.length ?? 0);
    if (opens && before.text.trim() !== '' && Math.abs(printedWidth(before.text) + printedWidth(here.text) - measure) <= 1.5) {
      before.text += here.text.trim();
      lines.splice(i, 1);
    }
  }
  // -layout keeps a paragraph's indent as spaces; raw pdftotext does not tell.
  const lead = (t: string) => /^[ \u3000]*/.exec(t)?.[0].replace(/\u3000/g, '  ').length ?? 0;
  const filled = lines.filter((l) => printedWidth(l.text) >= measure - 1);
  const margin = filled.length ? Math.min(...filled.map((l) => lead(l.text))) : 0;
  const indents = lines.some((l) => l.text.trim() !== '' && lead(l.text) >= margin + 2);
  return {
    printed: true,
    ...(indents ? {} : { measure }),
    lines: lines.map((l) => ({ ...l, full: printedWidth(l.text) >= measure - 4.6, ...(indents && l.text.trim() !== '' ? { indent: lead(l.text) >= margin + 2 } : {}) })),
  };
}

/** The paragraphs of a Word file's document.xml (table cells' too), one a line. */
export async function readDocx(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): Promise<Reading> {
  const [{ default: JSZip }, { InflateBudget }] = await Promise.all([import('jszip'), import('./docx.js')]);
  const zip = await JSZip.loadAsync(bytes);
  const xml = await new InflateBudget(limits).text(zip, 'word/document.xml');
  if (xml === undefined) throw new DetailError(details.noDocumentXml());
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const lines: ReadLine[] = [];
  for (const p of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    let text = '';
    for (const m of p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)) text += m[1] !== undefined ? decode(m[1]) : '\t';
    lines.push({ text, line: lines.length + 1 });
  }
  return { printed: false, lines };
}

/** The paragraphs of a Word 97-2003 file, one a line. */
export async function readDoc(bytes: Uint8Array): Promise<Reading> {
  const { docText } = await import('./doc.js');
  return { printed: false, lines: (await docText(bytes)).split('\n').map((text, i) => ({ text, line: i + 1 })) };
}
