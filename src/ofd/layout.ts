/**
 * The printed layout of a PDF as drawing objects in OFD's terms: what each page paints, in
 * millimetres from the top left corner of the page (y down), read from pdf.js's operator list
 * (the same interpreter browsers use). Each glyph comes with its font, size, position, colour and
 * the glyph id it prints; each path with its outline, fill and stroke; each picture with its
 * pixels and placement. Nothing is laid out again: the OFD shows what the PDF shows.
 */
import { loadPdfjs } from '../text/pdfjs.js';

/** An affine matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const PT_TO_MM = 25.4 / 72;

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface Glyph {
  /** The PDF font's name (BaseFont, with its subset tag): the key into the document's fonts. */
  font: string;
  /** The glyph id in the embedded font program. */
  gid: number;
  /** The text the glyph stands for (from the PDF's ToUnicode), '' when it has none. */
  text: string;
  /** The glyph's origin on the baseline, page mm. */
  x: number;
  y: number;
  /** Em size in mm. */
  size: number;
  /**
   * The glyph's transformation beyond a plain upright glyph of `size` (1 0 0 1 for ordinary
   * text): from OFD glyph space (y down, in units of `size`) to page space.
   */
  shape: [number, number, number, number];
  /** Advance to the next glyph's natural origin, mm along the baseline. */
  advance: number;
  fill: Rgb;
  /** 0–255 */
  alpha: number;
}

export type PathSegment = ['M', number, number] | ['L', number, number] | ['B', number, number, number, number, number, number] | ['Q', number, number, number, number] | ['C'];

export interface Stroke {
  color: Rgb;
  width: number;
  cap: 'Butt' | 'Round' | 'Square';
  join: 'Miter' | 'Round' | 'Bevel';
  miterLimit: number;
  dash?: { pattern: number[]; offset: number };
  alpha: number;
}

export interface Shape {
  kind: 'path';
  /** Page mm. */
  segments: PathSegment[];
  fill?: { color: Rgb; evenOdd: boolean; alpha: number };
  stroke?: Stroke;
  /** The clipping paths in force (page mm), outermost first. */
  clips: PathSegment[][];
}

export interface Picture {
  kind: 'image';
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows from the top. */
  rgba: Uint8Array;
  /** Maps the unit square (0,0 = the picture's top left) to page mm. */
  matrix: Matrix;
  alpha: number;
  clips: PathSegment[][];
}

export interface Text {
  kind: 'text';
  glyph: Glyph;
  clips: PathSegment[][];
}

export type Drawn = Text | Shape | Picture;

export interface LaidPage {
  /** Page size in mm. */
  width: number;
  height: number;
  objects: Drawn[];
}

export interface OutlineItem {
  title: string;
  /** 0-based page index. */
  page: number;
  /** The destination's top, mm from the top of the page, when it has one. */
  top?: number;
  items: OutlineItem[];
}

export interface Layout {
  pages: LaidPage[];
  outline: OutlineItem[];
  /** The PDF's BaseFont names used by some glyph, in order of first use. */
  fonts: string[];
}

export function multiply(m: Matrix, n: Matrix): Matrix {
  // m ∘ n: n first, then m.
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

interface GraphicsState {
  ctm: Matrix;
  fill: Rgb;
  stroke: Rgb;
  fillAlpha: number;
  strokeAlpha: number;
  lineWidth: number;
  cap: number;
  join: number;
  miterLimit: number;
  dash: number[];
  dashPhase: number;
  clips: PathSegment[][];
  font?: { name: string; fontMatrix: number[]; vertical: boolean };
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  renderMode: number;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
}

function parseColor(value: unknown): Rgb {
  if (typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)) {
    return { r: parseInt(value.slice(1, 3), 16), g: parseInt(value.slice(3, 5), 16), b: parseInt(value.slice(5, 7), 16) };
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const [r = 0, g = 0, b = 0] = Array.from(value as ArrayLike<number>);
    return { r, g, b };
  }
  return { r: 0, g: 0, b: 0 };
}

const CAPS = ['Butt', 'Round', 'Square'] as const;
const JOINS = ['Miter', 'Round', 'Bevel'] as const;

/** Integer 0–255 from an alpha of 0–1. */
const alpha255 = (a: number) => Math.max(0, Math.min(255, Math.round(a * 255)));

