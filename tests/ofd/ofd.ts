// Reading an OFD package back for the tests: its parts, its XML, the text of each page (in
// reading order, as tests/helpers/pdf.ts reads a PDF's), its pictures rendered by pdf.js, and
// pixel comparison of two renderings.
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';

export const OFD_NS = 'http://www.ofdspec.org/2016';

/** The package's entries: path → bytes, in zip order. */
export async function unzipOfd(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name]!;
    if (!f.dir) parts.set(name, await f.async('uint8array'));
  }
  return parts;
}

/** Parses XML, throwing on any error or warning (well-formedness). */
export function parseXml(text: string, name = 'xml'): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      problems.push(`${level}: ${message}`);
    },
  } as never).parseFromString(text, 'text/xml');
  if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
  return doc;
}

export const text = (parts: Map<string, Uint8Array>, name: string) => {
  const bytes = parts.get(name);
  if (!bytes) throw new Error(`${name} is not in the package`);
  return new TextDecoder().decode(bytes);
};

export function elements(node: Document | Element, local: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(OFD_NS, local) as unknown as ArrayLike<Element>);
}

/** Resolves an ST_Loc against the folder of the part that names it. */
export function resolveLoc(from: string, loc: string): string {
  if (loc.startsWith('/')) return loc.slice(1);
  const base = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const parts = (base + loc).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export interface OfdPage {
  id: string;
  path: string;
  doc: Document;
}

/** The document root and its pages, in order. */
export function ofdPages(parts: Map<string, Uint8Array>): { docPath: string; document: Document; pages: OfdPage[] } {
  const ofd = parseXml(text(parts, 'OFD.xml'), 'OFD.xml');
  const docPath = elements(ofd, 'DocRoot')[0]!.textContent!.trim();
  const document = parseXml(text(parts, docPath), docPath);
  const pages = elements(document, 'Page').map((p) => {
    const path = resolveLoc(docPath, p.getAttribute('BaseLoc')!);
    return { id: p.getAttribute('ID')!, path, doc: parseXml(text(parts, path), path) };
  });
  return { docPath, document, pages };
}

/**
 * The text of each page, white space removed, its runs in reading order: by baseline (within
 * 3 pt), then from the left (the order tests/helpers/pdf.ts gives a PDF's text).
 */
export function ofdTexts(parts: Map<string, Uint8Array>): string[] {
  const MM = 72 / 25.4;
  return ofdPages(parts).pages.map(({ doc }) => {
    const runs = elements(doc, 'TextObject').flatMap((t) => {
      const [bx = 0, by = 0] = (t.getAttribute('Boundary') ?? '').split(' ').map(Number);
      const ctm = t.hasAttribute('CTM') ? t.getAttribute('CTM')!.split(' ').map(Number) : undefined;
      return elements(t, 'TextCode').map((code) => {
        const x = Number(code.getAttribute('X'));
        const y = Number(code.getAttribute('Y'));
        const [px, py] = ctm ? [ctm[0]! * x + ctm[2]! * y + ctm[4]!, ctm[1]! * x + ctm[3]! * y + ctm[5]!] : [x, y];
        return { str: code.textContent ?? '', x: (bx + px) * MM, baseline: (by + py) * MM };
      });
    });
    const ordered = [...runs].sort((a, b) => (Math.abs(a.baseline - b.baseline) > 3 ? a.baseline - b.baseline : a.x - b.x));
    return ordered.map((r) => r.str).join('').replace(/\s+/g, '');
  });
}

export interface Raster {
  width: number;
  height: number;
  /** RGBA */
  data: Uint8Array | Uint8ClampedArray;
}

/** A page of a PDF rendered by pdf.js (on @napi-rs/canvas) at `pxPerMm`, white behind. */
export async function renderPdfPage(pdf: Uint8Array, index: number, pxPerMm: number): Promise<Raster> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const page = await doc.getPage(index + 1);
    const viewport = page.getViewport({ scale: (pxPerMm * 25.4) / 72 });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport }).promise;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    return { width: canvas.width, height: canvas.height, data };
  } finally {
    await doc.destroy();
  }
}

/** Decodes a PNG (a screenshot) to RGBA, over white. */
export async function decodePng(png: Uint8Array): Promise<Raster> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

export async function encodeRaster(r: Raster): Promise<Buffer> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(r.width, r.height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(r.width, r.height);
  img.data.set(r.data);
  ctx.putImageData(img, 0, 0);
  return canvas.encode('png');
}

/** Ink: a pixel clearly darker or more coloured than the paper. */
function inkMask(r: Raster, width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * r.width + x) * 4;
      const min = Math.min(r.data[o]!, r.data[o + 1]!, r.data[o + 2]!);
      mask[y * width + x] = min < 160 ? 1 : 0;
    }
  }
  return mask;
}

export interface Comparison {
  /** Ink pixels of each rendering. */
  inkA: number;
  inkB: number;
  /** Share of A's ink with B's ink within `radius` px, and the other way round. */
  aInB: number;
  bInA: number;
}

