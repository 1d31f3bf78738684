// The printer's two font tiers (fonts/printFonts.ts): a page whose ideographs are all in GB 2312
// is printed with the common cut of each role's font, which a tab loads in a quarter of the time;
// a page with any other ideograph is printed with the whole fonts. Measured from the PDF: the
// code a CID font draws a character with is its glyph id in the font it was printed with.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { openFace } from '../../src/fonts/coverage.js';
import { resolveFonts } from '../../src/fonts/fonts.js';
import { gb2312Ideographs, printFonts, printTier } from '../../src/fonts/printFonts.js';
import { defaultConfig } from '../../src/config/schema.js';
import { captureIo, tempProject } from '../helpers/project.js';
import { glyphCodes, readPdf } from '../helpers/pdf.js';

const FRONT = (issue: number) => `---\nissue: ${issue}\ntotal: ${issue}\ndate: 2021-06-${20 + issue}\n---\n`;

describe('print tiers', () => {
  it('takes GB 2312 as its common set: 6,763 ideographs; one outside makes a page whole', () => {
    const common = gb2312Ideographs();
    expect(common.size).toBe(6763);
    expect(common.has(0x5b89)).toBe(true); // 安
    expect(common.has(0x5803)).toBe(false); // 堃
    expect(printTier('全省安全生产工作会议召开 2021 ABC ①（）')).toBe('common');
    expect(printTier('张堃同志')).toBe('whole');
  });

  let pdfs: { common: Uint8Array; whole: Uint8Array };
  let glyphs: { common: number; whole: number; kun: number };
  beforeAll(async () => {
    const dir = await tempProject({
      'bulletins/001.md': `${FRONT(1)}\n# 安全生产工作会议召开\n\n会议要求全省各地做好安全生产工作。\n`,
      'bulletins/002.md': `${FRONT(2)}\n# 安全生产工作会议召开\n\n会议由张堃同志主持，要求全省各地做好安全生产工作。\n`,
    });
    // One tab prints both, the common page first: the host swaps its fonts for the second.
    const r = await build({ io: captureIo(dir), formats: ['pdf'], concurrency: 1 });
    expect(r.exitCode).toBe(0);
    pdfs = { common: await readFile(path.join(dir, 'dist/001.pdf')), whole: await readFile(path.join(dir, 'dist/002.pdf')) };
    const tiers = await printFonts(resolveFonts(defaultConfig, dir));
    const body = (tier: 'common' | 'whole') => tiers[tier].files.find((f) => path.basename(f).startsWith('NotoSerifSC_400'))!;
    const [common, whole] = [await openFace(body('common')), await openFace(body('whole'))];
    glyphs = { common: common.glyphForCodePoint(0x5b89).id, whole: whole.glyphForCodePoint(0x5b89).id, kun: whole.glyphForCodePoint(0x5803).id };
  });

  it('prints a GB 2312 page with the common cut: 安 is drawn with its glyph id in that font', async () => {
    expect(glyphs.common).not.toBe(glyphs.whole);
    // In the body face and in the title's (Black, cut the same way): one code, the common cut's.
    expect(new Set((await glyphCodes(pdfs.common, '安')).map((g) => g.code))).toEqual(new Set([glyphs.common]));
  });

  it('prints a page with 堃 with the whole fonts: 安 and 堃 by their ids in the whole font', async () => {
    expect(new Set((await glyphCodes(pdfs.whole, '安')).map((g) => g.code))).toEqual(new Set([glyphs.whole]));
    expect(await glyphCodes(pdfs.whole, '堃')).toEqual([{ font: expect.stringContaining('NotoSerifSC-Regular'), code: glyphs.kun }]);
    expect((await readPdf(pdfs.whole))[0]!.text).toContain('会议由张堃同志主持');
  });
});
