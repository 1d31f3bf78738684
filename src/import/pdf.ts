import type { Line } from './model.js';
import { faceOf, PAGE_NUMBER, type Face } from './patterns.js';

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
  font: string;
}

interface PrintedLine {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  /** The face most of the line is set in. */
  font: string;
  /** Runs of text separated by more than a character's width. */
  segments: Array<{ text: string; x0: number; x1: number }>;
}

/** The lines of every page, top to bottom, each with its runs of text. */
async function printedLines(bytes: Uint8Array): Promise<PrintedLine[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const lines: PrintedLine[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = (page.view as number[])[3] ?? 842;
      const content = await page.getTextContent();
      await page.getOperatorList();
      const fonts = new Map<string, string>();
      const fontOf = (id: string): string => {
        if (!fonts.has(id)) {
          let name = '';
          try {
            name = String((page.commonObjs.get(id) as { name?: string } | undefined)?.name ?? '');
          } catch {
            // a font pdf.js could not load: no face cue
          }
          fonts.set(id, name);
        }
        return fonts.get(id) ?? '';
      };
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str.trim() === '') continue;
        const t = raw.transform as number[];
        items.push({ str: raw.str, x: t[4] ?? 0, y: height - (t[5] ?? 0), w: raw.width, size: Math.hypot(t[2] ?? 0, t[3] ?? 0), font: fontOf(raw.fontName) });
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
  return lines;
}

function lineOf(page: number, items: Item[]): PrintedLine {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  const size = Math.max(...sorted.map((i) => i.size));
  const segments: PrintedLine['segments'] = [];
  const weight = new Map<string, number>();
  for (const item of sorted) {
    weight.set(item.font, (weight.get(item.font) ?? 0) + item.str.length);
    const last = segments.at(-1);
    if (last && item.x - last.x1 < size * 0.9) {
      last.text += item.str;
      last.x1 = Math.max(last.x1, item.x + item.w);
    } else segments.push({ text: item.str, x0: item.x, x1: item.x + item.w });
  }
  const font = [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return { page, y: sorted[0]?.y ?? 0, x0: segments[0]?.x0 ?? 0, x1: Math.max(...segments.map((s) => s.x1)), size, font, segments };
}

/** The most common value, rounded to whole points. */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

const textOf = (l: PrintedLine) => l.segments.map((s) => s.text).join(' ');

/** A PDF's text as lines for the recogniser: a paragraph, title, heading, table row or caption per line. */
export async function pdfLines(bytes: Uint8Array): Promise<Line[]> {
  const all = (await printedLines(bytes)).filter((l) => !PAGE_NUMBER.test(textOf(l).replace(/\s+/g, ' ').trim()));
  if (all.length === 0) return [];
  // The body's size and its left and right edges: what most lines share.
  const size = mode(all.flatMap((l) => l.segments.map(() => l.size)));
  const body = all.filter((l) => Math.abs(l.size - size) < 0.5 && l.segments.length === 1);
  // A page with too few lines to agree on its edges falls back on the outermost ones.
  const shared = body.map((l) => Math.round(l.x0)).filter((x, _, xs) => xs.filter((y) => Math.abs(y - x) <= 1).length >= 2);
  const left = shared.length ? Math.min(...shared) : Math.min(...all.map((l) => l.x0));
  const wide = body.map((l) => l.x1).filter((x) => x > left + size * 20);
  const right = wide.length ? mode(wide) : Math.max(...all.map((l) => l.x1));
  const out: Line[] = [];
  let n = 0;
  const emit = (line: Omit<Line, 'line'>) => {
    if (out.length) out.push({ text: '', line: ++n });
    out.push({ ...line, line: ++n });
  };
  let paragraph: { text: string; open: boolean; lines: number; face: Face; short: boolean } | undefined;
  const end = () => {
    // A short line of its own in 楷体, not a "——" subtitle and not a sentence: a ### heading.
    const h3 = paragraph && paragraph.lines === 1 && paragraph.face === 'kai' && paragraph.short && !/^——/.test(paragraph.text) && !/[。！？；：，、）)”]$/.test(paragraph.text);
    if (paragraph) emit({ text: paragraph.text, hint: h3 ? 'heading3' : 'paragraph' });
    paragraph = undefined;
  };
  for (let i = 0; i < all.length; i++) {
    const l = all[i]!;
    const text = textOf(l);
    const face = faceOf(l.font);
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
    if (l.size < size - 0.5 && face === 'kai' && /^图/.test(text)) {
      end();
      emit({ text, hint: 'figure' });
      continue;
    }
    const indented = l.x0 > left + size * 1.5;
    const full = l.x1 > right - size * 0.75;
    if (face === 'hei' && l.segments.length === 1 && !paragraph?.open && (indented || l.x0 > left + size * 0.5 || !full)) {
      end();
      emit({ text, hint: 'heading' });
      continue;
    }
    const continues = paragraph?.open === true && !indented && Math.abs(l.x0 - left) < size * 0.5;
    if (continues && paragraph) {
      paragraph.text += text;
      paragraph.lines++;
    } else {
      end();
      paragraph = { text, open: false, lines: 1, face, short: !full };
    }
    // A line that runs to the right edge goes on in the next line (or on the next page).
    paragraph.open = full && l.segments.length === 1;
  }
  end();
  return out;
}
