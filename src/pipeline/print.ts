import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';
import type { Bulletin } from '../model/bulletin.js';
import { dateToEpoch } from '../model/dates.js';
import { documentMeta } from './render.js';

export interface PrintOptions {
  /** Folders the page may load files from (the output folder); everything else is refused. */
  allowed: string[];
  timeout: number;
  version: string;
}

export interface Layout {
  pages: number;
  articles: Array<{ index: number; page: number; top: number }>;
  pitch: number;
  blockHeight: number;
  drift: number;
  width: number;
}

export interface Printed {
  pdf: Uint8Array;
  pages: number;
  layout: Layout;
  /** Requests the renderer refused (network, files outside the output). */
  blocked: string[];
}

const MM = 72 / 25.4;
const PX = 0.75; // CSS px → pt

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Prints an issue's HTML (already written to `htmlFile`) to PDF: loads it offline, paginates,
 * prints with the page's CSS size, then sets metadata and the outline so the same source
 * always gives the same bytes.
 */
export async function print(browser: Browser, htmlFile: string, b: Bulletin, options: PrintOptions): Promise<Printed> {
  const page = await browser.newPage();
  const blocked: string[] = [];
  try {
    page.setDefaultTimeout(options.timeout);
    await page.setJavaScriptEnabled(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      let ok = false;
      if (url.startsWith('file:')) {
        const file = fileURLToPath(url);
        ok = options.allowed.some((root) => inside(root, file));
      }
      if (ok) void request.continue();
      else {
        blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: options.timeout });
    await page.emulateMediaType('print');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const layout = (await page.evaluate('window.bulletinPaginate()')) as Layout;
    const raw = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: options.timeout });
    const { pdf, pages } = await finish(raw, b, layout, options.version);
    return { pdf, pages, layout, blocked };
  } finally {
    await page.close().catch(() => {});
  }
}

/** Metadata from the issue (not from the clock), an outline of the articles, fixed bytes. */
async function finish(raw: Uint8Array, b: Bulletin, layout: Layout, version: string): Promise<{ pdf: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(raw, { updateMetadata: false });
  const meta = documentMeta(b);
  const when = new Date(dateToEpoch(b.date) * 1000);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage('zh-CN');
  doc.setCreator(`bulletin ${version}`);
  doc.setProducer(`bulletin ${version} (Chromium, pdf-lib)`);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.catalog.delete(PDFName.of('Metadata'));
  addOutline(doc, b, layout);
  const pdf = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { pdf, pages: doc.getPageCount() };
}

function addOutline(doc: PDFDocument, b: Bulletin, layout: Layout): void {
  const pages = doc.getPages();
  const { context } = doc;
  const entries = layout.articles
    .map((a) => ({ a, article: b.articles.find((x) => x.index === a.index) }))
    .filter((e) => e.article && pages[e.a.page]);
  if (entries.length === 0) return;
  const outlinesRef = context.nextRef();
  const refs: PDFRef[] = entries.map(() => context.nextRef());
  entries.forEach(({ a, article }, i) => {
    const pageRef = pages[a.page]!.ref;
    const height = pages[a.page]!.getHeight();
    const top = height - 37 * MM - a.top * PX;
    const dict = context.obj({});
    dict.set(PDFName.of('Title'), PDFHexString.fromText(article!.title));
    dict.set(PDFName.of('Parent'), outlinesRef);
    dict.set(PDFName.of('Dest'), context.obj([pageRef, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(top * 100) / 100), PDFNull]));
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    context.assign(refs[i]!, dict);
  });
  const outlines = context.obj({});
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), refs[0]!);
  outlines.set(PDFName.of('Last'), refs[refs.length - 1]!);
  outlines.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  context.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
