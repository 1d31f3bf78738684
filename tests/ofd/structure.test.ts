// The OFD edition (issue 27), converted from printed PDFs kept as fixtures (the demos
// 2022/001 and 2021/065, as bulletin printed them): the package's structure (every part
// well-formed XML in the OFD namespace and valid against the GB/T 33190-2016 schemas, ids
// unique, MaxUnitID the largest, everything referenced present), the document information,
// the text of each page equal to the PDF's, the masthead rule a red PathObject of its width,
// the outline, byte reproducibility, pictures as PNG, and a font that cannot be embedded.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderOfd } from '../../src/pipeline/renderOfd.js';
import { encodePng } from '../../src/ofd/png.js';
import { ofdParts } from '../../src/ofd/package.js';
import type { EmbeddedFont } from '../../src/ofd/fonts.js';
import type { Layout, PathSegment, Shape, Text } from '../../src/ofd/layout.js';
import { readPdf } from '../helpers/pdf.js';
import { FIXTURES } from '../helpers/project.js';
import { OFD_NS, elements, ofdPages, ofdTexts, parseXml, resolveLoc, text, unzipOfd } from './ofd.js';

const META = { title: '江西应急管理简报 2021年第65期（总第231期）', author: '江西省安全生产委员会办公室', subject: '专刊', keywords: ['甲', '乙'], date: '2021-06-28', version: '0.1.0', custom: [['issue', '65'] as [string, string]] };
const INPUTS = ['2022-001.pdf', '2021-065.pdf'];
const pdfs = new Map<string, Uint8Array>();
const ofds = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const name of INPUTS) {
    const pdf = new Uint8Array(await readFile(path.join(FIXTURES, 'ofd', name)));
    pdfs.set(name, pdf);
    ofds.set(name, await renderOfd(pdf, META));
  }
});

/** Every element of every XML part, with the part it is in. */
async function xmlParts(ofd: Uint8Array) {
  const parts = await unzipOfd(ofd);
  return { parts, xml: [...parts.keys()].filter((p) => p.endsWith('.xml')).map((p) => ({ path: p, doc: parseXml(text(parts, p), p) })) };
}

const all = (doc: Document) => Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>);

