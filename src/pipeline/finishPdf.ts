import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import type { Bulletin } from '../model/bulletin.js';
import { dateToEpoch } from '../model/dates.js';
import { documentMeta } from './render.js';
import type { Layout } from './print.js';
import { GB9704, PT_PER_MM } from '../layout/geometry.js';
import { srgbProfile, SRGB_IDENTIFIER } from '../pdfa/srgb.js';
import { markArtifacts } from './artifacts.js';
import { xmpPacket, type XmpInfo } from '../pdfa/xmp.js';
import { entry, isName, literal, pdfNumber, readPdf, textString, type PdfDict, type PdfFile, type PdfValue } from './pdfSyntax.js';

const PX = 0.75; // CSS px → pt

/**
 * The finish-PDF stage: metadata from the issue (not from the clock), an outline of the
 * articles at the places the layout found, structure ids renumbered, so the same source always
 * gives the same bytes.
 *
 * The file Chromium printed is edited, not rebuilt: its objects are read (pdfSyntax.ts), the few
 * that change are rewritten in place (the document information, the catalog, the structure
 * elements with ids, font descriptors), the outline is added, and a new cross-reference table
 * is written; every other byte is Chromium's. A PDF library parsing and saving the whole file
 * (pdf-lib, before) took 7 ms an issue and 70 ms to load, the largest part of a batch's own work.
 * A file of another shape (a cross-reference stream, object streams) is first rewritten plainly
 * by pdf-lib.
 */
export interface FinishOptions {
  /** PDF/A-2b (`--pdfa`, config pdf.pdfa): XMP metadata, an sRGB output intent (besides the /ID every file gets). */
  pdfa?: boolean;
}

export async function finishPdf(raw: Uint8Array, b: Bulletin, layout: Layout, version: string, options: FinishOptions = {}): Promise<{ pdf: Uint8Array; pages: number }> {
  const file = readPdf(raw) ?? readPdf(await plainPdf(raw));
  if (!file) throw new Error('浏览器生成的 PDF 结构无法识别');
  const edits = new Edits(file);
  const objects = dicts(file);
  renumberNodeIds(file, objects, edits);
  nameStructure(objects, edits);
  fixCapHeights(objects, edits);
  const pages = pageList(file, edits);
  markPageArtifacts(file, edits, pages);
  const outlines = addOutline(edits, b, layout, pages);
  const info = setInfo(file, edits, b, version);
  setCatalog(file, edits, outlines, options.pdfa ? archival(edits, info) : []);
  return { pdf: edits.write(), pages: pages.length };
}

/** A file of any shape as a plain one (classic cross-reference table, no object streams), by pdf-lib. */
async function plainPdf(raw: Uint8Array): Promise<Uint8Array> {
  // Bundled as CommonJS, the library's chunk has only a default export.
  const mod = (await import('@cantoo/pdf-lib')) as typeof import('@cantoo/pdf-lib') & { default?: typeof import('@cantoo/pdf-lib') };
  const { PDFDocument } = mod.PDFDocument ? mod : mod.default!;
  const doc = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: Infinity });
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

/** The changes to a file: text replaced inside its objects, objects added; written as a new file. */
class Edits {
  private readonly changes = new Map<number, Array<{ start: number; end: number; text: string }>>();
  private readonly added: Array<{ num: number; text: string }> = [];
  private next: number;
  /** A new document information object, for a file that had none. */
  info: number | undefined;

  constructor(private readonly file: PdfFile) {
    const size = entry(file.trailer, 'Size');
    this.next = Math.max(size?.kind === 'number' ? size.value : 0, ...[...file.objects.keys()].map((n) => n + 1));
  }

  /** Replaces the text of a value of object `num` (or the span start–end of its text). */
  replace(num: number, at: { start: number; end: number }, text: string): void {
    const list = this.changes.get(num) ?? [];
    list.push({ start: at.start, end: at.end, text });
    this.changes.set(num, list);
  }

