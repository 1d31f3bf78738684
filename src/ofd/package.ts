import { createHash } from 'node:crypto';
import { apply, type Drawn, type Glyph, type Layout, type PathSegment, type Picture, type Rgb, type Shape, type Text } from './layout.js';
import type { EmbeddedFont } from './fonts.js';
import { encodePng } from './png.js';

/**
 * Writes a layout as an OFD package (GB/T 33190-2016): the parts as text or bytes, by their
 * path in the package, in the order they go into the zip.
 *
 *   OFD.xml                              DocBody: DocInfo, DocRoot
 *   Doc_0/Document.xml                   CommonData (MaxUnitID, PageArea, PublicRes,
 *                                        DocumentRes), Pages, Outlines, VPreferences
 *   Doc_0/PublicRes.xml                  Fonts (FontFile in Res/)
 *   Doc_0/DocumentRes.xml                MultiMedias (pictures, PNG in Res/)
 *   Doc_0/Pages/Page_N/Content.xml       one Layer of TextObject, PathObject, ImageObject
 *   Doc_0/Res/font_ID.ttf, image_ID.png
 *
 * Units are millimetres, y down from the top left corner of the page. Identifiers are numbered
 * in one sequence through the document (fonts, pictures, then each page, its layer and its
 * objects), so the same layout always gets the same numbers; MaxUnitID is the last.
 */

export const OFD_NS = 'http://www.ofdspec.org/2016';

export interface OfdMeta {
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  /** YYYY-MM-DD: CreationDate. */
  date: string;
  /** The DocID: 32 hex digits (from the content hash). */
  docId: string;
  /** CreatorVersion. */
  version: string;
  /** Named values kept in DocInfo/CustomDatas (issue numbers, series). */
  custom?: Array<[string, string]>;
}

export type Part = { path: string; data: string | Uint8Array };

const A4: [number, number] = [210, 297];

/** A number in mm, to the micrometre, without exponent or negative zero. */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  if (r === 0 || Object.is(r, -0)) return '0';
  return String(r);
}

function escape(s: string): string {
  return (
    s
      // Characters XML 1.0 does not allow.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

const color = (tag: string, c: Rgb, alpha = 255) => `<ofd:${tag} Value="${c.r} ${c.g} ${c.b}"${alpha < 255 ? ` Alpha="${alpha}"` : ''}/>`;

const xmlHead = '<?xml version="1.0" encoding="UTF-8"?>\n';

type Box = [number, number, number, number];

function boxOf(points: Array<[number, number]>): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

function segmentPoints(segments: PathSegment[]): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const s of segments) for (let i = 1; i + 1 < s.length; i += 2) points.push([s[i] as number, s[i + 1] as number]);
  return points;
}

/** AbbreviatedData of segments, relative to (ox, oy). */
function abbreviated(segments: PathSegment[], ox: number, oy: number): string {
  return segments
    .map((s) => {
      if (s[0] === 'C') return 'C';
      const coords: string[] = [];
      for (let i = 1; i + 1 < s.length; i += 2) coords.push(num((s[i] as number) - ox), num((s[i + 1] as number) - oy));
      return `${s[0]} ${coords.join(' ')}`;
    })
    .join(' ');
}

/** The boundary string, with a floor on width and height (a zero-sized box is drawn by no reader). */
const boundary = (b: Box) => `${num(b[0])} ${num(b[1])} ${num(Math.max(b[2] - b[0], 0.001))} ${num(Math.max(b[3] - b[1], 0.001))}`;

/** Whether a clip leaves an object whole: within half a millimetre of its box (which has margins). */
const contains = (outer: Box, inner: Box) => outer[0] <= inner[0] + 0.5 && outer[1] <= inner[1] + 0.5 && outer[2] >= inner[2] - 0.5 && outer[3] >= inner[3] - 0.5;

/**
 * The Clips of an object: only the clipping paths that cut into `box` (page mm). The clip
 * path's Boundary is in the object's space (from the object's Boundary origin `at`), its
 * AbbreviatedData from its own Boundary, as ofdrw reads them.
 */