describe('the OFD package', () => {
  it('is a zip with OFD.xml at its root, every XML part well-formed and every element in the OFD namespace', async () => {
    for (const name of INPUTS) {
      const { parts, xml } = await xmlParts(ofds.get(name)!);
      expect([...parts.keys()][0]).toBe('OFD.xml');
      expect(xml.length).toBeGreaterThanOrEqual(4);
      for (const { path: p, doc } of xml) {
        expect(doc.documentElement?.namespaceURI, p).toBe(OFD_NS);
        for (const el of all(doc)) expect(el.namespaceURI, `${p}: ${el.tagName}`).toBe(OFD_NS);
      }
    }
  });

  it('is valid against the schemas of GB/T 33190-2016 (annex A), part by part', async () => {
    const require = createRequire(import.meta.url);
    const { validateXML } = require('xmllint-wasm') as { validateXML: (o: unknown) => Promise<{ valid: boolean; errors: Array<{ rawMessage: string }> }> };
    const dir = path.join(FIXTURES, 'ofd', 'xsd');
    const xsd = Object.fromEntries(await Promise.all((await readdir(dir)).map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const)));
    const schemaOf = (p: string) => (p === 'OFD.xml' ? 'OFD.xsd' : p.endsWith('/Document.xml') ? 'Document.xsd' : /Res\.xml$/.test(p) ? 'Res.xsd' : /\/Content\.xml$/.test(p) ? 'Page.xsd' : undefined);
    const validate = (p: string, contents: string) => {
      const schema = schemaOf(p)!;
      return validateXML({
        xml: [{ fileName: p.replace(/\//g, '_'), contents }],
        schema: [{ fileName: schema, contents: xsd[schema] }],
        preload: Object.entries(xsd).filter(([f]) => f !== schema).map(([fileName, contents]) => ({ fileName, contents })),
      });
    };
    let checked = 0;
    for (const name of INPUTS) {
      const parts = await unzipOfd(ofds.get(name)!);
      for (const p of parts.keys()) {
        if (!schemaOf(p)) continue;
        const result = await validate(p, text(parts, p));
        expect(result.errors.map((e) => e.rawMessage), `${name} ${p}`).toEqual([]);
        expect(result.valid).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(3 + 1 + 3 + 3);
    // The validator does see a mistake: DocInfo without its DocID.
    const parts = await unzipOfd(ofds.get(INPUTS[0]!)!);
    const broken = await validate('OFD.xml', text(parts, 'OFD.xml').replace(/<ofd:DocID>[^<]*<\/ofd:DocID>/, ''));
    expect(broken.valid).toBe(false);
  });

  it('numbers every object once, MaxUnitID is the largest id, and every reference and file it names is in the package', async () => {
    for (const name of INPUTS) {
      const { parts, xml } = await xmlParts(ofds.get(name)!);
      const ids = xml.flatMap(({ doc }) => all(doc).filter((e) => e.hasAttribute('ID')).map((e) => Number(e.getAttribute('ID'))));
      expect(new Set(ids).size, `${name}: duplicate ids`).toBe(ids.length);
      expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
      const { docPath, document, pages } = ofdPages(parts);
      const maxUnitId = Number(elements(document, 'MaxUnitID')[0]!.textContent);
      expect(maxUnitId).toBe(Math.max(...ids));
      // Resources: the Res files the document names, the fonts and pictures they hold, and their files.
      const resIds = new Map<string, string>();
      for (const res of [...elements(document, 'PublicRes'), ...elements(document, 'DocumentRes')]) {
        const resPath = resolveLoc(docPath, res.textContent!.trim());
        expect(parts.has(resPath), resPath).toBe(true);
        const doc = parseXml(text(parts, resPath));
        const base = resolveLoc(resPath, `${doc.documentElement!.getAttribute('BaseLoc')}/x`).replace(/x$/, '');
        for (const font of elements(doc, 'Font')) {
          resIds.set(font.getAttribute('ID')!, 'Font');
          const file = resolveLoc(base, elements(font, 'FontFile')[0]!.textContent!.trim());
          expect(parts.has(file), file).toBe(true);
        }
        for (const media of elements(doc, 'MultiMedia')) {
          resIds.set(media.getAttribute('ID')!, 'MultiMedia');
          const file = resolveLoc(base, elements(media, 'MediaFile')[0]!.textContent!.trim());
          expect(parts.has(file), file).toBe(true);
        }
      }
      expect([...resIds.values()]).toContain('Font');
      const pageIds = new Set(pages.map((p) => p.id));
      for (const page of pages) {
        for (const t of elements(page.doc, 'TextObject')) expect(resIds.get(t.getAttribute('Font')!), `${page.path} Font ${t.getAttribute('Font')}`).toBe('Font');
        for (const im of elements(page.doc, 'ImageObject')) expect(resIds.get(im.getAttribute('ResourceID')!)).toBe('MultiMedia');
      }
      for (const dest of elements(document, 'Dest')) expect(pageIds.has(dest.getAttribute('PageID')!)).toBe(true);
      expect(pages.length).toBe((await readPdf(pdfs.get(name)!)).length);
    }
  });

  it('carries the document information: title, author (the office), the issue date, Creator bulletin, a DocID from the content', async () => {
    const parts = await unzipOfd(ofds.get(INPUTS[1]!)!);
    const ofd = parseXml(text(parts, 'OFD.xml'));
    const field = (n: string) => elements(ofd, n)[0]?.textContent;
    expect(ofd.documentElement!.getAttribute('Version')).toBe('1.0');
    expect(ofd.documentElement!.getAttribute('DocType')).toBe('OFD');
    expect(field('Title')).toBe(META.title);
    expect(field('Author')).toBe(META.author);
    expect(field('CreationDate')).toBe('2021-06-28');
    expect(field('Creator')).toBe('bulletin');
    expect(field('DocID')).toMatch(/^[0-9a-f]{32}$/);
    expect(elements(ofd, 'Keyword').map((k) => k.textContent)).toEqual(['甲', '乙']);
    expect(elements(ofd, 'CustomData').map((c) => [c.getAttribute('Name'), c.textContent])).toEqual([['issue', '65']]);
    const { document } = ofdPages(parts);
    expect(elements(document, 'PhysicalBox')[0]!.textContent).toBe('0 0 210 297');
    // A different PDF has a different DocID.
    const other = parseXml(text(await unzipOfd(ofds.get(INPUTS[0]!)!), 'OFD.xml'));
    expect(elements(other, 'DocID')[0]!.textContent).not.toBe(field('DocID'));
  });

  it('has the text of the PDF, page by page', async () => {
    for (const name of INPUTS) {
      const expected = (await readPdf(pdfs.get(name)!)).map((p) => p.text);
      const actual = ofdTexts(await unzipOfd(ofds.get(name)!));
      expect(actual.length).toBe(expected.length);
      actual.forEach((t, i) => expect(t, `${name} page ${i + 1}`).toBe(expected[i]));
      expect(actual.join('').length).toBeGreaterThan(200);
    }
  });

  it('places each run of text where the PDF prints it, in the face, size and colour it prints', async () => {
    const name = INPUTS[0]!;
    const pdf = (await readPdf(pdfs.get(name)!))[0]!;
    const { pages } = ofdPages(await unzipOfd(ofds.get(name)!));
    const runs = elements(pages[0]!.doc, 'TextObject').map((t) => {
      const [bx = 0, by = 0] = t.getAttribute('Boundary')!.split(' ').map(Number);
      const code = elements(t, 'TextCode')[0]!;
      return { text: code.textContent!, x: bx + Number(code.getAttribute('X')), y: by + Number(code.getAttribute('Y')), size: Number(t.getAttribute('Size')), fill: elements(t, 'FillColor')[0]?.getAttribute('Value') };
    });
    // The masthead title: red, at the PDF's position and size (pt → mm).
    const title = runs.find((r) => r.text.startsWith('江西应急管理简报'))!;
    expect(title.fill).toBe('230 0 18');
    const item = pdf.items.find((i) => i.str.startsWith('江'))!;
    const MM = 72 / 25.4;
    expect(Math.abs(title.x - item.x / MM)).toBeLessThan(0.05);
    expect(Math.abs(title.y - item.baseline / MM)).toBeLessThan(0.05);
    expect(Math.abs(title.size - item.size / MM)).toBeLessThan(0.05);
  });

  it('draws the red rule under the masthead and the rules of the 版记 as stroked paths of their width and colour', async () => {
    const { pages } = ofdPages(await unzipOfd(ofds.get(INPUTS[0]!)!));
    const paths = elements(pages[0]!.doc, 'PathObject').map((p) => ({
      stroke: p.getAttribute('Stroke'),
      width: Number(p.getAttribute('LineWidth')),
      color: elements(p, 'StrokeColor')[0]?.getAttribute('Value'),
      data: elements(p, 'AbbreviatedData')[0]!.textContent!,
      box: p.getAttribute('Boundary')!.split(' ').map(Number),
    }));
    const red = paths.filter((p) => p.color === '230 0 18');
    expect(red.length).toBe(1);
    expect(red[0]!.stroke).toBe('true');
    expect(red[0]!.width).toBeGreaterThan(0.4);
    expect(red[0]!.box[2]).toBeGreaterThan(150); // across the type area (156 mm)
    expect(red[0]!.data).toMatch(/^M 0 [\d.]+ L [\d.]+ [\d.]+$/);
    // The 版记's rules: black lines across the type area, below the body.
    const black = paths.filter((p) => p.color === '0 0 0' && p.stroke === 'true' && p.box[2]! > 150 && p.box[1]! > 200);
    expect(black.length).toBeGreaterThanOrEqual(3);
  });

  it('has an outline like the PDF’s: each article, on its page', async () => {
    const { document, pages } = ofdPages(await unzipOfd(ofds.get(INPUTS[1]!)!));
    const items = elements(document, 'OutlineElem');
    expect(items.map((i) => i.getAttribute('Title'))).toEqual(['全省防汛应急演练圆满完成', '萍乡市开展危险化学品企业安全检查']);
    const dests = elements(document, 'Dest');
    expect(dests.map((d) => pages.findIndex((p) => p.id === d.getAttribute('PageID')))).toEqual([0, 1]);
    expect(dests.every((d) => Number(d.getAttribute('Top')) > 30)).toBe(true);
  });

  it('is byte-reproducible: the same PDF and metadata give the same bytes, dated the issue’s day', async () => {
    for (const name of INPUTS) {
      const again = await renderOfd(pdfs.get(name)!, META);
      expect(Buffer.from(again).equals(Buffer.from(ofds.get(name)!)), name).toBe(true);
    }
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(ofds.get(INPUTS[0]!)!);
    // 2021-06-28 in Beijing is 2021-06-27 16:00 UTC (DOS time in the zip has 2 s steps).
    for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2021-06-27T16:00:00.000Z');
  });
});

describe('pictures and fonts', () => {
  async function pictureDoc(kind: 'png' | 'jpg'): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.92, 841.92]);
    // A 40 × 20 picture: red left half, blue right half.
    const w = 40;
    const h = 20;
    const rgba = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set(x < w / 2 ? [230, 0, 18, 255] : [0, 0, 200, 255], (y * w + x) * 4);
    let image;
    if (kind === 'png') image = await doc.embedPng(encodePng(w, h, rgba));
    else {
      const { createCanvas } = await import('@napi-rs/canvas');
      const canvas = createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      const data = ctx.createImageData(w, h);
      data.data.set(rgba);
      ctx.putImageData(data, 0, 0);
      image = await doc.embedJpg(await canvas.encode('jpeg', 95));
    }
    page.drawImage(image, { x: 100, y: 600, width: 200, height: 100 });
    return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  }

  for (const kind of ['png', 'jpg'] as const) {
    it(`a ${kind.toUpperCase()} picture becomes an ImageObject of a PNG MultiMedia, placed where the PDF draws it`, async () => {
      const ofd = await renderOfd(await pictureDoc(kind), META);
      const parts = await unzipOfd(ofd);
      const { pages } = ofdPages(parts);
      const images = elements(pages[0]!.doc, 'ImageObject');
      expect(images.length).toBe(1);
      const [x, y, w, h] = images[0]!.getAttribute('Boundary')!.split(' ').map(Number);
      const MM = 25.4 / 72;
      expect(x).toBeCloseTo(100 * MM, 2);
      expect(w).toBeCloseTo(200 * MM, 2);
      expect(h).toBeCloseTo(100 * MM, 2);
      expect(y).toBeCloseTo((841.92 - 700) * MM, 2);
      expect(images[0]!.getAttribute('CTM')).toBe(`${w} 0 0 ${h} 0 0`);
      const res = parseXml(text(parts, 'Doc_0/DocumentRes.xml'));
      const media = elements(res, 'MultiMedia')[0]!;
      expect(media.getAttribute('Type')).toBe('Image');
      expect(media.getAttribute('Format')).toBe('PNG');
      const png = parts.get(`Doc_0/Res/${elements(media, 'MediaFile')[0]!.textContent}`)!;
      expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
      // The picture's pixels: red on the left, blue on the right (the top row is the picture's top).
      const { createCanvas, loadImage } = await import('@napi-rs/canvas');
      const img = await loadImage(Buffer.from(png));
      expect([img.width, img.height]).toEqual([40, 20]);
      const canvas = createCanvas(40, 20);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const left = ctx.getImageData(5, 2, 1, 1).data;
      const right = ctx.getImageData(35, 17, 1, 1).data;
      expect(left[0]).toBeGreaterThan(200);
      expect(right[2]).toBeGreaterThan(170);
    });
  }

  it('a font the PDF does not embed is an error naming it', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.92, 841.92]);
    page.drawText('Hello', { x: 100, y: 700, size: 20, font: await doc.embedFont(StandardFonts.Helvetica), color: rgb(0, 0, 0) });
    const pdf = await doc.save();
    await expect(renderOfd(pdf, META)).rejects.toThrow(/font Helvetica cannot be embedded in the OFD: the PDF does not embed it/);
  });
});