  /** A number for a new object (its text given later with `define`). */
  reserve(): number {
    return this.next++;
  }

  define(num: number, text: string): void {
    this.added.push({ num, text });
  }

  /** The file with the changes: objects in their order, new ones after, a new table and trailer. */
  write(): Uint8Array {
    const { file } = this;
    const ordered = [...file.objects.values()].sort((a, b) => a.offset - b.offset);
    const parts: Uint8Array[] = [];
    const offsets = new Map<number, number>();
    let length = 0;
    const push = (bytes: Uint8Array) => {
      parts.push(bytes);
      length += bytes.byteLength;
    };
    push(file.bytes.subarray(0, ordered[0]?.offset ?? file.xref));
    ordered.forEach((object, i) => {
      const end = ordered[i + 1]?.offset ?? file.xref;
      offsets.set(object.num, length);
      const changes = this.changes.get(object.num);
      if (!changes) return push(file.bytes.subarray(object.offset, end));
      // In the order of the text. A change inside a value that is replaced whole is dropped: the
      // whole value's text is made from the original (the ID-tree leaf's, with the new names).
      let text = '';
      let at = object.offset;
      for (const c of [...changes].sort((a, b) => a.start - b.start || b.end - a.end)) {
        if (c.start < at) continue;
        text += file.text.slice(at, c.start) + c.text;
        at = c.end;
      }
      push(Buffer.from(text + file.text.slice(at, end), 'latin1'));
    });
    for (const a of this.added.sort((x, y) => x.num - y.num)) {
      offsets.set(a.num, length);
      push(Buffer.from(`${a.num} 0 obj\n${a.text}\nendobj\n`, 'latin1'));
    }
    const size = this.next;
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let n = 1; n < size; n++) {
      const at = offsets.get(n);
      table += at === undefined ? '0000000000 65535 f \n' : `${String(at).padStart(10, '0')} 00000 n \n`;
    }
    const kept = file.trailer.entries.filter((e) => e.key !== 'Size' && e.key !== 'ID' && !(e.key === 'Info' && this.info !== undefined)).map((e) => file.text.slice(e.keyStart, e.value.end));
    if (this.info !== undefined) kept.push(`/Info ${this.info} 0 R`);
    // The file identifier (PDF 14.4; PDF/A-2 6.1.3): a hash of the file's body, so the same issue
    // always gets the same identifier and a different one another.
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    const id = hash.digest('hex').slice(0, 32).toUpperCase();
    kept.push(`/ID [<${id}> <${id}>]`);
    table += `trailer\n<</Size ${size}\n${kept.join('\n')}>>\nstartxref\n${length}\n%%EOF\n`;
    push(Buffer.from(table, 'latin1'));
    return Buffer.concat(parts);
  }
}

/** The text of a value as the file has it. */
function source(file: PdfFile, value: PdfValue): string {
  return file.text.slice(value.start, value.end);
}

/** Every value inside `value` (itself included), depth first. */
function* walk(value: PdfValue): Generator<PdfValue> {
  yield value;
  if (value.kind === 'dict') for (const e of value.entries) yield* walk(e.value);
  else if (value.kind === 'array') for (const item of value.items) yield* walk(item);
}

/** Objects that are dictionaries, by number. */
type Dicts = Array<{ num: number; dict: PdfDict }>;

/** The dictionaries among the file's objects, streams left out (their data is never read). */
function dicts(file: PdfFile): Dicts {
  return [...file.objects.values()]
    .filter((o) => !o.stream && o.value.kind === 'dict')
    .sort((a, b) => a.num - b.num)
    .map((o) => ({ num: o.num, dict: o.value as PdfDict }));
}

