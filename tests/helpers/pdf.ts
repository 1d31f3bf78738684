import { PDFNumber, PDFDocument, PDFDict, PDFName, PDFArray, PDFRef, PDFString, PDFHexString } from '@cantoo/pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { multiply, type Matrix } from '../../src/ofd/layout.js';

export const MM = 72 / 25.4;

export interface TextItem {
  str: string;
  /** left edge, pt from the left of the page */
  x: number;
  /** baseline, pt from the top of the page */
  baseline: number;
  width: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
  /** The page's text with all white space removed. */
  text: string;
}

/** Text of every page with positions, read by pdf.js (the same engine browsers use). */
export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , w, h] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const t = item.transform as number[];
      items.push({ str: item.str, x: t[4] ?? 0, baseline: h - (t[5] ?? 0), width: item.width, size: Math.hypot(t[2] ?? 0, t[3] ?? 0) });
    }
    // Reading order: by line (baselines within 3 pt), then left to right; paint order differs.
    const ordered = [...items].sort((a, b) => (Math.abs(a.baseline - b.baseline) > 3 ? a.baseline - b.baseline : a.x - b.x));
    pages.push({ width: w, height: h, items: ordered, text: ordered.map((it) => it.str).join('').replace(/\s+/g, '') });
  }
  await doc.destroy();
  return pages;
}

export interface FontInfo {
  name: string;
  subtype: string;
  descendant?: string;
  embedded: boolean;
  /** The descriptor's /CapHeight (glyph units), when it has one. */
  capHeight?: number;
}

/** Every font dictionary the pages use, with its kind and whether its program is embedded. */
export async function pdfFonts(bytes: Uint8Array): Promise<FontInfo[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const seen = new Map<string, FontInfo>();
  const lookup = <T>(v: unknown): T | undefined => (v instanceof PDFRef ? (doc.context.lookup(v) as T) : (v as T | undefined));
  for (const page of doc.getPages()) {
    const resources = lookup<PDFDict>(page.node.get(PDFName.of('Resources')));
    const fonts = lookup<PDFDict>(resources?.get(PDFName.of('Font')));
    if (!fonts) continue;
    for (const [, ref] of fonts.entries()) {
      const font = lookup<PDFDict>(ref);
      if (!font) continue;
      const name = String(font.get(PDFName.of('BaseFont')) ?? '');
      const subtype = String(font.get(PDFName.of('Subtype')) ?? '');
      let descriptorHolder = font;
      let descendant: string | undefined;
      if (subtype === '/Type0') {
        const arr = lookup<PDFArray>(font.get(PDFName.of('DescendantFonts')));
        const d = lookup<PDFDict>(arr?.get(0));
        if (d) {
          descriptorHolder = d;
          descendant = String(d.get(PDFName.of('Subtype')) ?? '');
        }
      }
      const descriptor = lookup<PDFDict>(descriptorHolder.get(PDFName.of('FontDescriptor')));
      const embedded = !!descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
      const cap = descriptor?.get(PDFName.of('CapHeight'));
      seen.set(`${name}|${ref.toString()}`, { name, subtype, descendant, embedded: subtype === '/Type3' ? true : embedded, ...(cap instanceof PDFNumber ? { capHeight: cap.asNumber() } : {}) });
    }
  }
  return [...seen.values()];
}

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creationDate?: Date;
  modificationDate?: Date;
  language?: string;
  outline: string[];
  /** 1-based page each bookmark opens. */
  outlinePages: number[];
}

function decodeText(v: unknown): string {
  if (v instanceof PDFString || v instanceof PDFHexString) return v.decodeText();
  return String(v ?? '');
}

export async function pdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const outline: string[] = [];
  const outlinePages: number[] = [];
  const pageRefs = doc.getPages().map((p) => p.ref.toString());
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let item = outlines?.get(PDFName.of('First'));
  for (let guard = 0; item && guard < 1000; guard++) {
    const dict = doc.context.lookup(item) as PDFDict;
    outline.push(decodeText(dict.get(PDFName.of('Title'))));
    const dest = dict.get(PDFName.of('Dest'));
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    outlinePages.push(target ? pageRefs.indexOf(target.toString()) + 1 : 0);
    item = dict.get(PDFName.of('Next'));
  }
  const lang = doc.catalog.get(PDFName.of('Lang'));
  return {
    title: doc.getTitle(),
    author: doc.getAuthor(),
    subject: doc.getSubject(),
    keywords: doc.getKeywords(),
    creationDate: doc.getCreationDate(),
    modificationDate: doc.getModificationDate(),
    language: lang ? decodeText(lang) : undefined,
    outline,
    outlinePages,
  };
}

export interface FilledRect {
  /** mm */
  width: number;
  /** mm: the drawn thickness of a rule */
  height: number;
  /** top edge, mm from the top of the page */
  top: number;
  left: number;
}

/**
 * Filled rectangles a page draws (rules are drawn as thin filled boxes), in page millimetres:
 * the path's bounds through the current transformation, read from pdf.js's operator list.
 */
export async function pdfRects(bytes: Uint8Array, pageNumber: number): Promise<FilledRect[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const page = await doc.getPage(pageNumber);
  const [, , , h] = page.view as [number, number, number, number];
  const ops = await page.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const rects: FilledRect[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === pdfjs.OPS.save) stack.push(ctm);
    else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === pdfjs.OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === pdfjs.OPS.constructPath) {
      const b = args[2] as number[] | null | undefined;
      if (!b) continue;
      const xs = [b[0]! * ctm[0] + ctm[4], b[2]! * ctm[0] + ctm[4]];
      const ys = [b[1]! * ctm[3] + ctm[5], b[3]! * ctm[3] + ctm[5]];
      rects.push({ width: Math.abs(xs[1]! - xs[0]!) / MM, height: Math.abs(ys[1]! - ys[0]!) / MM, top: (h - Math.max(...ys)) / MM, left: Math.min(...xs) / MM });
    }
  }
  await doc.destroy();
  return rects;
}

/**
 * The codes a PDF draws a character with, by font (pdf.js's operator list): for a CID font
 * (Identity-H, as Chromium writes) the code is the glyph's id in the font it was printed with.
 */
export async function glyphCodes(bytes: Uint8Array, char: string): Promise<Array<{ font: string; code: number }>> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const found = new Map<string, { font: string; code: number }>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const ops = await page.getOperatorList();
    let font = '';
    ops.fnArray.forEach((fn, k) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === pdfjs.OPS.setFont) font = String((page.commonObjs.get(String(args[0])) as { name?: string }).name ?? '');
      if (fn !== pdfjs.OPS.showText) return;
      for (const glyph of args[0] as Array<{ unicode?: string; originalCharCode?: number } | number>) {
        if (typeof glyph === 'object' && glyph.unicode === char && glyph.originalCharCode !== undefined) found.set(`${font}|${glyph.originalCharCode}`, { font, code: glyph.originalCharCode });
      }
    });
  }
  await doc.destroy();
  return [...found.values()];
}