/** Compares the ink of two renderings over the area both cover. */
export function compareInk(a: Raster, b: Raster, radius = 1): Comparison {
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  const ma = inkMask(a, width, height);
  const mb = inkMask(b, width, height);
  const near = (mask: Uint8Array, x: number, y: number) => {
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < width && yy < height && mask[yy * width + xx]) return true;
      }
    }
    return false;
  };
  let inkA = 0;
  let inkB = 0;
  let aHit = 0;
  let bHit = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (ma[i]) {
        inkA++;
        if (near(mb, x, y)) aHit++;
      }
      if (mb[i]) {
        inkB++;
        if (near(ma, x, y)) bHit++;
      }
    }
  }
  return { inkA, inkB, aInB: inkA ? aHit / inkA : 1, bInA: inkB ? bHit / inkB : 1 };
}

/**
 * ofd.js 0.2.6's browser build (Apache-2.0, its LICENSE beside it), kept in the fixtures: the
 * npm package brings 57 packages (vue 2, element-ui: 112 MB and deprecation warnings on every
 * install) for this one file.
 */
export function ofdJsPath(): string | undefined {
  const file = path.resolve(import.meta.dirname, '../fixtures/ofd/reader/ofd.umd.min.js');
  return existsSync(file) ? file : undefined;
}

/** The fonts a package embeds: Font ID → FontFile bytes, from every Res the document names. */
export function packageFonts(parts: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const { docPath, document } = ofdPages(parts);
  const fonts = new Map<string, Uint8Array>();
  for (const res of [...elements(document, 'PublicRes'), ...elements(document, 'DocumentRes')]) {
    const resPath = resolveLoc(docPath, res.textContent!.trim());
    const doc = parseXml(text(parts, resPath), resPath);
    const root = doc.documentElement!;
    const base = resolveLoc(resPath, `${root.getAttribute('BaseLoc') ?? '.'}/`);
    for (const font of elements(doc, 'Font')) {
      const file = elements(font, 'FontFile')[0]?.textContent?.trim();
      const bytes = file ? parts.get(resolveLoc(`${base}/`, file)) : undefined;
      if (bytes) fonts.set(font.getAttribute('ID')!, bytes);
    }
  }
  return fonts;
}

/**
 * Renders every page of an OFD with ofd.js (DLTech21's reader, in the page's browser) at
 * `pxPerMm`: PNG screenshots, one a page. ofd.js scales a picture's CTM as if the page were at
 * 96 dpi whatever its zoom: at READER_PX_PER_MM (96 dpi) pictures land where they belong. ofd.js 0.2 sets text in the family a Font names
 * instead of loading its FontFile; the package's own FontFile bytes are handed to it for each
 * Font ID (as a reader that embeds fonts does), so the comparison is of the package's fonts.
 */
/** 96 dpi: the zoom at which ofd.js 0.2 places pictures right. */
export const READER_PX_PER_MM = 96 / 25.4;

export async function renderOfdPages(browser: Browser, ofd: Uint8Array, pxPerMm: number): Promise<Uint8Array[]> {
  const script = ofdJsPath();
  if (!script) throw new Error('ofd.js is missing from tests/fixtures/ofd/reader');
  const parts = await unzipOfd(ofd);
  const fonts = [...packageFonts(parts)].map(([id, bytes]) => [id, Buffer.from(bytes).toString('base64')] as const);
  const page = await browser.newPage();
  try {
    const screenWidth = Math.round(210 * pxPerMm) + 10;
    await page.setViewport({ width: screenWidth + 20, height: 1200, deviceScaleFactor: 1 });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}#root>div{margin:0!important}</style></head><body><div id="root"></div></body></html>');
    await page.addScriptTag({ path: script });
    // Plain JavaScript, as text: a transpiler's helpers (tsx's __name) do not exist in the page.
    const inPage = `(async (data, fontList, width) => {
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      for (const [id, b64] of fontList) {
        const face = new FontFace('ofd-font-' + id, bytes(b64));
        await face.load();
        document.fonts.add(face);
      }
      const reader = window.ofd;
      const parsed = await new Promise((resolve, reject) => reader.parseOfdDocument({ ofd: bytes(data).buffer, success: resolve, fail: reject }));
      const doc = Array.isArray(parsed) ? parsed[0] : parsed;
      for (const id of Object.keys(doc.fontResObj)) doc.fontResObj[id] = 'ofd-font-' + id;
      const root = document.getElementById('root');
      reader.setPageScale(${pxPerMm});
      const divs = reader.renderOfdByScale(doc);
      divs.forEach((div, i) => {
        div.setAttribute('data-page', String(i));
        root.appendChild(div);
      });
      await document.fonts.ready;
      return divs.length;
    })(${JSON.stringify(Buffer.from(ofd).toString('base64'))}, ${JSON.stringify(fonts)}, ${screenWidth})`;
    const count = (await page.evaluate(inPage)) as number;
    const shots: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const handle = await page.$(`#root > div[data-page="${i}"]`);
      shots.push(await handle!.screenshot({ type: 'png' }));
    }
    return shots;
  } finally {
    await page.close();
  }
}