function clipsXml(clips: PathSegment[][], box: Box, at: Box): string {
  const cutting = clips.filter((c) => !contains(boxOf(segmentPoints(c)), box));
  if (cutting.length === 0) return '';
  const areas = cutting
    .map((c) => {
      const b = boxOf(segmentPoints(c));
      const local: Box = [b[0] - at[0], b[1] - at[1], b[2] - at[0], b[3] - at[1]];
      return `<ofd:Clip><ofd:Area><ofd:Path Boundary="${boundary(local)}"><ofd:AbbreviatedData>${abbreviated(c, b[0], b[1])}</ofd:AbbreviatedData></ofd:Path></ofd:Area></ofd:Clip>`;
    })
    .join('');
  return `<ofd:Clips>${areas}</ofd:Clips>`;
}

const sameShape = (a: Glyph['shape'], b: Glyph['shape']) => a.every((v, i) => Math.abs(v - b[i]!) < 1e-6);
const sameColor = (a: Rgb, b: Rgb) => a.r === b.r && a.g === b.g && a.b === b.b;
const sameClips = (a: PathSegment[][], b: PathSegment[][]) => a.length === b.length && a.every((c, i) => c === b[i]);
const isIdentity = (s: Glyph['shape']) => sameShape(s, [1, 0, 0, 1]);

/** Run coordinates of a page point: the inverse of the glyph shape, from the run's first origin. */
function toRun(shape: Glyph['shape'], ox: number, oy: number, x: number, y: number): [number, number] {
  const [a, b, c, d] = shape;
  const det = a * d - b * c || 1;
  const dx = x - ox;
  const dy = y - oy;
  return [(d * dx - c * dy) / det, (-b * dx + a * dy) / det];
}

