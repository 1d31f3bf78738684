// Real-browser tier: builds the real issue 2021 第64期 with the bundled Chromium and reads the
// PDF back with pdf.js and pdf-lib: page size, text order, page numbers, fonts, metadata,
// outline, text block position, and byte-identical rebuilds.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { captureIo, copyInto, FIXTURES, tempProject } from '../helpers/project.js';
import { MM, pdfFonts, pdfInfo, readPdf, type PdfPage } from '../helpers/pdf.js';

const SAMPLE = path.join(FIXTURES, 'samples/jx-2021-064.md');

/** The body's paragraphs and headings as plain text, in order. */
async function sourceBlocks(): Promise<string[]> {
  const text = await readFile(SAMPLE, 'utf8');
  const body = text.split(/^---$/m).slice(2).join('---');
  return body
    .split(/\n\s*\n/)
    .map((b) => b.replace(/^#+\s*/, '').replace(/\s+/g, ''))
    .filter(Boolean);
}

/** The items of the line (same baseline) whose text contains `text`. */
function lineContaining(page: PdfPage, text: string): { baseline: number; size: number } | undefined {
  const baselines = [...new Set(page.items.map((it) => Math.round(it.baseline)))];
  for (const b of baselines) {
    const line = page.items.filter((it) => Math.abs(it.baseline - b) < 1.5);
    if (line.map((it) => it.str).join('').replace(/\s+/g, '').includes(text)) {
      return { baseline: Math.max(...line.map((it) => it.baseline)), size: Math.max(...line.map((it) => it.size)) };
    }
  }
  return undefined;
}

function inOrder(haystack: string, needles: string[]): string | undefined {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return needle;
    from = at + needle.length;
  }
  return undefined;
}

describe('building jx-2021-064 (real browser)', () => {
  let dir: string;
  let pdf: Uint8Array;
  let html: string;
  let pages: PdfPage[];
  let exitCode: number;

  beforeAll(async () => {
    dir = await tempProject();
    await copyInto(dir, SAMPLE, 'bulletins/2021/064.md');
    const io = captureIo(dir);
    ({ exitCode } = await build({ io }));
    pdf = await readFile(path.join(dir, 'dist/2021/064.pdf'));
    html = await readFile(path.join(dir, 'dist/2021/064.html'), 'utf8');
    pages = await readPdf(pdf);
  });

  it('succeeds with exit code 0', () => {
    expect(exitCode).toBe(0);
  });

  it('prints on A4 (210 × 297 mm)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(page.width / MM).toBeCloseTo(210, 0);
      expect(page.height / MM).toBeCloseTo(297, 0);
    }
  });

  it('holds masthead, every paragraph and the colophon, in order', async () => {
    const all = pages.map((p) => p.text.replace(/—\d+—$/, '')).join('');
    const blocks = await sourceBlocks();
    const missing = inOrder(all, [
      '注意保存',
      '江西应急管理简报',
      '第64期（总第230期）',
      '省安全生产专项整治三年行动专刊（108）',
      '江西省安全生产委员会办公室',
      '2021年6月25日',
      ...blocks,
      '抄报：省委、省政府领导。',
      '分送：应急管理部办公厅，省委办公厅、省人大办公厅、省政府办公厅、省政协办公厅，省直有关部门，各市、县（区）党委、政府及应急管理部门，部分中央驻赣企业及省属集团公司。',
      '2021年6月25日印发',
    ]);
    expect(missing).toBeUndefined();
    expect(blocks.length).toBe(22);
  });

  it('numbers every page "— N —", odd pages right and even pages left', () => {
    pages.forEach((page, i) => {
      const n = i + 1;
      const item = page.items.find((it) => it.str.replace(/\s+/g, '') === `—${n}—`);
      expect(item, `page ${n}`).toBeDefined();
      // The 一字线 7 mm below the text block (262 mm), GB/T 9704 §7.5 (the dash of Noto Serif SC
      // has its middle 0.2675 em above the baseline; typesetting.browser.test.ts reads it from the font).
      const dash = (item!.baseline - item!.size * 0.2675) / MM;
      expect(Math.abs(dash - 269)).toBeLessThan(0.5);
      const right = (item!.x + item!.width) / MM;
      if (n % 2 === 1) expect(Math.abs(right - (184 - 14 / MM))).toBeLessThan(1);
      else expect(Math.abs(item!.x / MM - (28 + 14 / MM))).toBeLessThan(1);
    });
  });

  it('embeds every font as TrueType, none of Type 3', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.subtype, f.name).not.toBe('/Type3');
      expect(f.embedded, f.name).toBe(true);
      expect(f.descendant ?? f.subtype, f.name).toMatch(/TrueType|CIDFontType2/);
      expect(f.name, 'subset prefix').toMatch(/^\/[A-Z]{6}\+/);
    }
    // No system font slipped in: every family is one of the bundled ones.
    for (const f of fonts) expect(f.name).toMatch(/NotoSerifSC|NotoSansSC|LXGWWenKai/);
  });

  it('puts the text block where GB/T 9704 puts it (within 1 mm)', () => {
    // Visible text only: pdf.js reports the gap between the office and the date as a space, and
    // measures it in text space (four times too wide in a print laid out at 4×).
    const body = pages.flatMap((p) => p.items.filter((it) => it.size > 15 && it.size < 17 && it.str.trim() !== ''));
    const left = Math.min(...body.map((it) => it.x)) / MM;
    const right = Math.max(...body.map((it) => it.x + it.width)) / MM;
    expect(Math.abs(left - 28), `left ${left}`).toBeLessThan(1);
    expect(Math.abs(right - 184), `right ${right}`).toBeLessThan(1);
    // The marker 注意保存 opens the block: its em box top is the block's top edge.
    const marker = lineContaining(pages[0]!, '注意保存');
    expect(marker, 'marker line').toBeDefined();
    expect(Math.abs((marker!.baseline - marker!.size * 0.88) / MM - 37), `top ${marker!.baseline / MM}`).toBeLessThan(1);
    // The last page: the colophon's last line sits on the bottom edge (262 mm).
    const printed = lineContaining(pages.at(-1)!, '印发');
    expect(printed, 'colophon line').toBeDefined();
    expect(printed!.baseline / MM, 'colophon bottom').toBeLessThan(262);
    expect(printed!.baseline / MM, 'colophon bottom').toBeGreaterThan(255);
  });

  it('carries metadata from the issue, not from the clock, and an outline', async () => {
    const info = await pdfInfo(pdf);
    expect(info.title).toBe('江西应急管理简报 2021年第64期（总第230期）');
    expect(info.author).toBe('江西省安全生产委员会办公室');
    expect(info.subject).toBe('省安全生产专项整治三年行动专刊（108）');
    expect(info.keywords).toBe('查问题、促整改、保安全');
    expect(info.language).toBe('zh-CN');
    expect(info.creationDate?.toISOString()).toBe('2021-06-24T16:00:00.000Z');
    expect(info.modificationDate?.toISOString()).toBe('2021-06-24T16:00:00.000Z');
    expect(info.outline).toEqual(['查问题、促整改、保安全']);
  });

  it('writes an HTML page with the same text and no external reference', () => {
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('第64期（总第230期）');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('gives the same bytes when built again', async () => {
    const io = captureIo(dir);
    const again = await build({ io, out: 'dist-again' });
    expect(again.exitCode).toBe(0);
    const pdf2 = await readFile(path.join(dir, 'dist-again/2021/064.pdf'));
    const html2 = await readFile(path.join(dir, 'dist-again/2021/064.html'), 'utf8');
    expect(Buffer.compare(Buffer.from(pdf), pdf2)).toBe(0);
    expect(html2).toBe(html);
    const manifest1 = await readFile(path.join(dir, 'dist/manifest.json'), 'utf8');
    const manifest2 = await readFile(path.join(dir, 'dist-again/manifest.json'), 'utf8');
    expect(manifest2).toBe(manifest1);
  });
});