/** Structure types whose content is text: an element without a type inside them is an inline span. */
const TEXT_LEVEL = new Set(['P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'Span', 'Link', 'Caption', 'TD', 'TH', 'LBody', 'Lbl', 'Quote', 'Code', 'Note']);

/**
 * Chromium tags an element it has no structure type for as NonStruct: the words of a title kept
 * whole (span.w), a paragraph's kept tail, the parts of a line (office and date), the masthead,
 * the 版记. They are given the type they are (ISO 32000 §14.8.4): inside text, a Span; holding
 * elements of its own (the masthead's lines, the 版记's rows), a Sect; holding only text, a P.
 */
function nameStructure(objects: Dicts, edits: Edits): void {
  const byNum = new Map(objects.map((o) => [o.num, o.dict]));
  const named = new Map<number, string>();
  const typeOf = (num: number, depth = 0): string => {
    const known = named.get(num);
    if (known) return known;
    const dict = byNum.get(num);
    const s = entry(dict, 'S');
    const own = s?.kind === 'name' ? s.value : '';
    if (own !== 'NonStruct' || depth > 64) return own;
    const parent = entry(dict, 'P');
    const above = parent?.kind === 'ref' ? typeOf(parent.num, depth + 1) : '';
    const kids = entry(dict, 'K');
    const holdsElements = kids !== undefined && [...walk(kids)].some((v) => v.kind === 'ref' && isName(entry(byNum.get(v.num), 'Type'), 'StructElem'));
    const type = TEXT_LEVEL.has(above) ? 'Span' : holdsElements ? 'Sect' : 'P';
    named.set(num, type);
    return type;
  };
  for (const { num, dict } of objects) {
    if (!isName(entry(dict, 'Type'), 'StructElem') || !isName(entry(dict, 'S'), 'NonStruct')) continue;
    edits.replace(num, entry(dict, 'S')!, `/${typeOf(num)}`);
  }
}

/**
 * Chromium names structure elements after DOM node ids (/ID (node00000058), also in table
 * /Headers and the ID tree), assigned in an order that varies between runs. They are renamed
 * in the order of the elements' objects, so the bytes depend on the issue only; the leaves of
 * the ID tree are sorted again by the new names, as a name tree must be.
 */
function renumberNodeIds(file: PdfFile, objects: Dicts, edits: Edits): void {
  const names = new Map<string, string>();
  for (const { dict } of objects) {
    const id = entry(dict, 'ID');
    if (id?.kind === 'string' && !names.has(id.value)) names.set(id.value, `n${String(names.size + 1).padStart(6, '0')}`);
  }
  if (names.size === 0) return;
  const renamed = (v: PdfValue) => (v.kind === 'string' ? (names.get(v.value) ?? v.value) : undefined);
  for (const { num, dict } of objects) {
    const list = entry(dict, 'Names');
    const first = list?.kind === 'array' ? list.items[0] : undefined;
    const leaf = list?.kind === 'array' && first && /^n\d{6}$/.test(renamed(first) ?? '') ? list : undefined;
    for (const e of dict.entries) {
      if (leaf && (e.value === leaf || e.key === 'Limits')) continue;
      for (const v of walk(e.value)) if (v.kind === 'string' && names.has(v.value)) edits.replace(num, v, literal(names.get(v.value)!));
    }
    if (!leaf) continue;
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i + 1 < leaf.items.length; i += 2) pairs.push([renamed(leaf.items[i]!) ?? source(file, leaf.items[i]!), source(file, leaf.items[i + 1]!)]);
    pairs.sort(([x], [y]) => (x < y ? -1 : 1));
    edits.replace(num, leaf, `[${pairs.map(([k, v]) => `${literal(k)} ${v}`).join(' ')}]`);
    const limits = entry(dict, 'Limits');
    if (limits && pairs.length) edits.replace(num, limits, `[${literal(pairs[0]![0])} ${literal(pairs[pairs.length - 1]![0])}]`);
  }
}

/**
 * Skia writes each font descriptor's /CapHeight with its own sign convention (y grows down):
 * −729 for Noto Serif SC, which preflight tools report. PDF wants the height above the baseline.
 */
function fixCapHeights(objects: Dicts, edits: Edits): void {
  for (const { num, dict } of objects) {
    if (!isName(entry(dict, 'Type'), 'FontDescriptor')) continue;
    const cap = entry(dict, 'CapHeight');
    if (cap?.kind === 'number' && cap.value < 0) edits.replace(num, cap, pdfNumber(-cap.value));
  }
}

interface PageInfo {
  num: number;
  height: number;
}

/**
 * The paper in pt as the geometry gives it (A4: 595.28 × 841.89). Chromium sizes a printed page
 * in steps of 1/300 in, so its A4 is 595.92 × 841.92 pt; the page's box is set to the exact paper,
 * its top edge kept where it is (the layout is measured from the top), the excess trimmed at the
 * right and the bottom, which are margin.
 */
function exactPaper(edits: Edits, num: number, media: PdfValue | undefined): void {
  if (media?.kind !== 'array' || media.items.length !== 4 || media.items.some((v) => v.kind !== 'number')) return;
  const [x0, y0, x1, y1] = media.items.map((v) => (v.kind === 'number' ? v.value : 0)) as [number, number, number, number];
  const width = GB9704.paper.width * PT_PER_MM;
  const height = GB9704.paper.height * PT_PER_MM;
  // Only Chromium's rounding of this paper is corrected: a page of another size is left alone.
  if (Math.abs(x1 - x0 - width) > 1.5 || Math.abs(y1 - y0 - height) > 1.5) return;
  const box = [x0, y1 - height, x0 + width, y1].map((v) => pdfNumber(Math.round(v * 1000) / 1000));
  edits.replace(num, media, `[${box.join(' ')}]`);
}

/** The pages in order, from the catalog's page tree (a MediaBox may be inherited). */
function pageList(file: PdfFile, edits?: Edits): PageInfo[] {
  const root = entry(file.trailer, 'Root');
  const catalog = root?.kind === 'ref' ? file.objects.get(root.num)?.value : undefined;
  const pages: PageInfo[] = [];
  const seen = new Set<number>();
  const visit = (ref: PdfValue | undefined, box: PdfValue | undefined) => {
    if (ref?.kind !== 'ref' || seen.has(ref.num)) return;
    seen.add(ref.num);
    const node = file.objects.get(ref.num)?.value;
    const own = entry(node, 'MediaBox');
    if (own && edits) exactPaper(edits, ref.num, own);
    const media = own ?? box;
    if (isName(entry(node, 'Type'), 'Page')) {
      const corners = media?.kind === 'array' ? media.items.map((v) => (v.kind === 'number' ? v.value : 0)) : [0, 0, 595.28, 841.89];
      pages.push({ num: ref.num, height: (corners[3] ?? 0) - (corners[1] ?? 0) });
      return;
    }
    const kids = entry(node, 'Kids');
    if (kids?.kind === 'array') for (const kid of kids.items) visit(kid, media);
  };
  visit(entry(catalog, 'Pages'), undefined);
  return pages;
}

/**
 * The pages' unmarked painting (page numbers, the red rule, the 版记's rules) marked as artifacts
 * (artifacts.ts). A content stream is inflated, marked and deflated again by Node's zlib, in
 * place: its one-shot calls cost a third of the CPU of its thread-pool calls (each of those is a
 * stream object and a round trip per 16 KB: 0.3 against 0.6–0.7 ms of CPU a 30 KB page, measured), and the
 * printing browser has the cores anyway. Its bytes are the same wherever the
 * same Node runs, as Chromium's own deflated streams are the same wherever the same Chromium
 * runs. A stream of another filter, or one the marking cannot read, is left as it is.
 */
function markPageArtifacts(file: PdfFile, edits: Edits, pages: PageInfo[]): void {
  const streams: Array<{ num: number; dict: PdfDict; filtered: boolean; data: Uint8Array; end: number }> = [];
  for (const page of pages) {
    const contents = entry(file.objects.get(page.num)?.value, 'Contents');
    const refs = contents?.kind === 'ref' ? [contents] : contents?.kind === 'array' ? contents.items : [];
    for (const ref of refs) {
      if (ref.kind !== 'ref') continue;
      const object = file.objects.get(ref.num);
      if (!object?.stream || object.value.kind !== 'dict') continue;
      const dict = object.value;
      const filter = entry(dict, 'Filter');
      if ((filter && !isName(filter, 'FlateDecode')) || entry(dict, 'DecodeParms')) continue;
      let length = entry(dict, 'Length');
      if (length?.kind === 'ref') length = file.objects.get(length.num)?.value;
      if (length?.kind !== 'number') continue;
      let start = file.text.indexOf('stream', dict.end) + 'stream'.length;
      if (file.text[start] === '\r') start++;
      if (file.text[start] === '\n') start++;
      const end = file.text.indexOf('endstream', start + length.value);
      if (end < 0) continue;
      streams.push({ num: ref.num, dict, filtered: filter !== undefined, data: file.bytes.subarray(start, start + length.value), end });
    }
  }
  for (const { num, dict, filtered, data, end } of streams) {
    let content: string;
    try {
      content = Buffer.from(filtered ? inflateSync(data) : data).toString('latin1');
    } catch {
      continue;
    }
    const marked = markArtifacts(content);
    if (marked === undefined || marked === content) continue;
    const kept = dict.entries.filter((e) => e.key !== 'Filter' && e.key !== 'DecodeParms' && e.key !== 'Length').map((e) => file.text.slice(e.keyStart, e.value.end));
    // Deflated again when it was (Chromium's are), as it was when not.
    const packed = filtered ? deflateSync(Buffer.from(marked, 'latin1')).toString('latin1') : marked;
    edits.replace(num, { start: dict.start, end: end + 'endstream'.length }, `<<${[...kept, ...(filtered ? ['/Filter /FlateDecode'] : []), `/Length ${packed.length}`].join('\n')}>>\nstream\n${packed}\nendstream`);
  }
}

/** The outline of the articles (bookmarks at their titles); the number of its root, if any. */
function addOutline(edits: Edits, b: Bulletin, layout: Layout, pages: PageInfo[]): number | undefined {
  const items = layout.articles.flatMap((a) => {
    const article = b.articles.find((x) => x.index === a.index);
    const page = pages[a.page];
    return article && page ? [{ title: article.title, page, top: page.height - GB9704.margins.top * PT_PER_MM - a.top * PX }] : [];
  });
  if (items.length === 0) return undefined;
  const root = edits.reserve();
  const nums = items.map(() => edits.reserve());
  items.forEach((item, i) => {
    const dest = `[${item.page.num} 0 R /XYZ null ${pdfNumber(Math.round(item.top * 100) / 100)} null]`;
    const links = [...(i > 0 ? [`/Prev ${nums[i - 1]} 0 R`] : []), ...(i < nums.length - 1 ? [`/Next ${nums[i + 1]} 0 R`] : [])];
    edits.define(nums[i]!, `<</Title ${textString(item.title)} /Parent ${root} 0 R /Dest ${dest}${links.map((l) => ` ${l}`).join('')}>>`);
  });
  edits.define(root, `<</Type /Outlines /First ${nums[0]} 0 R /Last ${nums[nums.length - 1]} 0 R /Count ${nums.length}>>`);
  return root;
}

/** A date as a PDF date string, in UTC. */
function pdfDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `(D:${String(date.getUTCFullYear()).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z)`;
}

