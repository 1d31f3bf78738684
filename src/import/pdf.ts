import type { Line } from './model.js';
import { HEADING_END, PAGE_NUMBER, TERMINAL, headingDepth } from './patterns.js';
import { loadPdfjs } from '../text/pdfjs.js';
import { checkPdfStreams } from './pdfBounds.js';
import { IMPORT_LIMITS, ImportLimitError, type ImportLimits } from './limits.js';

/**
 * `bulletin import file.pdf`: the text of a PDF with its positions and fonts (pdf.js), turned
 * into the lines the recogniser reads. What the printed page shows decides, not the text's
 * shape: a line indented by two characters starts a paragraph and a line that stops short of
 * the right edge ends one; a line set larger than the body is a title; a whole line in the
 * heading face (黑体) is a heading; cells spaced apart on one baseline, line after line, are a
 * table; a smaller line that starts with 图 is a figure's caption. Running page numbers
 * ("— 3 —") are dropped. The masthead and the colophon stay lines of their own, as printed.
 */

interface Item {
  str: string;
  x: number;
  /** Baseline, pt from the top of the page. */
  y: number;
  w: number;
  size: number;
  /** The font program this item is drawn with: its name without the subset tag. */
  font: string;
}

/** One character where it is drawn. */
interface Glyph {
  ch: string;
  x: number;
  w: number;
  font: string;
}

interface PrintedLine {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  /** The font most of the line is drawn with. */
  font: string;
  /** Runs of text separated by more than a character's width. */
  segments: Array<{ text: string; x0: number; x1: number }>;
}

/** A font's mean stroke width (2·area/perimeter of its glyphs' outlines, in em): how heavy it prints. */
export type Stems = Map<string, number>;

/** Half a character for Latin letters, digits and spaces, one for the rest: to place a run's characters. */
const advance = (ch: string): number => ((ch.codePointAt(0) ?? 0) < 0x2000 ? 0.5 : 1);

/**
 * The characters of a run at their own places: pdf.js gives a run's start and width only, so
 * its width is shared out by the characters' advances. A run drawn across another (a quote in
 * another font inside a run of the body's) is then ordered by where each character stands.
 */
function glyphs(item: Item): Glyph[] {
  const chars = [...item.str];
  const total = chars.reduce((sum, ch) => sum + advance(ch), 0) || 1;
  const unit = item.w / total;
  const out: Glyph[] = [];
  let x = item.x;
  for (const ch of chars) {
    const w = advance(ch) * unit;
    out.push({ ch, x, w, font: item.font });
    x += w;
  }
  return out;
}

/** Mean stroke width of up to 24 Han glyphs of a font program, in em; undefined when it cannot be read. */
function stemOf(data: Uint8Array | undefined, text: string, fontkit: typeof import('fontkit')): number | undefined {
  if (!data) return undefined;
  try {
    const font = fontkit.create(Buffer.from(data)) as import('fontkit').Font;
    let sum = 0;
    let n = 0;
    for (const ch of new Set(text)) {
      if (n >= 24 || !/\p{Script=Han}/u.test(ch)) continue;
      const glyph = font.glyphsForString(ch)[0];
      if (!glyph || glyph.id === 0) continue;
      let area = 0;
      let perimeter = 0;
      let sx = 0;
      let sy = 0;
      let px = 0;
      let py = 0;
      for (const { command, args } of glyph.path.commands) {
        if (command === 'moveTo') {
          sx = px = args[0] ?? 0;
          sy = py = args[1] ?? 0;
          continue;
        }
        const x = command === 'closePath' ? sx : (args[args.length - 2] ?? 0);
        const y = command === 'closePath' ? sy : (args[args.length - 1] ?? 0);
        area += px * y - x * py;
        perimeter += Math.hypot(x - px, y - py);
        px = x;
        py = y;
      }
      if (perimeter > 0) {
        sum += Math.abs(area) / perimeter / font.unitsPerEm;
        n++;
      }
    }
    return n ? sum / n : undefined;
  } catch {
    return undefined;
  }
}

