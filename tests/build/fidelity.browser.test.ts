// Print fidelity measured from the PDF, not predicted from the CSS: the subtitle centred on the
// text block, the colophon's rules at GB/T 9704's thicknesses, the masthead's red rule at 2 pt.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { captureIo, FIXTURES, tempProject } from '../helpers/project.js';
import { MM, pdfFonts, pdfRects, readPdf } from '../helpers/pdf.js';

let pdf: Uint8Array;
beforeAll(async () => {
  const dir = await tempProject({ 'bulletins/2021/064.md': await readFile(path.join(FIXTURES, 'samples/jx-2021-064.md'), 'utf8') });
  const r = await build({ io: captureIo(dir), formats: ['pdf'] });
  expect(r.exitCode).toBe(0);
  pdf = await readFile(path.join(dir, 'dist/2021/064.pdf'));
});

/** The text block runs from 28 mm to 184 mm. */
const BLOCK = { left: 28, right: 184 };

describe('print fidelity', () => {
  it('centres the subtitle on the text block (±0.5 mm)', async () => {
    const [page] = await readPdf(pdf);
    const line = page!.items.filter((i) => Math.abs(i.baseline - page!.items.find((j) => j.str.startsWith('——'))!.baseline) < 1);
    const left = Math.min(...line.map((i) => i.x)) / MM;
    const right = Math.max(...line.map((i) => i.x + i.width)) / MM;
    expect(line.map((i) => i.str).join('')).toBe('——省安委会专项督查组进驻各地开展安全生产专项巡查');
    expect(Math.abs((left + right) / 2 - (BLOCK.left + BLOCK.right) / 2)).toBeLessThanOrEqual(0.5);
  });

  it('draws the colophon rules 0.35 / 0.25 / 0.25 / 0.35 mm across the block', async () => {
    const last = (await readPdf(pdf)).length;
    const rules = (await pdfRects(pdf, last)).filter((r) => r.width > 150 && r.height < 1).sort((a, b) => a.top - b.top);
    expect(rules).toHaveLength(4);
    for (const r of rules) expect(Math.abs(r.left - BLOCK.left)).toBeLessThan(0.5);
    const [first, ...rest] = rules.map((r) => r.height);
    const lastRule = rest.pop()!;
    expect(Math.abs(first! - 0.35)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(lastRule - 0.35)).toBeLessThanOrEqual(0.03);
    for (const between of rest) expect(Math.abs(between - 0.25)).toBeLessThanOrEqual(0.03);
    // The closing rule lies on the foot of the text block (297 − 35 = 262 mm).
    expect(Math.abs(rules.at(-1)!.top + rules.at(-1)!.height - 262)).toBeLessThan(1);
  });

  it('draws the masthead’s red rule 2 pt thick', async () => {
    const rules = (await pdfRects(pdf, 1)).filter((r) => r.width > 150 && r.height < 2);
    expect(rules).toHaveLength(1);
    expect(Math.abs(rules[0]!.height - (2 / 72) * 25.4)).toBeLessThanOrEqual(0.03);
  });

  it('embeds one font per role, each named after its face, with a positive cap height', async () => {
    const fonts = await pdfFonts(pdf);
    // The sample uses the five roles: title (Black), body and figures (one face), 楷体, 黑体.
    expect(fonts.length).toBeLessThanOrEqual(6);
    expect(fonts.map((f) => f.name.replace(/^\/[A-Z]{6}\+/, '')).sort()).toEqual(['LXGWWenKai-Regular', 'NotoSansSC-Regular', 'NotoSerifSC-Black', 'NotoSerifSC-Regular']);
    for (const f of fonts) {
      expect(f.embedded).toBe(true);
      expect(f.descendant).toBe('/CIDFontType2');
      expect(f.capHeight).toBeGreaterThan(600);
    }
  });

  it('puts every line of page 1 and of a full page — body, headings, 楷体 — on one 28.99 pt grid (±0.3 pt)', async () => {
    const pages = await readPdf(pdf);
    const pitch = (225 * MM) / 22; // 28.99 pt: 22 lines in the 225 mm block
    const top = 37 * MM;
    // Lines of 三号 (16 pt), one baseline each, but the marker 注意保存 (its em box on the block's edge, by design).
    const lines = (n: number) => [...new Set(pages[n]!.items.filter((i) => Math.abs(i.size - 16) < 0.5 && !i.str.includes('注意保存')).map((i) => Math.round(i.baseline * 1000) / 1000))];
    // A page after the first that holds all 22 lines (page 2 may give one to page 3: no widow).
    const full = pages.findIndex((_, n) => n > 0 && lines(n).length === 22);
    expect(full).toBeGreaterThan(0);
    // Where each baseline falls within its line of the grid, in pt.
    const phases = [...lines(0), ...lines(full)].map((y) => (((y - top) % pitch) + pitch) % pitch);
    expect(phases.length).toBeGreaterThan(30);
    const mid = (Math.max(...phases) + Math.min(...phases)) / 2;
    for (const p of phases) expect(Math.abs(p - mid)).toBeLessThanOrEqual(0.3);
  });
});