/** The document information from the issue, dated by the issue (Chromium's is dated by the clock). */
function setInfo(file: PdfFile, edits: Edits, b: Bulletin, version: string): XmpInfo {
  const meta = documentMeta(b);
  const date = new Date(dateToEpoch(b.date) * 1000);
  const when = pdfDate(date);
  const info = [
    `/Title ${textString(meta.title)}`,
    `/Author ${textString(meta.author)}`,
    `/Subject ${textString(meta.subject)}`,
    `/Keywords ${textString(meta.keywords.join(' '))}`,
    `/Creator ${textString(`bulletin ${version}`)}`,
    `/Producer ${textString(`bulletin ${version} (Chromium)`)}`,
    `/CreationDate ${when}`,
    `/ModDate ${when}`,
  ].join('\n');
  const ref = entry(file.trailer, 'Info');
  const object = ref?.kind === 'ref' ? file.objects.get(ref.num) : undefined;
  if (ref?.kind === 'ref' && object && !object.stream) edits.replace(ref.num, object.value, `<<${info}>>`);
  else {
    edits.info = edits.reserve();
    edits.define(edits.info, `<<${info}>>`);
  }
  return {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords.join(' '),
    creator: `bulletin ${version}`,
    producer: `bulletin ${version} (Chromium)`,
    date: date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/**
 * What PDF/A-2b adds to the catalog (ISO 19005-2): the XMP metadata stream (§6.6.2, not
 * filtered) and the output intent GTS_PDFA1 with an sRGB profile (§6.2.3), which the device RGB
 * Chromium paints in stands for.
 */
function archival(edits: Edits, info: XmpInfo): string[] {
  const metadata = edits.reserve();
  const xmp = Buffer.from(xmpPacket(info), 'utf8');
  edits.define(metadata, `<</Type /Metadata /Subtype /XML /Length ${xmp.length}>>\nstream\n${xmp.toString('latin1')}\nendstream`);
  const profile = edits.reserve();
  const icc = srgbProfile();
  edits.define(profile, `<</N 3 /Length ${icc.length}>>\nstream\n${icc.toString('latin1')}\nendstream`);
  const intent = `<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier ${literal(SRGB_IDENTIFIER)} /Info ${literal(SRGB_IDENTIFIER)} /DestOutputProfile ${profile} 0 R>>`;
  return [`/Metadata ${metadata} 0 R`, `/OutputIntents [${intent}]`];
}

/**
 * The catalog: the language, the title shown in the window, the outline opened beside the pages,
 * and no XMP metadata of Chromium's (it dates it by the clock): a PDF/A gets its own (`archive`).
 */
function setCatalog(file: PdfFile, edits: Edits, outlines: number | undefined, archive: string[]): void {
  const root = entry(file.trailer, 'Root');
  const catalog = root?.kind === 'ref' ? file.objects.get(root.num) : undefined;
  if (root?.kind !== 'ref' || !catalog || catalog.value.kind !== 'dict') throw new Error('PDF 没有文档目录（Catalog）');
  const replaced = new Set(['Metadata', 'Lang', 'Outlines', 'PageMode', 'OutputIntents']);
  const shown = entry(catalog.value, 'ViewerPreferences');
  const display = entry(shown, 'DisplayDocTitle');
  const showsTitle = shown?.kind === 'ref' || (display?.kind === 'keyword' && display.value === 'true');
  if (!showsTitle) replaced.add('ViewerPreferences');
  const kept = catalog.value.entries.filter((e) => !replaced.has(e.key)).map((e) => file.text.slice(e.keyStart, e.value.end));
  const added = [
    ...(showsTitle ? [] : ['/ViewerPreferences <</Type /ViewerPreferences /DisplayDocTitle true>>']),
    `/Lang ${literal('zh-CN')}`,
    ...(outlines === undefined ? [] : [`/Outlines ${outlines} 0 R`, '/PageMode /UseOutlines']),
    ...archive,
  ];
  edits.replace(root.num, catalog.value, `<<${[...kept, ...added].join('\n')}>>`);
}