interface PdfjsGlyph {
  unicode: string;
  originalCharCode: number;
  width: number;
  isSpace: boolean;
  vmetric?: number[];
}

type ImageData = { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray; bitmap?: unknown };

/** Pixels of a pdf.js image object as RGBA. */
function toRgba(img: ImageData): Uint8Array | undefined {
  const { width, height, data } = img;
  if (!data) return undefined;
  const out = new Uint8Array(width * height * 4);
  if (img.kind === 3) out.set(data.subarray(0, out.length));
  else if (img.kind === 2) {
    for (let i = 0, j = 0; i < width * height; i++, j += 3) {
      out[i * 4] = data[j]!;
      out[i * 4 + 1] = data[j + 1]!;
      out[i * 4 + 2] = data[j + 2]!;
      out[i * 4 + 3] = 255;
    }
  } else if (img.kind === 1) {
    // 1 bit a pixel, rows padded to a byte; 1 is white.
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        const o = (y * width + x) * 4;
        out[o] = out[o + 1] = out[o + 2] = bit ? 255 : 0;
        out[o + 3] = 255;
      }
    }
  } else return undefined;
  return out;
}

/** An image mask (a stencil painted in the fill colour) as RGBA. */
function maskToRgba(img: ImageData, color: Rgb): Uint8Array | undefined {
  const { width, height, data } = img;
  if (!data) return undefined;
  const out = new Uint8Array(width * height * 4);
  const rowBytes = (width + 7) >> 3;
  const packed = data.length >= rowBytes * height && data.length < width * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // pdf.js hands masks over as one bit a pixel (0 = painted, after its decode) or as RGBA.
      const painted = packed ? ((data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0 : data[(y * width + x) * 4 + 3]! > 127;
      const o = (y * width + x) * 4;
      out[o] = color.r;
      out[o + 1] = color.g;
      out[o + 2] = color.b;
      out[o + 3] = painted ? 255 : 0;
    }
  }
  return out;
}