/** Consecutive glyphs painted alike on one baseline, left to right: one TextObject each. */
function textRuns(texts: Text[]): Text[][] {
  const runs: Text[][] = [];
  let run: Text[] = [];
  const flush = () => {
    while (run.length && run.at(-1)!.glyph.text.trim() === '' && run.at(-1)!.glyph.text !== '') run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  for (const t of texts) {
    const g = t.glyph;
    const first = run[0]?.glyph;
    const last = run.at(-1)?.glyph;
    if (first && last) {
      const [rx, ry] = toRun(first.shape, first.x, first.y, g.x, g.y);
      const [lx] = toRun(first.shape, first.x, first.y, last.x, last.y);
      const alike =
        g.font === first.font &&
        Math.abs(g.size - first.size) < 1e-4 &&
        sameShape(g.shape, first.shape) &&
        sameColor(g.fill, first.fill) &&
        g.alpha === first.alpha &&
        sameClips(t.clips, run[0]!.clips) &&
        Math.abs(ry) < 0.01 &&
        rx >= lx - 0.01 &&
        rx - (lx + last.advance) < g.size * 4;
      if (!alike) flush();
    }
    // A run neither starts nor ends with white space (readers trim text).
    if (run.length === 0 && g.text.trim() === '' && g.text !== '') continue;
    run.push(t);
  }
  flush();
  return runs;
}

interface Ids {
  next(): number;
  readonly last: number;
}

function textObject(run: Text[], fontId: number, font: EmbeddedFont, id: number): string {
  const first = run[0]!.glyph;
  const { shape, size } = first;
  const positions = run.map((t) => toRun(shape, first.x, first.y, t.glyph.x, t.glyph.y)[0]);
  const last = run.at(-1)!.glyph;
  const end = positions.at(-1)! + last.advance;
  // The run's box in run space (baseline at 0, y down): its advance, the font's ascent and
  // descent, and a margin of a tenth of an em for glyphs that reach past their advance.
  const pad = 0.1 * size;
  const top = -font.ascent * size - pad;
  const bottom = -font.descent * size + pad;
  const left = -pad;
  const right = end + pad;
  const corners: Array<[number, number]> = [
    [left, top],
    [right, top],
    [right, bottom],
    [left, bottom],
  ].map(([x, y]) => [first.x + shape[0] * x! + shape[2] * y!, first.y + shape[1] * x! + shape[3] * y!]);
  const box = boxOf(corners);
  // Where the ink is, near enough (a CJK face's ideographic box is 0.88 em up, 0.12 down; Latin
  // descenders reach 0.2): what decides whether a clip cuts into the run.
  const inkTop = -Math.min(font.ascent, 0.9) * size;
  const inkBottom = -Math.max(font.descent, -0.2) * size;
  const tight = boxOf(
    [
      [0, inkTop],
      [end, inkTop],
      [end, inkBottom],
      [0, inkBottom],
    ].map(([x, y]) => [first.x + shape[0] * x! + shape[2] * y!, first.y + shape[1] * x! + shape[3] * y!] as [number, number]),
  );
  const identity = isIdentity(shape);
  const ox = first.x - box[0];
  const oy = first.y - box[1];

  // TextCode with DeltaX per character; a CGTransform where the cmap would not give the glyph.
  let text = '';
  const deltas: number[] = [];
  const transforms: string[] = [];
  run.forEach((t, i) => {
    const g = t.glyph;
    const gid = font.gidOf(g.gid);
    const chars = g.text === '' ? '\ufffd' : g.text;
    const units = chars.length;
    const cp = chars.codePointAt(0)!;
    const single = String.fromCodePoint(cp) === chars;
    if (i > 0) {
      deltas.push(positions[i]! - positions[i - 1]!);
    }
    for (let k = 1; k < units; k++) deltas.push(0);
    if (!single || font.cmapGid(cp) !== gid) {
      transforms.push(`<ofd:CGTransform CodePosition="${text.length}" CodeCount="${units}" GlyphCount="1"><ofd:Glyphs>${gid}</ofd:Glyphs></ofd:CGTransform>`);
    }
    text += chars;
  });
  const attrs = [`ID="${id}"`, `Boundary="${boundary(box)}"`, `Font="${fontId}"`, `Size="${num(size)}"`];
  if (!identity) attrs.push(`CTM="${num(shape[0])} ${num(shape[1])} ${num(shape[2])} ${num(shape[3])} ${num(ox)} ${num(oy)}"`);
  const x = identity ? ox : 0;
  const y = identity ? oy : 0;
  const delta = deltas.length ? ` DeltaX="${deltas.map(num).join(' ')}"` : '';
  return (
    `<ofd:TextObject ${attrs.join(' ')}>` +
    clipsXml(run[0]!.clips, tight, box) +
    color('FillColor', first.fill, first.alpha) +
    transforms.join('') +
    `<ofd:TextCode X="${num(x)}" Y="${num(y)}"${delta}>${escape(text)}</ofd:TextCode>` +
    `</ofd:TextObject>`
  );
}

/** A filled thin axis-aligned rectangle (how Chromium paints a border or a rule), as [x0, y0, x1, y1]. */
function ruleOf(shape: Shape): Box | undefined {
  if (!shape.fill || shape.stroke) return undefined;
  const s = shape.segments;
  const body = s.at(-1)?.[0] === 'C' ? s.slice(0, -1) : s;
  if (body.length !== 4 && body.length !== 5) return undefined;
  if (body[0]![0] !== 'M' || body.slice(1).some((p) => p[0] !== 'L')) return undefined;
  const points = segmentPoints(body);
  const box = boxOf(points);
  if (!points.every(([x, y]) => (Math.abs(x - box[0]) < 1e-3 || Math.abs(x - box[2]) < 1e-3) && (Math.abs(y - box[1]) < 1e-3 || Math.abs(y - box[3]) < 1e-3))) return undefined;
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  const thin = Math.min(w, h);
  return thin > 0 && thin <= 1.5 && Math.max(w, h) >= 4 * thin ? box : undefined;
}

/** Subpaths: each from its M to the next M. */
function subpaths(segments: PathSegment[]): PathSegment[][] {
  const out: PathSegment[][] = [];
  for (const s of segments) {
    if (s[0] === 'M' || out.length === 0) out.push([]);
    out.at(-1)!.push(s);
  }
  return out;
}

/** Twice the signed area of a subpath's outline through its points (control points included). */
function orientation(sub: PathSegment[]): number {
  const pts = segmentPoints(sub);
  let area = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i]!;
    const [x1, y1] = pts[(i + 1) % pts.length]!;
    area += x0 * y1 - x1 * y0;
  }
  return area;
}

