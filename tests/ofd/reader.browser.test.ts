// The OFD edition read by an independent reader (issue 27): the demos and an issue with
// pictures (a PNG and a WebP, a format OFD readers do not show) are built with --format pdf,ofd;
// every page of every OFD is rendered by ofd.js (DLTech21's OFD reader, npm ofd.js 0.2.6) in
// Chromium and compared with the same page of the PDF rendered by pdf.js at the same size
// (96 dpi): at least 97 % of the ink of each must lie within 1 px of ink of the other. The text
// of each page is the PDF's. --format ofd alone prints but keeps no PDF, and a second build
// finds the OFD unchanged.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/browser.js';
import { build } from '../../src/core/build.js';
import type { ManifestEntry } from '../../src/model/manifest.js';
import { encodePng } from '../../src/ofd/png.js';
import { readPdf } from '../helpers/pdf.js';
import { captureIo, tempProject } from '../helpers/project.js';
import { READER_PX_PER_MM, compareInk, decodePng, encodeRaster, elements, ofdPages, ofdTexts, renderOfdPages, renderPdfPage, unzipOfd } from './ofd.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PX_PER_MM = READER_PX_PER_MM;
let dir = '';
let browser: Browser;
let entries: ManifestEntry[] = [];

/** A picture of bars in colours, w × h. */
function bars(w: number, h: number): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  const colours = [
    [230, 0, 18],
    [0, 90, 200],
    [20, 140, 60],
    [250, 250, 250],
  ];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set([...colours[Math.floor((x / w) * 4)]!, 255], (y * w + x) * 4);
  return rgba;
}

const PICTURES = `---
issue: 2
total: 233
date: 2022-01-20
series:
  name: 省安全生产专项整治三年行动专刊
  number: 110
---

# 全省安全生产专项整治图表示例

下图为示例图表（演示稿件，内容为示例）。

![图1 各地检查场次](images/bars.png)

下图为一幅照片（演示稿件，内容为示例）。

![图2 检查现场](images/photo.webp)

会议要求，各地各部门要对照任务清单逐项销号。
`;

beforeAll(async () => {
  dir = await tempProject();
  await cp(path.join(ROOT, 'bulletins'), path.join(dir, 'bulletins'), { recursive: true });
  await mkdir(path.join(dir, 'bulletins/2022/images'), { recursive: true });
  await writeFile(path.join(dir, 'bulletins/2022/images/bars.png'), encodePng(320, 160, bars(320, 160)));
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(300, 200);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(300, 200);
  image.data.set(bars(300, 200).map((v, i) => (i % 4 === 3 ? v : 255 - v)));
  ctx.putImageData(image, 0, 0);
  await writeFile(path.join(dir, 'bulletins/2022/images/photo.webp'), await canvas.encode('webp', 90));
  await writeFile(path.join(dir, 'bulletins/2022/002.md'), PICTURES);
  // A draft: 草稿 across every page, turned and translucent (a TextObject with CTM and Alpha).
  await writeFile(path.join(dir, 'bulletins/2022/003.md'), '---\nissue: 3\ntotal: 234\ndate: 2022-01-30\n---\n\n# 草稿示例\n\n内容【待补】。\n');
  const result = await build({ io: captureIo(dir), formats: ['pdf', 'ofd'], draft: true });
  const problems = result.issues.flatMap((i) => i.file.messages.filter((m) => m.fatal).map((m) => `${i.file.path}: ${m.message}`));
  expect(problems).toEqual([]);
  expect(result.exitCode).toBe(0);
  entries = result.issues.map((i) => i.entry!);
  browser = await launchBrowser({ env: process.env });
});
afterAll(async () => browser?.close());