/** The lines of every page, top to bottom, each with its runs of text, and each font's stroke width. */
async function printedLines(bytes: Uint8Array, limits: ImportLimits): Promise<{ lines: PrintedLine[]; stems: Stems }> {
  checkPdfStreams(bytes, limits);
  const pdfjs = await loadPdfjs();
  const fontkit = await import('fontkit').then((m) => ((m as { default?: typeof import('fontkit') }).default ?? m) as typeof import('fontkit'));
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, fontExtraProperties: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const lines: PrintedLine[] = [];
  const stems: Stems = new Map();
  try {
    if (doc.numPages > limits.pdfPages) throw new ImportLimitError('pages', String(doc.numPages), limits.pdfPages);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = (page.view as number[])[3] ?? 842;
      const content = await page.getTextContent();
      await page.getOperatorList();
      const fonts = new Map<string, { name: string; data?: Uint8Array }>();
      const fontOf = (id: string): { name: string; data?: Uint8Array } => {
        if (!fonts.has(id)) {
          let font: { name: string; data?: Uint8Array } = { name: '' };
          try {
            const loaded = page.commonObjs.get(id) as { name?: string; data?: Uint8Array } | undefined;
            font = { name: String(loaded?.name ?? id).replace(/^[A-Z]{6}\+/, ''), ...(loaded?.data ? { data: loaded.data } : {}) };
          } catch {
            // a font pdf.js could not load: known by its id only
            font = { name: id };
          }
          fonts.set(id, font);
        }
        return fonts.get(id)!;
      };
      const items: Item[] = [];
      const texts = new Map<string, string>();
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str.trim() === '') continue;
        const t = raw.transform as number[];
        const font = fontOf(raw.fontName);
        texts.set(font.name, (texts.get(font.name) ?? '') + raw.str);
        items.push({ str: raw.str, x: t[4] ?? 0, y: height - (t[5] ?? 0), w: raw.width, size: Math.hypot(t[2] ?? 0, t[3] ?? 0), font: font.name });
      }
      for (const font of fonts.values()) {
        if (stems.has(font.name)) continue;
        const stem = stemOf(font.data, texts.get(font.name) ?? '', fontkit);
        if (stem !== undefined) stems.set(font.name, stem);
      }
      items.sort((a, b) => a.y - b.y || a.x - b.x);
      let current: Item[] = [];
      const flush = () => {
        if (current.length) lines.push(lineOf(n, current));
        current = [];
      };
      for (const item of items) {
        const first = current[0];
        if (first && Math.abs(item.y - first.y) > Math.max(2, first.size * 0.3)) flush();
        current.push(item);
      }
      flush();
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { lines, stems };
}

function lineOf(page: number, items: Item[]): PrintedLine {
  const size = Math.max(...items.map((i) => i.size));
  // Every character where it is drawn, left to right (a stable sort keeps a run's own order).
  const all = items.flatMap(glyphs).sort((a, b) => a.x - b.x);
  const segments: PrintedLine['segments'] = [];
  const weight = new Map<string, number>();
  for (const g of all) {
    if (g.ch.trim() === '') continue;
    weight.set(g.font, (weight.get(g.font) ?? 0) + 1);
    const last = segments.at(-1);
    if (last && g.x - last.x1 < size * 0.9) {
      // A space in the run (a Latin word space, "5 个") stays as drawn.
      if (g.x - last.x1 > size * 0.2) last.text += ' ';
      last.text += g.ch;
      last.x1 = Math.max(last.x1, g.x + g.w);
    } else segments.push({ text: g.ch, x0: g.x, x1: g.x + g.w });
  }
  const font = [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return { page, y: items[0]?.y ?? 0, x0: segments[0]?.x0 ?? 0, x1: Math.max(...segments.map((s) => s.x1)), size, font, segments };
}

/** The most common value, rounded to whole points. */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

const textOf = (l: PrintedLine) => l.segments.map((s) => s.text).join(' ');

/**
 * A line that may be a heading by its text: short, not a sentence (no 。 or ；, no closing
 * punctuation at its end), not starting with closing punctuation (the rest of a line cut at a
 * squeezed "，"), not a "——" subtitle; "（一）" numbering may open it.
 */
export function headingShape(text: string): boolean {
  return [...text].length <= 40 && !/^[，。、；：！？）》」』”’,.;:!?)—]/.test(text) && !/[。；;]/.test(text) && !HEADING_END.test(text);
}

/**
 * A PDF's text as lines for the recogniser: a paragraph, title, heading, table row or caption
 * per line. Geometry and typography decide, not font names: the body's size, edges and font
 * are what most lines share; a line set larger is a title; a short line in a heavier font than
 * the body's (its strokes, measured in the font program) is a heading, in another font no
 * heavier a ### heading; with one font for everything, a short line that is not a sentence,
 * standing between a finished paragraph and an indented one, is a heading.
 */