/** The same subpath drawn the other way round. */
function reversed(sub: PathSegment[]): PathSegment[] {
  const closed = sub.at(-1)?.[0] === 'C';
  const body = closed ? sub.slice(0, -1) : sub;
  const ends: Array<[number, number]> = body.map((s) => [s[s.length - 2] as number, s[s.length - 1] as number]);
  const out: PathSegment[] = [['M', ...ends.at(-1)!]];
  for (let k = body.length - 1; k >= 1; k--) {
    const s = body[k]!;
    const [px, py] = ends[k - 1]!;
    if (s[0] === 'B') out.push(['B', s[3], s[4], s[1], s[2], px, py]);
    else if (s[0] === 'Q') out.push(['Q', s[1], s[2], px, py]);
    else out.push(['L', px, py]);
  }
  if (closed) out.push(['C']);
  return out;
}

/**
 * An even-odd fill whose nested outlines (a table cell's border: a rectangle inside a
 * rectangle, both drawn the same way round) turn alternately, so that the nonzero rule paints
 * the same area: readers that ignore Rule (ofd.js) fill the frame, not the whole cell.
 */
function alternateWinding(segments: PathSegment[]): PathSegment[] {
  const subs = subpaths(segments);
  if (subs.length < 2) return segments;
  const boxes = subs.map((sub) => boxOf(segmentPoints(sub)));
  const inside = (a: Box, b: Box) => b[0] <= a[0] && b[1] <= a[1] && b[2] >= a[2] && b[3] >= a[3] && (b[0] < a[0] || b[1] < a[1] || b[2] > a[2] || b[3] > a[3]);
  return subs.flatMap((sub, i) => {
    const depth = boxes.filter((b, j) => j !== i && inside(boxes[i]!, b)).length;
    const wanted = depth % 2 === 0 ? 1 : -1;
    const turn = Math.sign(orientation(sub));
    return turn !== 0 && turn !== wanted ? reversed(sub) : sub;
  });
}

function pathObject(shape: Shape, id: number): string {
  const rule = ruleOf(shape);
  if (rule) {
    // A rule: a line of its width, stroked in its colour (the same pixels as the rectangle).
    const [x0, y0, x1, y1] = rule;
    const horizontal = x1 - x0 >= y1 - y0;
    const width = horizontal ? y1 - y0 : x1 - x0;
    const box: Box = rule;
    const d = horizontal ? `M 0 ${num(width / 2)} L ${num(x1 - x0)} ${num(width / 2)}` : `M ${num(width / 2)} 0 L ${num(width / 2)} ${num(y1 - y0)}`;
    return (
      `<ofd:PathObject ID="${id}" Boundary="${boundary(box)}" LineWidth="${num(width)}" Stroke="true" Fill="false">` +
      clipsXml(shape.clips, box, box) +
      color('StrokeColor', shape.fill!.color, shape.fill!.alpha) +
      `<ofd:AbbreviatedData>${d}</ofd:AbbreviatedData></ofd:PathObject>`
    );
  }
  const points = segmentPoints(shape.segments);
  const half = shape.stroke ? shape.stroke.width / 2 : 0;
  const inner = boxOf(points);
  const box: Box = [inner[0] - half, inner[1] - half, inner[2] + half, inner[3] + half];
  const attrs = [`ID="${id}"`, `Boundary="${boundary(box)}"`];
  const st = shape.stroke;
  if (st) {
    attrs.push(`LineWidth="${num(st.width)}"`);
    if (st.cap !== 'Butt') attrs.push(`Cap="${st.cap}"`);
    if (st.join !== 'Miter') attrs.push(`Join="${st.join}"`);
    if (st.join === 'Miter') attrs.push(`MiterLimit="${num(st.miterLimit)}"`);
    if (st.dash) attrs.push(`DashOffset="${num(st.dash.offset)}"`, `DashPattern="${st.dash.pattern.map(num).join(' ')}"`);
  }
  attrs.push(`Stroke="${st ? 'true' : 'false'}"`, `Fill="${shape.fill ? 'true' : 'false'}"`);
  if (shape.fill?.evenOdd) attrs.push('Rule="Even-Odd"');
  return (
    `<ofd:PathObject ${attrs.join(' ')}>` +
    clipsXml(shape.clips, box, box) +
    (st ? color('StrokeColor', st.color, st.alpha) : '') +
    (shape.fill ? color('FillColor', shape.fill.color, shape.fill.alpha) : '') +
    `<ofd:AbbreviatedData>${abbreviated(shape.fill?.evenOdd ? alternateWinding(shape.segments) : shape.segments, box[0], box[1])}</ofd:AbbreviatedData></ofd:PathObject>`
  );
}

