import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFString, type PDFObject, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';
import type { Bulletin } from '../model/bulletin.js';
import { dateToEpoch } from '../model/dates.js';
import { documentMeta } from './render.js';
import type { Layout } from './print.js';

const MM = 72 / 25.4;
const PX = 0.75; // CSS px → pt

/**
 * The finish-PDF stage: metadata from the issue (not from the clock), an outline of the
 * articles at the places the layout found, structure ids renumbered, so the same source always
 * gives the same bytes.
 */
export async function finishPdf(raw: Uint8Array, b: Bulletin, layout: Layout, version: string): Promise<{ pdf: Uint8Array; pages: number }> {
  // In one go (pdf-lib otherwise yields to the event loop every 100 objects parsed, 50 written).
  const doc = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: Infinity });
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
  renumberNodeIds(doc);
  fixCapHeights(doc);
  addOutline(doc, b, layout);
  const pdf = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return { pdf, pages: doc.getPageCount() };
}

/**
 * Chromium names structure elements after DOM node ids (/ID (node00000058), also in table
 * /Headers and the ID tree), assigned in an order that varies between runs. They are renamed
 * in the order of the elements' objects, so the bytes depend on the issue only.
 */
function renumberNodeIds(doc: PDFDocument): void {
  const objects = doc.context.enumerateIndirectObjects().sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const names = new Map<string, string>();
  for (const [, object] of objects) {
    const id = object instanceof PDFDict ? object.get(PDFName.of('ID')) : undefined;
    if (id instanceof PDFString && !names.has(id.asString())) names.set(id.asString(), `n${String(names.size + 1).padStart(6, '0')}`);
  }
  if (names.size === 0) return;
  const rewrite = (value: unknown): unknown => {
    if (value instanceof PDFString && names.has(value.asString())) return PDFString.of(names.get(value.asString())!);
    if (value instanceof PDFDict) for (const [k, v] of value.entries()) value.set(k, rewrite(v) as PDFObject);
    else if (value instanceof PDFArray) value.asArray().forEach((v, i) => value.set(i, rewrite(v) as PDFObject));
    return value;
  };
  for (const [, object] of objects) rewrite(object);
  // Name trees must stay sorted by key: re-sort every leaf of the ID tree.
  for (const [, object] of objects) {
    if (!(object instanceof PDFDict)) continue;
    const list = object.get(PDFName.of('Names'));
    if (!(list instanceof PDFArray) || !(list.get(0) instanceof PDFString) || !/^n\d{6}$/.test((list.get(0) as PDFString).asString())) continue;
    const pairs: Array<[PDFString, PDFObject]> = [];
    for (let i = 0; i + 1 < list.size(); i += 2) pairs.push([list.get(i) as PDFString, list.get(i + 1)]);
    pairs.sort(([x], [y]) => (x.asString() < y.asString() ? -1 : 1));
    pairs.forEach(([k, v], i) => {
      list.set(2 * i, k);
      list.set(2 * i + 1, v);
    });
    if (object.has(PDFName.of('Limits')) && pairs.length) object.set(PDFName.of('Limits'), doc.context.obj([pairs[0]![0], pairs[pairs.length - 1]![0]]));
  }
}

/**
 * Skia writes each font descriptor's /CapHeight with its own sign convention (y grows down):
 * −729 for Noto Serif SC, which preflight tools report. PDF wants the height above the baseline.
 */
function fixCapHeights(doc: PDFDocument): void {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const cap = object.get(PDFName.of('CapHeight'));
    if (cap instanceof PDFNumber && cap.asNumber() < 0) object.set(PDFName.of('CapHeight'), PDFNumber.of(-cap.asNumber()));
  }
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