export async function pdfLines(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): Promise<Line[]> {
  const printed = await printedLines(bytes, limits);
  const { stems } = printed;
  const all = printed.lines.filter((l) => !PAGE_NUMBER.test(textOf(l).replace(/\s+/g, ' ').trim()));
  if (all.length === 0) return [];
  // The body's size and its left and right edges: what most lines share.
  const size = mode(all.flatMap((l) => l.segments.map(() => l.size)));
  const body = all.filter((l) => Math.abs(l.size - size) < 0.5 && l.segments.length === 1);
  // A page with too few lines to agree on its edges falls back on the outermost ones.
  const shared = body.map((l) => Math.round(l.x0)).filter((x, _, xs) => xs.filter((y) => Math.abs(y - x) <= 1).length >= 2);
  const left = shared.length ? Math.min(...shared) : Math.min(...all.map((l) => l.x0));
  const wide = body.map((l) => l.x1).filter((x) => x > left + size * 20);
  const right = wide.length ? mode(wide) : Math.max(...all.map((l) => l.x1));
  // The body's font: the one most characters of body-size lines are drawn with.
  const fontCount = new Map<string, number>();
  for (const l of body) fontCount.set(l.font, (fontCount.get(l.font) ?? 0) + textOf(l).length);
  const bodyFont = [...fontCount].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const bodyStem = stems.get(bodyFont);
  /** 2: a heavier face than the body's; 3: another face, no heavier; 0: the body's face. */
  const faceOf = (l: PrintedLine): 0 | 2 | 3 => {
    if (l.font === bodyFont) return 0;
    const stem = stems.get(l.font);
    if (stem === undefined || bodyStem === undefined) return 2;
    return stem / bodyStem >= 1.4 ? 2 : stem / bodyStem <= 1 / 1.4 ? 0 : 3;
  };
  const out: Line[] = [];
  let n = 0;
  const emit = (line: Omit<Line, 'line'>) => {
    if (out.length) out.push({ text: '', line: ++n });
    out.push({ ...line, line: ++n });
  };
  let paragraph: { text: string; open: boolean; lines: number } | undefined;
  const end = () => {
    if (paragraph) emit({ text: paragraph.text, hint: 'paragraph' });
    paragraph = undefined;
  };
  for (let i = 0; i < all.length; i++) {
    const l = all[i]!;
    const text = textOf(l);
    const rowLike = (x: PrintedLine | undefined) => x !== undefined && x.segments.length >= 2 && x.segments.length === l.segments.length && x.segments.every((s, k) => Math.abs(s.x0 - l.segments[k]!.x0) < size * 3 || Math.abs(s.x1 - l.segments[k]!.x1) < size * 3);
    if (l.segments.length >= 2 && (rowLike(all[i - 1]) || rowLike(all[i + 1]))) {
      end();
      out.push(...(out.at(-1)?.hint === 'row' ? [] : out.length ? [{ text: '', line: ++n }] : []), { text: l.segments.map((s) => s.text).join(' | '), line: ++n, hint: 'row', cells: l.segments.map((s) => s.text.trim()) });
      continue;
    }
    if (l.size > size * 1.2) {
      // A title, perhaps over two lines: the next line of the same size and face continues it.
      end();
      const previous = out.at(-1);
      const prev = all[i - 1];
      if (previous?.hint === 'title' && prev && Math.abs(prev.size - l.size) < 0.5 && l.y - prev.y < l.size * 2.2) previous.text += text;
      else emit({ text, hint: 'title' });
      continue;
    }
    if (l.size < size - 0.5 && /^图\s*\d/.test(text)) {
      end();
      emit({ text, hint: 'figure' });
      continue;
    }
    const indented = l.x0 > left + size * 1.5;
    const full = l.x1 > right - size * 0.75;
    const face = faceOf(l);
    const next = all[i + 1];
    // What follows a heading starts afresh: an indented line, a title, another face, or nothing.
    const nextStarts = !next || next.size > size * 1.2 || next.x0 > left + size * 1.5 || faceOf(next) !== face;
    // A heading may follow a paragraph whose last line fills the measure: after a sentence's
    // end, a short line that is no sentence, with a fresh start after it, starts afresh too.
    const afterSentence = paragraph !== undefined && TERMINAL.test(paragraph.text) && nextStarts && !/[）)”’》」』]$/.test(text);
    const startsHere = !paragraph?.open || indented || (face !== 0 && paragraph.text !== '') || afterSentence;
    const spaced = l.segments.length === 1 || (l.segments.length === 2 && /^\p{Script=Han}.*\p{Script=Han}$/u.test(text));
    if (spaced && startsHere && !full && headingShape(text) && !/^——/.test(text) && (face !== 0 || nextStarts) && Math.abs(l.size - size) < 0.5) {
      end();
      // Another face no heavier than a heading's is a ### heading; without a face of its own,
      // its numbering tells ("（一）" under "一、").
      emit({ text, hint: face === 3 || (face === 0 && headingDepth(text) === 3) ? 'heading3' : 'heading' });
      continue;
    }
    const continues = paragraph?.open === true && !indented && Math.abs(l.x0 - left) < size * 0.5;
    if (continues && paragraph) {
      paragraph.text += text;
      paragraph.lines++;
    } else {
      end();
      paragraph = { text, open: false, lines: 1 };
    }
    // A line that runs to the right edge goes on in the next line (or on the next page).
    paragraph.open = full && l.segments.length === 1;
  }
  end();
  return out;
}
