import path from 'node:path';
import { IMPORT_LIMITS, ImportLimitError, mb, type ImportLimits } from './limits.js';
import type { ImportedImage, Line } from './model.js';
import { faceOf } from './patterns.js';
import { DetailError, details } from '../diagnostics/errors.js';

/**
 * `bulletin import file.docx`: the paragraphs and tables of a Word file (word/document.xml),
 * turned into the lines the recogniser reads. Word says what a paragraph is by its outline
 * level (its own or its style's: 标题 1 / Heading 1 is level 0): level 0 is an article's title,
 * level 1 a heading, level 2 a ### heading. Without levels, the formatting decides as on a
 * printed page: a paragraph set larger than the body is a title, one wholly in 黑体 a heading,
 * a short one wholly in 楷体 a ### heading, a small centred one starting with 图 a caption.
 * Tables stay tables, except one-column tables whose rows are colophon lines (抄报…, …印发),
 * which are read as those lines.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

type El = Element;

const children = (el: El | null | undefined, name: string): El[] => {
  const out: El[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as El).localName === name && (n as El).namespaceURI === W) out.push(n as El);
  return out;
};
const child = (el: El | null | undefined, name: string): El | undefined => children(el, name)[0];
const attr = (el: El | undefined, name: string): string | undefined => el?.getAttributeNS(W, name) ?? el?.getAttribute(`w:${name}`) ?? undefined;

interface Style {
  name: string;
  outline?: number;
  size?: number;
  font?: string;
  basedOn?: string;
}

interface Para {
  text: string;
  outline?: number;
  size: number;
  font: string;
  centred: boolean;
  /** Pictures in the paragraph: their relationship ids and alt text. */
  images: Array<{ id: string; alt: string }>;
}

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function styleOutline(styles: Map<string, Style>, id: string | undefined): { outline?: number; size?: number; font?: string } {
  const seen = new Set<string>();
  const out: { outline?: number; size?: number; font?: string } = {};
  for (let s = id ? styles.get(id) : undefined; s && !seen.has(s.name); s = s.basedOn ? styles.get(s.basedOn) : undefined) {
    seen.add(s.name);
    const heading = /^(?:heading|标题)\s*(\d)$/i.exec(s.name);
    out.outline ??= s.outline ?? (heading ? Number(heading[1]) - 1 : undefined);
    out.size ??= s.size;
    out.font ??= s.font;
  }
  return out;
}

function runFont(rPr: El | undefined): string | undefined {
  const fonts = child(rPr, 'rFonts');
  return attr(fonts, 'eastAsia') ?? attr(fonts, 'ascii') ?? undefined;
}

function paragraph(p: El, styles: Map<string, Style>, defaults: { size: number; font: string }): Para {
  const pPr = child(p, 'pPr');
  const style = styleOutline(styles, attr(child(pPr, 'pStyle'), 'val'));
  const own = attr(child(pPr, 'outlineLvl'), 'val');
  let text = '';
  const weight = new Map<string, number>();
  let size = 0;
  const runs = [...children(p, 'r'), ...children(p, 'hyperlink').flatMap((h) => children(h, 'r'))];
  for (const r of runs) {
    const rPr = child(r, 'rPr');
    let piece = '';
    for (let n = r.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const name = (n as El).localName;
      if (name === 't') piece += n.textContent ?? '';
      else if (name === 'tab') piece += '  ';
    }
    if (!piece.trim()) {
      text += piece;
      continue;
    }
    text += piece;
    const font = runFont(rPr) ?? style.font ?? defaults.font;
    weight.set(font, (weight.get(font) ?? 0) + piece.length);
    size = Math.max(size, Number(attr(child(rPr, 'sz'), 'val') ?? 0) / 2 || style.size || defaults.size);
  }
  const font = [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? defaults.font;
  const outline = own !== undefined ? Number(own) : style.outline;
  const images: Para['images'] = [];
  const blips = p.getElementsByTagNameNS('*', 'blip');
  const described = p.getElementsByTagNameNS('*', 'docPr');
  for (let i = 0; i < blips.length; i++) {
    const id = blips[i]?.getAttributeNS(R, 'embed') ?? blips[i]?.getAttribute('r:embed');
    if (id) images.push({ id, alt: (described[i]?.getAttribute('descr') || '').trim() });
  }
  return { text, ...(outline !== undefined && outline < 9 ? { outline } : {}), size: size || defaults.size, font, centred: attr(child(pPr, 'jc'), 'val') === 'center', images };
}

const COLOPHON = /^(?:抄报|抄送|分送|报送|发送|送)[:：]|印发$|^[（(]?共印\s*\d+\s*份[）)]?$/;

type Zip = import('jszip');
interface ZipStream {
  on(event: 'data', fn: (chunk: Uint8Array) => void): ZipStream;
  on(event: 'error', fn: (error: Error) => void): ZipStream;
  on(event: 'end', fn: () => void): ZipStream;
  pause(): ZipStream;
  resume(): ZipStream;
}

/** What the parts read from one Word file have inflated to so far, against the caps. */
export class InflateBudget {
  private used = 0;
  constructor(private readonly limits: Pick<ImportLimits, 'docxPartBytes' | 'docxTotalBytes'> = IMPORT_LIMITS) {}

  /**
   * One part of the file, inflated chunk by chunk and refused (ImportLimitError) as soon as it
   * passes the cap of a part or of the file: what the zip's directory says of a part's size is
   * not believed (a bomb says what it likes), nothing past the cap is kept in memory.
   */
  read(zip: Zip, name: string): Promise<Uint8Array | undefined> {
    const entry = zip.file(name);
    if (!entry) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      // JSZip's own chunked reader (documented as its StreamHelper; its types leave it out).
      const stream = (entry as unknown as { internalStream(type: 'uint8array'): ZipStream }).internalStream('uint8array');
      stream
        .on('data', (chunk: Uint8Array) => {
          size += chunk.length;
          this.used += chunk.length;
          const over = size > this.limits.docxPartBytes ? new ImportLimitError('part', name, mb(this.limits.docxPartBytes)) : this.used > this.limits.docxTotalBytes ? new ImportLimitError('total', name, mb(this.limits.docxTotalBytes)) : undefined;
          if (over) {
            stream.pause();
            chunks.length = 0;
            reject(over);
          } else chunks.push(chunk);
        })
        .on('error', reject)
        .on('end', () => resolve(Buffer.concat(chunks, size)))
        .resume();
    });
  }

  async text(zip: Zip, name: string): Promise<string | undefined> {
    const bytes = await this.read(zip, name);
    return bytes && new TextDecoder().decode(bytes);
  }
}