describe('glyphs the cmap does not reach from their text', () => {
  // A synthetic layout: one run of three glyphs, the second a ligature (fi) and the third a glyph
  // the font's cmap gives to another id: each gets a CGTransform with its glyph id.
  const font: EmbeddedFont = {
    name: 'ABCDEF+Test-Regular',
    fontName: 'Test-Regular',
    familyName: 'Test',
    bytes: new Uint8Array([0, 1, 0, 0]),
    gidOf: (code) => code,
    cmapGid: (cp) => ({ 0x61: 10, 0x62: 11 })[cp],
    ascent: 0.9,
    descent: -0.2,
    bold: false,
    italic: false,
    serif: false,
    fixedWidth: false,
  };
  const glyph = (gid: number, text: string, x: number): Text => ({
    kind: 'text',
    clips: [],
    glyph: { font: font.name, gid, text, x, y: 50, size: 5, shape: [1, 0, 0, 1], advance: 5, fill: { r: 0, g: 0, b: 0 }, alpha: 255 },
  });
  const layout: Layout = { pages: [{ width: 210.2, height: 297, objects: [glyph(10, 'a', 20), glyph(42, 'fi', 25), glyph(12, 'b', 30)] }], outline: [], fonts: [font.name] };

  it('writes CGTransform before the TextCode, at the character each glyph starts at', async () => {
    const parts = ofdParts(layout, new Map([[font.name, font]]), { ...META, docId: '0'.repeat(32) });
    const content = parts.find((p) => p.path.endsWith('Content.xml'))!.data as string;
    const page = parseXml(content);
    const t = elements(page, 'TextObject')[0]!;
    const code = elements(t, 'TextCode')[0]!;
    expect(code.textContent).toBe('afib');
    // One position a character: the ligature's second character sits on its first.
    expect(code.getAttribute('DeltaX')).toBe('5 0 5');
    const transforms = elements(t, 'CGTransform').map((c) => [c.getAttribute('CodePosition'), c.getAttribute('CodeCount'), c.getAttribute('GlyphCount'), elements(c, 'Glyphs')[0]!.textContent]);
    expect(transforms).toEqual([
      ['1', '2', '1', '42'],
      ['3', '1', '1', '12'],
    ]);
    expect(Array.from(t.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1).map((n) => n.localName)).toEqual(['FillColor', 'CGTransform', 'CGTransform', 'TextCode']);
  });
});