function imageObject(picture: Picture, resourceId: number, id: number): string {
  const m = picture.matrix;
  const box = boxOf([apply(m, 0, 0), apply(m, 1, 0), apply(m, 1, 1), apply(m, 0, 1)]);
  const ctm = [m[0], m[1], m[2], m[3], m[4] - box[0], m[5] - box[1]].map(num).join(' ');
  const alpha = picture.alpha < 255 ? ` Alpha="${picture.alpha}"` : '';
  return `<ofd:ImageObject ID="${id}" Boundary="${boundary(box)}" CTM="${ctm}" ResourceID="${resourceId}"${alpha}>${clipsXml(picture.clips, box, box)}</ofd:ImageObject>`;
}

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The parts of the OFD package of a layout. */
export function ofdParts(layout: Layout, fonts: Map<string, EmbeddedFont>, meta: OfdMeta): Part[] {
  let counter = 0;
  const ids: Ids = {
    next: () => ++counter,
    get last() {
      return counter;
    },
  };
  const res: Part[] = [];

  // Fonts, in order of first use.
  const fontIds = new Map<string, number>();
  const fontXml: string[] = [];
  for (const name of layout.fonts) {
    const font = fonts.get(name);
    if (!font) throw new Error(`font ${name} cannot be embedded in the OFD: its program was not found`);
    const id = ids.next();
    fontIds.set(name, id);
    const file = `font_${id}.ttf`;
    const flags = [font.bold ? ' Bold="true"' : '', font.italic ? ' Italic="true"' : '', font.serif ? ' Serif="true"' : '', font.fixedWidth ? ' FixedWidth="true"' : ''].join('');
    fontXml.push(`<ofd:Font ID="${id}" FontName="${escape(font.fontName)}" FamilyName="${escape(font.familyName)}"${flags}><ofd:FontFile>${file}</ofd:FontFile></ofd:Font>`);
    res.push({ path: `Doc_0/Res/${file}`, data: font.bytes });
  }

  // Pictures, once each (the same pixels drawn twice are one resource).
  const imageIds = new Map<Picture, number>();
  const byHash = new Map<string, number>();
  const mediaXml: string[] = [];
  for (const page of layout.pages) {
    for (const o of page.objects) {
      if (o.kind !== 'image') continue;
      const png = encodePng(o.width, o.height, o.rgba);
      const hash = sha(png);
      let id = byHash.get(hash);
      if (id === undefined) {
        id = ids.next();
        byHash.set(hash, id);
        const file = `image_${id}.png`;
        mediaXml.push(`<ofd:MultiMedia ID="${id}" Type="Image" Format="PNG"><ofd:MediaFile>${file}</ofd:MediaFile></ofd:MultiMedia>`);
        res.push({ path: `Doc_0/Res/${file}`, data: png });
      }
      imageIds.set(o, id);
    }
  }

  // Pages.
  const pageParts: Part[] = [];
  const pageIds: number[] = [];
  layout.pages.forEach((page, index) => {
    const pageId = ids.next();
    pageIds.push(pageId);
    const layerId = ids.next();
    const body: string[] = [];
    const objects = page.objects;
    for (let i = 0; i < objects.length; ) {
      const o: Drawn = objects[i]!;
      if (o.kind === 'text') {
        let j = i;
        while (j < objects.length && objects[j]!.kind === 'text') j++;
        for (const run of textRuns(objects.slice(i, j) as Text[])) {
          const name = run[0]!.glyph.font;
          body.push(textObject(run, fontIds.get(name)!, fonts.get(name)!, ids.next()));
        }
        i = j;
      } else if (o.kind === 'path') {
        body.push(pathObject(o, ids.next()));
        i++;
      } else {
        body.push(imageObject(o, imageIds.get(o)!, ids.next()));
        i++;
      }
    }
    const differs = Math.abs(page.width - A4[0]) > 0.5 || Math.abs(page.height - A4[1]) > 0.5;
    const area = differs ? `<ofd:Area><ofd:PhysicalBox>0 0 ${num(page.width)} ${num(page.height)}</ofd:PhysicalBox></ofd:Area>` : '';
    pageParts.push({
      path: `Doc_0/Pages/Page_${index}/Content.xml`,
      data: `${xmlHead}<ofd:Page xmlns:ofd="${OFD_NS}">${area}<ofd:Content><ofd:Layer ID="${layerId}" Type="Body">${body.join('\n')}</ofd:Layer></ofd:Content></ofd:Page>\n`,
    });
  });

  const outline = (items: Layout['outline']): string =>
    items
      .map((item) => {
        const dest = `<ofd:Dest Type="XYZ" PageID="${pageIds[item.page]}" Left="0" Top="${num(item.top ?? 0)}"/>`;
        const children = outline(item.items);
        return `<ofd:OutlineElem Title="${escape(item.title)}"${item.items.length ? ` Count="${item.items.length}"` : ''}><ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto>${dest}</ofd:Goto></ofd:Action></ofd:Actions>${children}</ofd:OutlineElem>`;
      })
      .join('');

  const document =
    `${xmlHead}<ofd:Document xmlns:ofd="${OFD_NS}">` +
    `<ofd:CommonData><ofd:MaxUnitID>${ids.last}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 ${A4[0]} ${A4[1]}</ofd:PhysicalBox></ofd:PageArea>` +
    `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>${mediaXml.length ? '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' : ''}</ofd:CommonData>` +
    `<ofd:Pages>${pageIds.map((id, i) => `<ofd:Page ID="${id}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('')}</ofd:Pages>` +
    (layout.outline.length ? `<ofd:Outlines>${outline(layout.outline)}</ofd:Outlines>` : '') +
    `<ofd:VPreferences><ofd:PageMode>${layout.outline.length ? 'UseOutlines' : 'None'}</ofd:PageMode><ofd:TabDisplay>DocTitle</ofd:TabDisplay></ofd:VPreferences>` +
    `</ofd:Document>\n`;

  const publicRes = `${xmlHead}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res">${fontXml.length ? `<ofd:Fonts>${fontXml.join('')}</ofd:Fonts>` : ''}</ofd:Res>\n`;
  const documentRes = mediaXml.length ? `${xmlHead}<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res"><ofd:MultiMedias>${mediaXml.join('')}</ofd:MultiMedias></ofd:Res>\n` : undefined;

  const info = [
    `<ofd:DocID>${escape(meta.docId)}</ofd:DocID>`,
    `<ofd:Title>${escape(meta.title)}</ofd:Title>`,
    `<ofd:Author>${escape(meta.author)}</ofd:Author>`,
    meta.subject ? `<ofd:Subject>${escape(meta.subject)}</ofd:Subject>` : '',
    `<ofd:CreationDate>${meta.date}</ofd:CreationDate>`,
    meta.keywords?.length ? `<ofd:Keywords>${meta.keywords.map((k) => `<ofd:Keyword>${escape(k)}</ofd:Keyword>`).join('')}</ofd:Keywords>` : '',
    '<ofd:Creator>bulletin</ofd:Creator>',
    `<ofd:CreatorVersion>${escape(meta.version)}</ofd:CreatorVersion>`,
    meta.custom?.length ? `<ofd:CustomDatas>${meta.custom.map(([k, v]) => `<ofd:CustomData Name="${escape(k)}">${escape(v)}</ofd:CustomData>`).join('')}</ofd:CustomDatas>` : '',
  ].join('');
  const ofd = `${xmlHead}<ofd:OFD xmlns:ofd="${OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>${info}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n`;

  return [
    { path: 'OFD.xml', data: ofd },
    { path: 'Doc_0/Document.xml', data: document },
    { path: 'Doc_0/PublicRes.xml', data: publicRes },
    ...(documentRes ? [{ path: 'Doc_0/DocumentRes.xml', data: documentRes }] : []),
    ...pageParts,
    ...res,
  ];
}
