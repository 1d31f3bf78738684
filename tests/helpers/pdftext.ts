// pdftotext's two text forms, for the import round trip: poppler's own when it is installed,
// else made here from pdf.js's positioned text the way poppler lays it out — without -layout
// one printed line per line, cells of a table each on a line of their own; with -layout each
// run of text at its column in spaces (half a character per space), lines in page order; a
// form feed after every page, with its running page number ("— 1 —") as printed.
import { execFileSync } from 'node:child_process';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pdftotext(file: string, layout: boolean): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}

interface Run {
  text: string;
  x0: number;
  x1: number;
}

async function pageLines(bytes: Uint8Array): Promise<Array<Array<{ y: number; size: number; runs: Run[] }>>> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const height = (page.view as number[])[3] ?? 842;
    const items = (await page.getTextContent()).items
      .filter((i): i is typeof i & { str: string; transform: number[]; width: number } => 'str' in i && i.str.trim() !== '')
      .map((i) => ({ text: i.str, x: i.transform[4] ?? 0, y: height - (i.transform[5] ?? 0), w: i.width, size: Math.hypot(i.transform[2] ?? 0, i.transform[3] ?? 0) }))
      .sort((a, b) => a.y - b.y || a.x - b.x);
    const lines: Array<{ y: number; size: number; runs: Run[] }> = [];
    for (const item of items) {
      let line = lines.at(-1);
      if (!line || Math.abs(item.y - line.y) > Math.max(2, line.size * 0.3)) lines.push((line = { y: item.y, size: item.size, runs: [] }));
      line.size = Math.max(line.size, item.size);
      const last = line.runs.at(-1);
      if (last && item.x - last.x1 < item.size * 0.9) {
        last.text += item.text;
        last.x1 = item.x + item.w;
      } else line.runs.push({ text: item.text, x0: item.x, x1: item.x + item.w });
    }
    for (const l of lines) l.runs.sort((a, b) => a.x0 - b.x0);
    pages.push(lines);
  }
  await doc.destroy();
  return pages;
}

/** pdftotext's text of the PDF, by poppler where installed, else by pdf.js (see above). */
export async function pdfText(file: string, bytes: Uint8Array, layout: boolean, usePoppler = hasPdftotext()): Promise<string> {
  if (usePoppler) return pdftotext(file, layout);
  const pages = await pageLines(bytes);
  return pages
    .map((lines) => {
      const left = Math.min(...lines.flatMap((l) => l.runs.map((r) => r.x0)));
      return lines
        .map((l) => {
          if (!layout) return l.runs.map((r) => r.text).join('\n');
          let out = '';
          for (const r of l.runs) {
            const column = Math.round((r.x0 - left) / 8);
            out += ' '.repeat(Math.max(out.length ? 2 : 0, column - [...out].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) < 0x2000 ? 1 : 2), 0))) + r.text;
          }
          return out;
        })
        .join('\n');
    })
    .join('\n\f');
}