describe('clips', () => {
  it('a clip that cuts into an object goes with it, in the object’s space; one that leaves it whole does not', () => {
    const square = (x0: number, y0: number, x1: number, y1: number): PathSegment[] => [['M', x0, y0], ['L', x1, y0], ['L', x1, y1], ['L', x0, y1], ['C']];
    const cut = square(10, 10, 30, 30);
    const whole = square(0, 0, 210, 297);
    const shape = (clips: PathSegment[][]): Shape => ({ kind: 'path', segments: square(20, 20, 40, 40), fill: { color: { r: 0, g: 0, b: 0 }, evenOdd: false, alpha: 255 }, clips });
    const layout: Layout = { pages: [{ width: 210.2, height: 297, objects: [shape([whole, cut]), shape([whole])] }], outline: [], fonts: [] };
    const parts = ofdParts(layout, new Map(), { ...META, docId: '0'.repeat(32) });
    const page = parseXml(parts.find((p) => p.path.endsWith('Content.xml'))!.data as string);
    const [first, second] = elements(page, 'PathObject');
    expect(elements(second!, 'Clips')).toEqual([]);
    const clips = elements(first!, 'Clip');
    expect(clips.length).toBe(1);
    const path = elements(clips[0]!, 'Path')[0]!;
    // The object's Boundary starts at (20, 20): the clip's box (10, 10, 20 × 20) is at (-10, -10) from it.
    expect(first!.getAttribute('Boundary')).toBe('20 20 20 20');
    expect(path.getAttribute('Boundary')).toBe('-10 -10 20 20');
    expect(elements(path, 'AbbreviatedData')[0]!.textContent).toBe('M 0 0 L 20 0 L 20 20 L 0 20 C');
  });
});
