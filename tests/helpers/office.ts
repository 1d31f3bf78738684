// The Word edition as a real reader lays it out: LibreOffice (soffice --headless) converts the
// DOCX to PDF with the official font names mapped, by a fontconfig file of its own, to the faces
// bulletin prints with, so that only the layout differs from bulletin's PDF; pdf.js and
// pdftoppm measure both PDFs the same way: pages, 三号 lines per page, the last full-width rule
// of the last page, the rightmost glyph, the pictures.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { multiply, type Matrix } from '../../src/ofd/layout.js';

const run = promisify(execFile);
const MM = 72 / 25.4;

/** The programs the tier needs, or why it cannot run. */
export async function officeTools(): Promise<{ soffice: string; pdftoppm: string } | { missing: string }> {
  const which = async (name: string) => (await run('which', [name]).catch(() => ({ stdout: '' }))).stdout.trim();
  const [soffice, pdftoppm] = await Promise.all([which('soffice'), which('pdftoppm')]);
  if (!soffice) return { missing: 'soffice (LibreOffice)' };
  if (!pdftoppm) return { missing: 'pdftoppm (poppler-utils)' };
  return { soffice, pdftoppm };
}

/**
 * A fontconfig file that gives each official family (仿宋_GB2312 …) the face bulletin prints the
 * role with (a font file and its family name), and nothing else of the machine's fonts but its
 * defaults.
 */
