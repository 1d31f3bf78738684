// The finish-PDF stage edits the file Chromium printed in place (pdfSyntax.ts). These files are
// written here in Skia's shape, with what finishPdf must change and what it must leave alone;
// the real printed files are checked by the browser tests (sample, publish).
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFString } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Bulletin } from '../../src/model/bulletin.js';
import { finishPdf } from '../../src/pipeline/finishPdf.js';
import type { Layout } from '../../src/pipeline/print.js';
import { pdfInfo } from '../helpers/pdf.js';

/** A PDF as Skia writes one: the objects in the order given, a classic cross-reference table. */
function skiaPdf(objects: Array<[number, string]>, trailer: string): Uint8Array {
  let text = '%PDF-1.4\n%\xd3\xeb\xe9\xe1\n';
  const offsets = new Map<number, number>();
  for (const [num, body] of objects) {
    offsets.set(num, text.length);
    text += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const size = Math.max(...offsets.keys()) + 1;
  const xref = text.length;
  text += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) text += `${String(offsets.get(n) ?? 0).padStart(10, '0')} 00000 ${offsets.has(n) ? 'n' : 'f'} \n`;
  text += `trailer\n<<${trailer.replace('SIZE', String(size))}>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(text, 'latin1');
}

/** Stream data that holds, by chance, the very bytes the finisher edits elsewhere. */
const DATA = '/P <</MCID 0>> BDC BT (node00000068) Tj /CapHeight -5 ET EMC';

/**
 * Two pages under an intermediate page-tree node (their MediaBox inherited), three table headers
 * named by DOM node ids in an order that is not the objects' order, cells pointing at them, the
 * ID tree leaf sorted by the old names, a font descriptor with Skia's negative cap height, XMP
 * metadata, and Chromium's clock-dated information.
 */
function printed(ids: [string, string, string]): Uint8Array {
  const [a, b, c] = ids;
  return skiaPdf(
    [
      [1, "<</Title (x)\n/Creator (Chromium)\n/Producer (Skia/PDF m147)\n/CreationDate (D:20261123132346+00'00')>>"],
      [2, `<</Type /Page\n/Parent 4 0 R\n/Contents 3 0 R>>`],
      [3, `<</Length ${DATA.length}>> stream\n${DATA}\nendstream`],
      [5, `<</Type /Page\n/Parent 4 0 R\n/Contents 3 0 R>>`],
      [4, '<</Type /Pages\n/Parent 6 0 R\n/Count 2\n/MediaBox [0 0 595.91998 841.91998]\n/Kids [2 0 R 5 0 R]>>'],
      [6, '<</Type /Pages\n/Count 2\n/Kids [4 0 R]>>'],
      [7, `<</Type /StructElem\n/S /TH\n/ID (${b})>>`],
      [8, `<</Type /StructElem\n/S /TH\n/ID (${c})>>`],
      [9, `<</Type /StructElem\n/S /TH\n/ID (${a})>>`],
      [10, `<</Type /StructElem\n/S /TD\n/A [<</O /Table\n/Headers [(${a})]>>]>>`],
      [11, `<</Type /StructElem\n/S /TD\n/A [<</O /Table\n/Headers [(${c}) (${b})]>>]>>`],
      [12, `<</Limits [(${[a, b, c].sort()[0]}) (${[a, b, c].sort()[2]})]\n/Names [${[[a, 9], [b, 7], [c, 8]].sort(([x], [y]) => ((x as string) < (y as string) ? -1 : 1)).map(([k, n]) => `(${k}) ${n} 0 R`).join(' ')}]>>`],
      [13, '<</Type /StructTreeRoot\n/IDTree <</Kids [12 0 R]>>>>'],
      [14, '<</Type /FontDescriptor\n/FontName /AAAAAA+NotoSerifSC-Regular\n/CapHeight -729\n/Ascent 1151>>'],
      [15, '<</Type /Metadata /Subtype /XML /Length 5>> stream\n<x/>\nendstream'],
      [16, '<</Type /Catalog\n/Pages 6 0 R\n/Metadata 15 0 R\n/StructTreeRoot 13 0 R\n/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>\n/Lang (zh-CN)>>'],
    ],
    '/Size SIZE\n/Root 16 0 R\n/Info 1 0 R',
  );
}

const bulletin = {
  source: 'bulletins/2021/065.md',
  title: '江西应急管理简报',
  publisher: '江西省安全生产委员会办公室',
  issue: 65,
  total: 231,
  date: '2021-07-02',
  articles: [
    { index: 0, title: '全省防汛应急演练圆满完成' },
    { index: 1, title: '萍乡市开展危险化学品（企业）安全检查' },
  ],
} as unknown as Bulletin;

const layout: Layout = {
  colophon: null,
  pages: 2,
  articles: [
    { index: 0, page: 0, top: 100 },
    { index: 1, page: 1, top: 20 },
  ],
  pitch: 0,
  blockHeight: 0,
  drift: 0,
  width: 0,
};

/** Every in-use entry of the last cross-reference table points at its object. */
function xrefHolds(pdf: Uint8Array): boolean {
  const text = Buffer.from(pdf).toString('latin1');
  const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const rows = text.slice(at).split('\n');
  if (rows[0] !== 'xref') return false;
  const size = Number(rows[1]!.split(' ')[1]);
  for (let n = 1; n < size; n++) {
    const row = rows[2 + n]!;
    if (row.length !== 19) return false;
    if (row[17] === 'n' && !text.startsWith(`${n} 0 obj`, Number(row.slice(0, 10)))) return false;
  }
  return true;
}

describe('finishPdf edits the printed file in place', () => {
  it('writes the information and outline from the issue and a table that points at every object', async () => {
    const { pdf, pages } = await finishPdf(printed(['node00000070', 'node00000068', 'node00000069']), bulletin, layout, '9.9.9');
    expect(pages).toBe(2);
    expect(xrefHolds(pdf)).toBe(true);
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({
      title: '江西应急管理简报 2021年第65期（总第231期）',
      author: '江西省安全生产委员会办公室',
      subject: '江西应急管理简报（第65期）',
      keywords: '全省防汛应急演练圆满完成 萍乡市开展危险化学品（企业）安全检查',
      language: 'zh-CN',
      outline: ['全省防汛应急演练圆满完成', '萍乡市开展危险化学品（企业）安全检查'],
      outlinePages: [1, 2],
    });
    expect(info.creationDate?.toISOString()).toBe('2021-07-01T16:00:00.000Z');
    expect(info.modificationDate?.toISOString()).toBe('2021-07-01T16:00:00.000Z');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getProducer()).toBe('bulletin 9.9.9 (Chromium)');
    expect(doc.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    expect(doc.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
    // The bookmark opens at the article's top: page height − 37 mm − top × 0.75 pt.
    const first = doc.context.lookup(doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).get(PDFName.of('First'))) as PDFDict;
    const dest = first.lookup(PDFName.of('Dest'), PDFArray);
    expect((dest.get(3) as PDFNumber).asNumber()).toBe(Math.round((841.91998 - (37 * 72) / 25.4 - 75) * 100) / 100);
  });

  it('renames structure ids in object order everywhere but in stream data, sorts the ID tree, and turns the cap height up', async () => {
    // Sorted by the old names the leaf reads 8, 9, 7: by the new ones it must read 7, 8, 9.
    const { pdf } = await finishPdf(printed(['node00000012', 'node00000031', 'node00000007']), bulletin, layout, '9.9.9');
    const text = Buffer.from(pdf).toString('latin1');
    // Objects 7, 8, 9 (node…31, …07, …12) become n000001, n000002, n000003.
    expect(text).toContain('7 0 obj\n<</Type /StructElem\n/S /TH\n/ID (n000001)>>');
    expect(text).toContain('8 0 obj\n<</Type /StructElem\n/S /TH\n/ID (n000002)>>');
    expect(text).toContain('9 0 obj\n<</Type /StructElem\n/S /TH\n/ID (n000003)>>');
    expect(text).toContain('/Headers [(n000003)]');
    expect(text).toContain('/Headers [(n000002) (n000001)]');
    expect(text).toContain('<</Limits [(n000001) (n000003)]\n/Names [(n000001) 7 0 R (n000002) 8 0 R (n000003) 9 0 R]>>');
    expect(text).toContain('/CapHeight 729\n');
    expect(text).toContain(`stream\n${DATA}\nendstream`);
    // The stream's bytes are the only "(node" left.
    expect(text.split('(node').length - 1).toBe(1);
  });

  it('gives the same bytes whatever node ids Chromium happened to assign', async () => {
    const one = await finishPdf(printed(['node00000070', 'node00000068', 'node00000069']), bulletin, layout, '9.9.9');
    const two = await finishPdf(printed(['node00000012', 'node00000031', 'node00000007']), bulletin, layout, '9.9.9');
    expect(Buffer.compare(Buffer.from(one.pdf), Buffer.from(two.pdf))).toBe(0);
  });

  it('finishes a file of another shape (object streams, a cross-reference stream) the same way', async () => {
    const doc = await PDFDocument.load(printed(['node00000070', 'node00000068', 'node00000069']), { updateMetadata: false });
    const packed = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(packed).toString('latin1')).toContain('/ObjStm');
    const { pdf, pages } = await finishPdf(packed, bulletin, layout, '9.9.9');
    expect(pages).toBe(2);
    expect(xrefHolds(pdf)).toBe(true);
    const info = await pdfInfo(pdf);
    expect(info.title).toBe('江西应急管理简报 2021年第65期（总第231期）');
    expect(info.outlinePages).toEqual([1, 2]);
    const again = await PDFDocument.load(pdf, { updateMetadata: false });
    const ids = again.context
      .enumerateIndirectObjects()
      .flatMap(([, o]) => (o instanceof PDFDict && o.get(PDFName.of('ID')) instanceof PDFString ? [(o.get(PDFName.of('ID')) as PDFString).asString()] : []));
    expect(ids.sort()).toEqual(['n000001', 'n000002', 'n000003']);
    expect(again.context.enumerateIndirectObjects().some(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Type')) === PDFName.of('ObjStm'))).toBe(false);
  });

  it('refuses a file it cannot read instead of writing a broken one', async () => {
    await expect(finishPdf(Buffer.from('%PDF-1.4\nnot a pdf'), bulletin, layout, '9.9.9')).rejects.toThrow();
  });
});