describe('the OFD edition in an OFD reader', () => {
  it('is built for every issue, beside its PDF, with the same number of pages', () => {
    expect(entries.map((e) => e.source).sort()).toEqual(['bulletins/2021/064.md', 'bulletins/2021/065.md', 'bulletins/2022/001.md', 'bulletins/2022/002.md', 'bulletins/2022/003.md']);
    for (const e of entries) {
      expect(e.ofd?.path).toBe(e.pdf!.path.replace(/\.pdf$/, '.ofd'));
      expect(e.ofd?.pages).toBe(e.pdf!.pages);
    }
  });

  it('renders every page like the PDF: ≥ 97 % of the ink of each within 1 px of the other’s', async () => {
    // OFD_RENDERS=folder keeps the two renderings of each page for a look.
    const out = process.env.OFD_RENDERS ?? path.join(dir, 'renders');
    await mkdir(out, { recursive: true });
    const results: string[] = [];
    for (const e of entries) {
      const pdf = new Uint8Array(await readFile(path.join(dir, 'dist', e.pdf!.path)));
      const ofd = new Uint8Array(await readFile(path.join(dir, 'dist', e.ofd!.path)));
      const shots = await renderOfdPages(browser, ofd, PX_PER_MM);
      expect(shots.length, e.source).toBe(e.pdf!.pages);
      for (let i = 0; i < shots.length; i++) {
        const a = await decodePng(shots[i]!);
        const b = await renderPdfPage(pdf, i, PX_PER_MM);
        // The reader's page is the OFD's 210 × 297 mm; the PDF's Chromium A4, 0.2 mm larger.
        expect(Math.abs(a.width - b.width)).toBeLessThanOrEqual(2);
        expect(Math.abs(a.height - b.height)).toBeLessThanOrEqual(2);
        const c = compareInk(a, b, 1);
        const stem = path.join(out, `${e.ofd!.path.replace(/\W/g, '_')}-${i + 1}`);
        await writeFile(`${stem}.ofd.png`, shots[i]!);
        await writeFile(`${stem}.pdf.png`, await encodeRaster(b));
        results.push(`${e.source} p${i + 1}: ${(c.aInB * 100).toFixed(2)} % / ${(c.bInA * 100).toFixed(2)} % of ${c.inkA}/${c.inkB} ink px`);
        expect(c.inkB, `${e.source} page ${i + 1} has ink`).toBeGreaterThan(5000);
        expect(c.aInB, `${e.source} page ${i + 1}: the OFD's ink on the PDF's`).toBeGreaterThanOrEqual(0.97);
        expect(c.bInA, `${e.source} page ${i + 1}: the PDF's ink on the OFD's`).toBeGreaterThanOrEqual(0.97);
      }
    }
    console.log(results.join('\n'));
  });

  it('has the text of the PDF on every page, and the pictures as PNG ImageObjects', async () => {
    for (const e of entries) {
      const pdf = new Uint8Array(await readFile(path.join(dir, 'dist', e.pdf!.path)));
      const parts = await unzipOfd(new Uint8Array(await readFile(path.join(dir, 'dist', e.ofd!.path))));
      expect(ofdTexts(parts), e.source).toEqual((await readPdf(pdf)).map((p) => p.text));
      const images = ofdPages(parts).pages.flatMap((p) => elements(p.doc, 'ImageObject'));
      expect(images.length, e.source).toBe(e.source.endsWith('002.md') ? 2 : 0);
      if (images.length) expect([...parts.keys()].filter((p) => p.endsWith('.png')).length).toBe(2);
      // The draft's watermark: turned (CTM) and translucent (Alpha), in the masthead red.
      const turned = ofdPages(parts).pages.flatMap((p) => elements(p.doc, 'TextObject')).filter((t) => t.hasAttribute('CTM'));
      expect(turned.length, e.source).toBe(e.source.endsWith('003.md') ? 1 : 0);
      if (turned.length) expect(Number(elements(turned[0]!, 'FillColor')[0]!.getAttribute('Alpha'))).toBeLessThan(128);
    }
  });

  it('--format ofd alone prints but keeps no PDF; a second build finds the OFD unchanged', async () => {
    const io = captureIo(dir);
    const first = await build({ io, formats: ['ofd'], out: 'only-ofd', paths: ['bulletins/2022/001.md'] });
    expect(first.exitCode).toBe(0);
    const entry = first.issues[0]!.entry!;
    expect(entry.pdf).toBeNull();
    expect(entry.html).toBeNull();
    expect(entry.ofd?.path).toBe('2022/001.ofd');
    const manifest = JSON.parse(await readFile(path.join(dir, 'only-ofd/manifest.json'), 'utf8')) as { issues: ManifestEntry[] };
    expect(manifest.issues[0]!.ofd?.sha256).toBe(entry.ofd!.sha256);
    await expect(readFile(path.join(dir, 'only-ofd/2022/001.pdf'))).rejects.toThrow();
    // The same bytes as the OFD built beside the PDF.
    const before = await readFile(path.join(dir, 'dist/2022/001.ofd'));
    expect(Buffer.from(await readFile(path.join(dir, 'only-ofd/2022/001.ofd'))).equals(before)).toBe(true);
    const second = await build({ io, formats: ['ofd'], out: 'only-ofd', paths: ['bulletins/2022/001.md'] });
    expect(second.issues[0]!.unchanged).toBe(true);
  });
});