/**
 * A part's XML as a document. Word never writes a DOCTYPE: one (with its entities, XXE) is
 * refused, and a part the parser cannot read is an error naming it, never a dump of the
 * parser's messages.
 */
export function parseXml(xml: string, part: string, DOMParser: typeof import('@xmldom/xmldom').DOMParser): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new ImportLimitError('doctype', part, 0);
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, message: unknown) => void (level !== 'warning' && errors.push(String(message))) }).parseFromString(xml, 'text/xml');
  if (errors.length) throw new Error(`${part}: ${errors[0]!.split('\n')[0]!.replace(/^\[xmldom \w+\]\s*/, '')}`);
  return doc as unknown as Document;
}

/** A Word file's text as lines for the recogniser: a paragraph, title, heading, table row or caption per line. */
export async function docxLines(bytes: Uint8Array, limits: Pick<ImportLimits, 'docxPartBytes' | 'docxTotalBytes'> = IMPORT_LIMITS): Promise<Line[]> {
  const [{ default: JSZip }, { DOMParser }] = await Promise.all([import('jszip'), import('@xmldom/xmldom')]);
  const zip = await JSZip.loadAsync(bytes);
  const budget = new InflateBudget(limits);
  const documentXml = await budget.text(zip, 'word/document.xml');
  if (!documentXml) throw new DetailError(details.noDocumentXml());
  let parsing = 'word/document.xml';
  const parse = (xml: string) => parseXml(xml, parsing, DOMParser);
  const styles = new Map<string, Style>();
  let defaults = { size: 16, font: '' };
  const stylesXml = await budget.text(zip, 'word/styles.xml');
  if (stylesXml) {
    parsing = 'word/styles.xml';
    const root = parse(stylesXml).documentElement as El;
    parsing = 'word/document.xml';
    const rPrDefault = child(child(child(root, 'docDefaults'), 'rPrDefault'), 'rPr');
    defaults = { size: Number(attr(child(rPrDefault, 'sz'), 'val') ?? 32) / 2, font: runFont(rPrDefault) ?? '' };
    for (const s of children(root, 'style')) {
      const id = attr(s, 'styleId');
      if (!id) continue;
      const outline = attr(child(child(s, 'pPr'), 'outlineLvl'), 'val');
      const sz = attr(child(child(s, 'rPr'), 'sz'), 'val');
      styles.set(id, {
        name: attr(child(s, 'name'), 'val') ?? id,
        ...(outline !== undefined ? { outline: Number(outline) } : {}),
        ...(sz ? { size: Number(sz) / 2 } : {}),
        ...(runFont(child(s, 'rPr')) ? { font: runFont(child(s, 'rPr'))! } : {}),
        ...(attr(child(s, 'basedOn'), 'val') ? { basedOn: attr(child(s, 'basedOn'), 'val')! } : {}),
      });
    }
  }
  const body = child(parse(documentXml).documentElement as El, 'body');
  type Item = { kind: 'p'; p: Para } | { kind: 'row'; cells: string[] };
  const items: Item[] = [];
  for (let n = body?.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const el = n as El;
    if (el.localName === 'p') items.push({ kind: 'p', p: paragraph(el, styles, defaults) });
    else if (el.localName === 'tbl') {
      const rows = children(el, 'tr').map((tr) => children(tr, 'tc').map((tc) => children(tc, 'p').map((p) => paragraph(p, styles, defaults))));
      // The 版记 as a table: 抄报/分送 rows, and the office and the 印发 date in two cells of one
      // row. Each row is read as the line it prints (cells two spaces apart).
      const colophonCell = (p: Para) => p.text.trim() === '' || COLOPHON.test(p.text.trim()) || /办公室|局|委员会/.test(p.text);
      if (rows.every((r) => r.length <= 3 && r.every((cell) => cell.every(colophonCell))) && rows.some((r) => r.some((cell) => cell.some((p) => COLOPHON.test(p.text.trim()))))) {
        for (const r of rows) {
          if (r.length === 1) for (const p of r[0]!) items.push({ kind: 'p', p });
          else {
            const cells = r.map((cell) => cell.map((p) => p.text.trim()).join('')).filter(Boolean);
            const first = r[0]?.[0];
            if (first && cells.length) items.push({ kind: 'p', p: { ...first, text: cells.join('  '), centred: false } });
          }
        }
      } else for (const r of rows) items.push({ kind: 'row', cells: r.map((ps) => ps.map((p) => p.text.trim()).join('')) });
    }
  }
  const relsXml = await budget.text(zip, 'word/_rels/document.xml.rels');
  const rels = new Map<string, string>();
  for (const m of relsXml?.matchAll(/<Relationship\b[^>]*>/g) ?? []) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target && !/TargetMode="External"/.test(m[0])) rels.set(id, target);
  }
  const picture = async (id: string): Promise<ImportedImage | undefined> => {
    const target = rels.get(id);
    if (!target) return undefined;
    const name = path.posix.normalize(target.startsWith('/') ? target.slice(1) : `word/${target}`);
    const data = await budget.read(zip, name);
    const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
    return data && ext ? { ext: ext === 'jpg' ? 'jpeg' : ext, data } : undefined;
  };
  const paragraphs = items.filter((i): i is { kind: 'p'; p: Para } => i.kind === 'p' && i.p.text.trim() !== '');
  const counts = new Map<number, number>();
  for (const { p } of paragraphs) counts.set(p.size, (counts.get(p.size) ?? 0) + p.text.length);
  const bodySize = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? defaults.size;

  const out: Line[] = [];
  let n = 0;
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (item.kind === 'p' && item.p.images.length > 0 && item.p.text.trim() === '') {
      // A picture: its caption is the next paragraph when that starts with 图, else its alt text.
      const next = items[k + 1];
      const caption = next?.kind === 'p' && /^图\s*\d/.test(next.p.text.trim()) ? next.p.text.trim() : undefined;
      if (caption !== undefined) k++;
      for (const [i, { id, alt }] of item.p.images.entries()) {
        const image = await picture(id);
        const text = i === 0 ? (caption ?? alt) : alt;
        if (out.length) out.push({ text: '', line: ++n });
        out.push({ text, line: ++n, hint: 'figure', ...(image ? { image } : {}) });
      }
      continue;
    }
    if (item.kind === 'row') {
      if (out.length && out.at(-1)?.hint !== 'row') out.push({ text: '', line: ++n });
      out.push({ text: item.cells.join(' | '), line: ++n, hint: 'row', cells: item.cells });
      continue;
    }
    const p = item.p;
    const text = p.text.trim();
    if (!text) continue;
    let hint: Line['hint'] = 'paragraph';
    if (p.outline === 0) hint = 'title';
    else if (p.outline === 1) hint = 'heading';
    else if (p.outline !== undefined && p.outline >= 2) hint = 'heading3';
    else if (p.size > bodySize * 1.2) hint = 'title';
    else if (p.size < bodySize - 0.5 && p.centred && /^图/.test(text)) hint = 'figure';
    else if (faceOf(p.font) === 'hei' && !p.centred && [...text].length <= 40 && !/[。！？；：，]$/.test(text)) hint = 'heading';
    else if (faceOf(p.font) === 'kai' && !p.centred && [...text].length <= 30 && !/^——|^编者按/.test(text) && !/[。！？；：，、）)”]$/.test(text)) hint = 'heading3';
    if (out.length) out.push({ text: '', line: ++n });
    out.push({ text, line: ++n, hint });
  }
  // A picture Word could not show is written as its alt text, right above its caption: one figure.
  return out.filter((l, i) => !(l.hint === 'paragraph' && out[i + 2]?.hint === 'figure' && out[i + 2]?.text === l.text));
}