/** Reads the drawing of every page of `pdf`, and its outline. */
export async function readLayout(pdf: Uint8Array): Promise<Layout> {
  const pdfjs = await loadPdfjs();
  const OPS = pdfjs.OPS as Record<string, number>;
  const op = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k])) as Record<number, string>;
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    fontExtraProperties: true,
    verbosity: 0,
  }).promise;
  const fonts: string[] = [];
  try {
    const pages: LaidPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      if (page.rotate % 360 !== 0) throw new Error(`page ${n} is rotated (${page.rotate}°): not supported in the OFD edition`);
      const ops = await page.getOperatorList();
      // PDF user space (pt, y up) → page mm (y down).
      const base: Matrix = [PT_TO_MM, 0, 0, -PT_TO_MM, -x0 * PT_TO_MM, y1 * PT_TO_MM];
      const objects: Drawn[] = [];
      let gs: GraphicsState = {
        ctm: base,
        fill: { r: 0, g: 0, b: 0 },
        stroke: { r: 0, g: 0, b: 0 },
        fillAlpha: 1,
        strokeAlpha: 1,
        lineWidth: 1,
        cap: 0,
        join: 0,
        miterLimit: 10,
        dash: [],
        dashPhase: 0,
        clips: [],
        fontSize: 0,
        fontDirection: 1,
        charSpacing: 0,
        wordSpacing: 0,
        hScale: 1,
        leading: 0,
        rise: 0,
        renderMode: 0,
        textMatrix: [1, 0, 0, 1, 0, 0],
        x: 0,
        y: 0,
        lineX: 0,
        lineY: 0,
      };
      const stack: GraphicsState[] = [];
      const save = () => stack.push({ ...gs, clips: [...gs.clips] });
      const restore = () => {
        gs = stack.pop() ?? gs;
      };
      let pendingClip: 'clip' | 'eoClip' | undefined;
      const scaleOf = (m: Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

      const addPath = (paint: string, data: ArrayLike<number> | undefined) => {
        const segments: PathSegment[] = [];
        const d = data ?? [];
        const m = gs.ctm;
        for (let i = 0; i < d.length; ) {
          const code = d[i++]!;
          if (code === 0 || code === 1) {
            const [x, y] = apply(m, d[i]!, d[i + 1]!);
            segments.push([code === 0 ? 'M' : 'L', x, y]);
            i += 2;
          } else if (code === 2) {
            const a = apply(m, d[i]!, d[i + 1]!);
            const b = apply(m, d[i + 2]!, d[i + 3]!);
            const c = apply(m, d[i + 4]!, d[i + 5]!);
            segments.push(['B', a[0], a[1], b[0], b[1], c[0], c[1]]);
            i += 6;
          } else if (code === 3) {
            const a = apply(m, d[i]!, d[i + 1]!);
            const b = apply(m, d[i + 2]!, d[i + 3]!);
            segments.push(['Q', a[0], a[1], b[0], b[1]]);
            i += 4;
          } else if (code === 4) segments.push(['C']);
          else break;
        }
        if (pendingClip) {
          gs.clips.push(segments);
          pendingClip = undefined;
        }
        const fills = ['fill', 'eoFill', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'].includes(paint);
        const strokes = ['stroke', 'closeStroke', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'].includes(paint);
        if (!fills && !strokes) return;
        if ((paint === 'closeStroke' || paint.startsWith('close')) && segments.at(-1)?.[0] !== 'C') segments.push(['C']);
        const shape: Shape = { kind: 'path', segments, clips: [...gs.clips] };
        if (fills) shape.fill = { color: gs.fill, evenOdd: paint.toLowerCase().includes('eo'), alpha: alpha255(gs.fillAlpha) };
        if (strokes) {
          const s = scaleOf(m);
          shape.stroke = {
            color: gs.stroke,
            // A zero width is the thinnest line the device can draw: a hair of 0.1 mm here.
            width: gs.lineWidth > 0 ? gs.lineWidth * s : 0.1,
            cap: CAPS[gs.cap] ?? 'Butt',
            join: JOINS[gs.join] ?? 'Miter',
            miterLimit: gs.miterLimit,
            alpha: alpha255(gs.strokeAlpha),
            ...(gs.dash.length ? { dash: { pattern: gs.dash.map((v) => v * s), offset: gs.dashPhase * s } } : {}),
          };
        }
        if (segments.length) objects.push(shape);
      };

      const showText = (items: Array<PdfjsGlyph | number>) => {
        const font = gs.font;
        if (!font || gs.fontSize === 0) return;
        if (font.vertical) throw new Error(`vertical text (font ${font.name}) is not supported in the OFD edition`);
        if (!fonts.includes(font.name)) fonts.push(font.name);
        const size = gs.fontSize;
        const hScale = gs.hScale * gs.fontDirection;
        const widthScale = size * (font.fontMatrix[0] ?? 0.001);
        // Text space → page mm, and the glyph's own scale (em → text space).
        const textToPage = multiply(gs.ctm, gs.textMatrix);
        let x = 0;
        for (const item of items) {
          if (typeof item === 'number') {
            x += (font.vertical ? 1 : -1) * item * size / 1000;
            continue;
          }
          const spacing = (item.isSpace ? gs.wordSpacing : 0) + gs.charSpacing;
          const width = item.width * widthScale + spacing * gs.fontDirection;
          if (!font.vertical) {
            const at = multiply(textToPage, [hScale, 0, 0, 1, gs.x + x * hScale, gs.y + gs.rise]);
            // The glyph matrix in page space: em units → mm (PDF glyph space, y up).
            const g = multiply(at, [size, 0, 0, size, 0, 0]);
            const em = scaleOf(g);
            const visible = (gs.renderMode & 3) !== 3 && gs.renderMode < 4;
            if (em > 0 && visible) {
              // OFD glyph space has y down: shape = g ∘ flip / em.
              const shape: [number, number, number, number] = [g[0] / em, g[1] / em, -g[2] / em, -g[3] / em];
              const adv = Math.hypot(at[0], at[1]) * item.width * widthScale;
              objects.push({
                kind: 'text',
                glyph: {
                  font: font.name,
                  gid: item.originalCharCode,
                  text: item.unicode ?? '',
                  x: g[4],
                  y: g[5],
                  size: em,
                  shape,
                  advance: adv,
                  fill: gs.renderMode === 1 ? gs.stroke : gs.fill,
                  alpha: alpha255(gs.renderMode === 1 ? gs.strokeAlpha : gs.fillAlpha),
                },
                clips: [...gs.clips],
              });
            }
          }
          x += width;
        }
        if (font.vertical) gs.y -= x;
        else gs.x += x * hScale;
      };

      const addImage = (img: ImageData | undefined, mask: boolean) => {
        if (!img) return;
        const rgba = mask ? maskToRgba(img, gs.fill) : toRgba(img);
        if (!rgba) return;
        // The unit square of user space, flipped so that (0,0) is the picture's top left.
        const matrix = multiply(gs.ctm, [1, 0, 0, -1, 0, 1]);
        objects.push({ kind: 'image', width: img.width, height: img.height, rgba, matrix, alpha: alpha255(gs.fillAlpha), clips: [...gs.clips] });
      };

      const getObject = (id: string): unknown => {
        try {
          return id.startsWith('g_') ? page.commonObjs.get(id) : page.objs.get(id);
        } catch {
          return undefined;
        }
      };
      /** A picture: pdf.js decodes pictures after the operator list, so it is waited for. */
      const getImage = (id: string): Promise<ImageData | undefined> =>
        new Promise((resolve) => {
          const objects = id.startsWith('g_') ? page.commonObjs : page.objs;
          if (objects.has(id)) resolve(objects.get(id) as ImageData);
          else objects.get(id, (value: unknown) => resolve(value as ImageData));
        });

      for (let i = 0; i < ops.fnArray.length; i++) {
        const name = op[ops.fnArray[i]!] ?? '';
        const args = (ops.argsArray[i] ?? []) as unknown[];
        switch (name) {
          case 'save':
            save();
            break;
          case 'restore':
            restore();
            break;
          case 'transform':
            gs.ctm = multiply(gs.ctm, args as Matrix);
            break;
          case 'paintFormXObjectBegin': {
            save();
            const [matrix, bbox] = args as [Matrix | null, number[] | null];
            if (matrix) gs.ctm = multiply(gs.ctm, matrix);
            if (bbox) {
              const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = bbox;
              const c = [apply(gs.ctm, bx0, by0), apply(gs.ctm, bx1, by0), apply(gs.ctm, bx1, by1), apply(gs.ctm, bx0, by1)];
              gs.clips.push([['M', c[0]![0], c[0]![1]], ['L', c[1]![0], c[1]![1]], ['L', c[2]![0], c[2]![1]], ['L', c[3]![0], c[3]![1]], ['C']]);
            }
            break;
          }
          case 'paintFormXObjectEnd':
            restore();
            break;
          case 'setLineWidth':
            gs.lineWidth = args[0] as number;
            break;
          case 'setLineCap':
            gs.cap = args[0] as number;
            break;
          case 'setLineJoin':
            gs.join = args[0] as number;
            break;
          case 'setMiterLimit':
            gs.miterLimit = args[0] as number;
            break;
          case 'setDash':
            gs.dash = Array.from((args[0] as number[]) ?? []);
            gs.dashPhase = (args[1] as number) ?? 0;
            break;
          case 'setGState':
            for (const [key, value] of args[0] as Array<[string, unknown]>) {
              if (key === 'ca') gs.fillAlpha = value as number;
              else if (key === 'CA') gs.strokeAlpha = value as number;
              else if (key === 'LW') gs.lineWidth = value as number;
              else if (key === 'LC') gs.cap = value as number;
              else if (key === 'LJ') gs.join = value as number;
              else if (key === 'ML') gs.miterLimit = value as number;
              else if (key === 'D') {
                const [dash, phase] = value as [number[], number];
                gs.dash = Array.from(dash ?? []);
                gs.dashPhase = phase ?? 0;
              }
            }
            break;
          case 'setFillRGBColor':
            gs.fill = parseColor(args[0]);
            break;
          case 'setStrokeRGBColor':
            gs.stroke = parseColor(args[0]);
            break;
          case 'setFillGray':
          case 'setFillColor': {
            const v = (args as number[]).map((c) => Math.round((c ?? 0) * 255));
            gs.fill = v.length === 1 ? { r: v[0]!, g: v[0]!, b: v[0]! } : { r: v[0] ?? 0, g: v[1] ?? 0, b: v[2] ?? 0 };
            break;
          }
          case 'setFillTransparent':
            gs.fillAlpha = 0;
            break;
          case 'setStrokeTransparent':
            gs.strokeAlpha = 0;
            break;
          case 'clip':
          case 'eoClip':
            pendingClip = name;
            break;
          case 'constructPath': {
            const [paint, data] = args as [number, unknown];
            const path = Array.isArray(data) ? (data[0] as ArrayLike<number> | undefined) : undefined;
            addPath(op[paint] ?? 'endPath', path);
            break;
          }
          case 'beginText':
            gs.textMatrix = [1, 0, 0, 1, 0, 0];
            gs.x = gs.y = gs.lineX = gs.lineY = 0;
            break;
          case 'setFont': {
            const [id, size] = args as [string, number];
            const f = getObject(id) as { name?: string; fontMatrix?: number[]; vertical?: boolean; isType3Font?: boolean } | undefined;
            const fontName = String(f?.name ?? id);
            if (f?.isType3Font) throw new Error(`font ${fontName} cannot be embedded in the OFD (a Type 3 font)`);
            gs.font = { name: fontName, fontMatrix: f?.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0], vertical: f?.vertical === true };
            gs.fontDirection = size < 0 ? -1 : 1;
            gs.fontSize = Math.abs(size);
            break;
          }
          case 'setTextMatrix': {
            const m = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? Array.from(args[0] as ArrayLike<number>) : (args as number[])) as Matrix;
            gs.textMatrix = m;
            gs.x = gs.y = gs.lineX = gs.lineY = 0;
            break;
          }
          case 'moveText':
            gs.x = gs.lineX += args[0] as number;
            gs.y = gs.lineY += args[1] as number;
            break;
          case 'setLeadingMoveText':
            gs.leading = -(args[1] as number);
            gs.x = gs.lineX += args[0] as number;
            gs.y = gs.lineY += args[1] as number;
            break;
          case 'nextLine':
            gs.x = gs.lineX += 0;
            gs.y = gs.lineY += gs.leading;
            break;
          case 'setCharSpacing':
            gs.charSpacing = args[0] as number;
            break;
          case 'setWordSpacing':
            gs.wordSpacing = args[0] as number;
            break;
          case 'setHScale':
            gs.hScale = (args[0] as number) / 100;
            break;
          case 'setLeading':
            gs.leading = args[0] as number;
            break;
          case 'setTextRise':
            gs.rise = args[0] as number;
            break;
          case 'setTextRenderingMode':
            gs.renderMode = args[0] as number;
            break;
          case 'showText':
            showText(args[0] as Array<PdfjsGlyph | number>);
            break;
          case 'paintImageXObject':
            addImage(await getImage(args[0] as string), false);
            break;
          case 'paintInlineImageXObject':
            addImage(args[0] as ImageData, false);
            break;
          case 'paintImageMaskXObject':
            addImage(args[0] as ImageData, true);
            break;
          default:
            break;
        }
      }
      pages.push({ width: (x1 - x0) * PT_TO_MM, height: (y1 - y0) * PT_TO_MM, objects });
      page.cleanup();
    }
    const outline = await readOutline(doc, pages);
    return { pages, outline, fonts };
  } finally {
    await doc.destroy();
  }
}

type PdfDoc = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>;
type PdfOutline = Awaited<ReturnType<PdfDoc['getOutline']>>;

async function readOutline(doc: PdfDoc, pages: LaidPage[]): Promise<OutlineItem[]> {
  const raw = (await doc.getOutline()) ?? [];
  const walk = async (items: PdfOutline): Promise<OutlineItem[]> => {
    const out: OutlineItem[] = [];
    for (const item of items ?? []) {
      let dest = item.dest;
      if (typeof dest === 'string') dest = await doc.getDestination(dest);
      if (!Array.isArray(dest) || dest.length === 0) continue;
      const target = dest[0];
      let index: number;
      try {
        index = typeof target === 'number' ? target : await doc.getPageIndex(target as { num: number; gen: number });
      } catch {
        continue;
      }
      const page = pages[index];
      if (!page) continue;
      const kind = (dest[1] as { name?: string } | undefined)?.name;
      const top = kind === 'XYZ' && typeof dest[3] === 'number' ? page.height - (dest[3] as number) * PT_TO_MM : undefined;
      out.push({ title: item.title, page: index, ...(top === undefined ? {} : { top: Math.max(0, top) }), items: await walk(item.items) });
    }
    return out;
  };
  return walk(raw);
}