export async function fontconfig(dir: string, faces: Array<{ official: string; family: string; file: string }>): Promise<string> {
  await mkdir(dir, { recursive: true });
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const files = [...new Set(faces.map((f) => f.file))];
  // Each face file linked into a folder of its own: fontconfig scans folders, not files.
  const fontDir = path.join(dir, 'faces');
  await rm(fontDir, { recursive: true, force: true });
  await mkdir(fontDir, { recursive: true });
  const { symlink } = await import('node:fs/promises');
  for (const [i, file] of files.entries()) await symlink(file, path.join(fontDir, `${i}-${path.basename(file)}`));
  const rules = faces
    .map(
      (f) =>
        `  <match target="pattern"><test name="family"><string>${escape(f.official)}</string></test>` +
        `<edit name="family" mode="assign" binding="strong"><string>${escape(f.family)}</string></edit></match>\n` +
        `  <alias binding="same"><family>${escape(f.official)}</family><prefer><family>${escape(f.family)}</family></prefer></alias>`,
    )
    .join('\n');
  const conf = path.join(dir, 'fonts.conf');
  await writeFile(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${escape(fontDir)}</dir>\n  <cachedir>${escape(path.join(dir, 'cache'))}</cachedir>\n${rules}\n</fontconfig>\n`,
  );
  return conf;
}

/**
 * A copy of a DOCX as LibreOffice must read it to lay out what Word lays out: LibreOffice 7.4's
 * import inverts w:overflowPunct (writerfilter DomainMapper.cxx: IsHangingPunctuation =
 * overflowPunct == 0), so the file's “no punctuation past the margin”, as Word reads it, is
 * given to LibreOffice as its opposite. Nothing else changes.
 */
export async function asLibreOfficeReads(docx: string, out: string): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(await readFile(docx));
  for (const name of ['word/document.xml', 'word/styles.xml']) {
    const xml = await zip.file(name)?.async('string');
    if (xml) zip.file(name, xml.replaceAll('<w:overflowPunct w:val="0"/>', '<w:overflowPunct w:val="1"/>'));
  }
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, await zip.generateAsync({ type: 'uint8array' }));
  return out;
}

/** Converts DOCX files to PDF with LibreOffice, in one soffice run, into outDir (same stems). */
export async function sofficePdf(soffice: string, files: string[], outDir: string, conf: string, profile: string): Promise<void> {
  await sofficeConvert(soffice, 'pdf', files, outDir, conf, profile);
}

async function sofficeConvert(soffice: string, format: 'pdf' | 'odt', files: string[], outDir: string, conf: string, profile: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await run(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...files], {
    env: { ...process.env, FONTCONFIG_FILE: conf, HOME: profile },
    timeout: 300_000,
  });
}

export interface Measure {
  pages: number;
  /** Lines of 三号 (16 pt) text on each page. */
  lines: number[];
  /** The last full-width rule of the last page: its middle, mm from the top (undefined: none). */
  lastRule: number | undefined;
  /** The right edge of the rightmost glyph of any page, mm from the left edge of the paper. */
  right: number;
  /** The right edge of the rightmost glyph, per page and line, over the limit given. */
  beyond: Array<{ page: number; text: string; right: number }>;
  /** Pictures painted: page and size in mm. */
  pictures: Array<{ page: number; width: number; height: number }>;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
}

/**
 * Measures a PDF: pages; per page the baselines that carry 16 pt text; the pictures (image
 * XObjects with the matrix they are painted under); glyphs right of `blockRight` mm; and, from
 * the last page rasterised at 150 dpi, the last row of pixels dark across `block` (left/right in
 * mm) — the 版记's closing rule.
 */
export async function measurePdf(file: string, options: { pdftoppm: string; block: { left: number; right: number } }): Promise<Measure> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile(file)), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const lines: number[] = [];
  const beyond: Measure['beyond'] = [];
  const pictures: Measure['pictures'] = [];
  let right = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const baselines = new Map<number, string>();
      const ends = new Map<number, { right: number; text: string }>();
      for (const item of content.items as TextItem[]) {
        if (!item.str || !item.str.trim()) continue;
        const [a, b, , , x, y] = item.transform as Matrix;
        const size = Math.hypot(a, b);
        const key = Math.round(y);
        if (Math.abs(size - 16) < 0.6) baselines.set(key, (baselines.get(key) ?? '') + item.str);
        const end = (x + item.width) / MM;
        const e = ends.get(key) ?? { right: 0, text: '' };
        ends.set(key, { right: Math.max(e.right, end), text: e.text + item.str });
        right = Math.max(right, end);
      }
      // Items of one line may sit a fraction of a point apart: merge baselines within 2 pt.
      const ys = [...baselines.keys()].sort((p, q) => p - q);
      lines.push(ys.filter((y, i) => i === 0 || y - ys[i - 1]! > 2).length);
      for (const e of ends.values()) if (e.right > options.block.right + 0.3) beyond.push({ page: n, text: e.text, right: Number(e.right.toFixed(1)) });

      const ops = await page.getOperatorList();
      const height = (page.view as number[])[3]!;
      let ctm: Matrix = [1, 0, 0, 1, 0, 0];
      const stack: Matrix[] = [];
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i] as unknown[];
        if (fn === pdfjs.OPS.save) stack.push(ctm);
        else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
        else if (fn === pdfjs.OPS.transform) ctm = multiply(ctm, args as Matrix);
        else if (fn === pdfjs.OPS.paintFormXObjectBegin) {
          stack.push(ctm);
          if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as Matrix);
        } else if (fn === pdfjs.OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
        else if (fn === pdfjs.OPS.paintImageXObject || fn === pdfjs.OPS.paintInlineImageXObject || fn === pdfjs.OPS.paintImageXObjectRepeat) {
          const width = Math.hypot(ctm[0], ctm[1]) / MM;
          const tall = Math.hypot(ctm[2], ctm[3]) / MM;
          // Tiny images are decorations (LibreOffice paints none; Chromium none either).
          if (width > 5 && tall > 5 && ctm[5] < height) pictures.push({ page: n, width: Number(width.toFixed(1)), height: Number(tall.toFixed(1)) });
        }
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  const lastRule = await lastFullRule(options.pdftoppm, file, doc.numPages, options.block);
  return { pages: lines.length, lines, lastRule, right: Number(right.toFixed(1)), beyond, pictures };
}

/** The middle of the last run of pixel rows dark across the block on a page, mm from the top. */
async function lastFullRule(pdftoppm: string, file: string, page: number, block: { left: number; right: number }): Promise<number | undefined> {
  const dpi = 150;
  const { stdout } = await run(pdftoppm, ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), file], { encoding: 'buffer', maxBuffer: 64 << 20 });
  const pgm = stdout as Buffer;
  // P5 header: magic, width, height, maxval, each after whitespace.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  const px = (mm: number) => Math.round((mm / 25.4) * dpi);
  const [from, to] = [px(block.left) + 2, px(block.right) - 2];
  let last: { top: number; bottom: number } | undefined;
  for (let y = 0; y < height; y++) {
    let dark = 0;
    for (let x = from; x < to; x++) if (data[y * width + x]! < 160) dark++;
    if (dark >= (to - from) * 0.97) {
      if (last && last.bottom === y - 1) last.bottom = y;
      else last = { top: y, bottom: y };
    }
  }
  return last && Number(((((last.top + last.bottom + 1) / 2) * 25.4) / dpi).toFixed(1));
}

/**
 * LibreOffice's layout of a DOCX with its 0.2 em between Han characters and letters or figures
 * taken away, as Word reads the file's w:autoSpaceDE/DN off (LibreOffice 7.4's import drops both):
 * LibreOffice saves the file as ODT, every style:text-autospace is set to none, and the ODT is
 * converted to PDF, `<stem>.pdf` in outDir. For telling that space from the file's own layout.
 */
export async function sofficePdfWithoutAutospace(soffice: string, docx: string, outDir: string, conf: string, profile: string): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const odtDir = path.join(outDir, 'odt');
  await sofficeConvert(soffice, 'odt', [docx], odtDir, conf, profile);
  const odt = path.join(odtDir, `${path.basename(docx, '.docx')}.odt`);
  const zip = await JSZip.loadAsync(await readFile(odt));
  for (const name of ['styles.xml', 'content.xml']) {
    const xml = await zip.file(name)?.async('string');
    if (xml) zip.file(name, xml.replace(/style:text-autospace="[^"]*"/g, 'style:text-autospace="none"'));
  }
  await writeFile(odt, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  await sofficeConvert(soffice, 'pdf', [odt], outDir, conf, profile);
  return path.join(outDir, `${path.basename(docx, '.docx')}.pdf`);
}
