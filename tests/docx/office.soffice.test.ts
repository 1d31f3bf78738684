// The Word edition in a real reader (issue 24): each demo and real issue is built as PDF and
// DOCX, LibreOffice lays the DOCX out (soffice --headless, the official font names mapped by a
// fontconfig file of the run's own to the faces bulletin prints with, so that only the layout
// differs), and both PDFs are measured alike (tests/helpers/office.ts): the same pages, the
// same 三号 lines on each, the 版记's closing rule on the foot of the last page's text block
// (262 mm from the top, within 3 mm), no glyph right of the block, every picture present at
// its printed size. Needs soffice and pdftoppm: without them the tier is skipped, saying so.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GB9704 } from '../../src/layout/geometry.js';
import { MM } from '../helpers/pdf.js';
import { asLibreOfficeReads, fontconfig, measurePdf, officeTools, sofficePdf, sofficePdfWithoutAutospace, type Measure } from '../helpers/office.js';
import { officeFaces } from '../helpers/officeFaces.js';
import { lonely } from '../helpers/generated.js';
import { captureIo, FIXTURES, printedBuild, tempProject } from '../helpers/project.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tools = await officeTools();
if ('missing' in tools) console.warn(`tests/docx/office.soffice.test.ts skipped: ${tools.missing} is not on this machine (the Word edition is checked at the XML level only)`);

/** The front matter a real issue of the corpus lacks (its numbers were never filled in), filled. */
const filled = (source: string, issue: number) => source.replace(/^issue: 【待补】/m, `issue: ${issue}`).replace(/^total: 【待补】/m, `total: ${issue + 150}`).replace(/^date: 【待补】/m, 'date: 2021-03-16');

interface Case {
  name: string;
  files: () => Promise<Record<string, string | Buffer>>;
  /** The source, project-relative. */
  source: string;
  /** Pictures of the source (figures). */
  pictures: number;
}

const demo = (rel: string, pictures = 0): Case => ({
  name: `demo ${rel}`,
  source: `bulletins/${rel}`,
  pictures,
  files: async () => ({
    [`bulletins/${rel}`]: await readFile(path.join(ROOT, 'bulletins', rel), 'utf8'),
    ...(pictures ? { 'bulletins/2021/images/drills.svg': await readFile(path.join(ROOT, 'bulletins/2021/images/drills.svg')) } : {}),
  }),
});
const corpus = (name: string, issue: number, config = ''): Case => ({
  name: `real issue ${name}`,
  source: `bulletins/${name}.md`,
  pictures: 0,
  files: async () => ({ [`bulletins/${name}.md`]: filled(await readFile(path.join(FIXTURES, 'corpus', `${name}.md`), 'utf8'), issue), ...(config ? { 'bulletin.config.yaml': config } : {}) }),
});

const CASES: Case[] = [
  demo('2021/064.md'),
  demo('2021/065.md', 1),
  demo('2022/001.md'),
  corpus('js-news-2019-07-25', 7),
  // One character of it is in no bundled face: printed as 〓, as the config allows.
  corpus('jx-notice-2021-03-16', 9, 'missingGlyph: warning\n'),
  corpus('standards-examples', 12),
  // Its last line would stand alone on page 3: the print sets one paragraph 0.04 em tighter at
  // most, and the Word edition carries that tracking (the 版记 alone on page 3, as printed).
  { name: 'generated lone/003', source: 'bulletins/lone/003.md', pictures: 0, files: async () => ({ 'bulletins/lone/003.md': lonely() }) },
];

/**
 * Where LibreOffice 7.4 still lays a file out otherwise than the print, measured (issue 24's
 * note): these cases are expected to fail until it is mended, so that mending it shows. Both are
 * LibreOffice's reading, not the file's: no WordprocessingML setting Word reads alike changes it.
 * - 0.2 em between a Han character and a letter or figure: LibreOffice drops w:autoSpaceDE and
 *   w:autoSpaceDN on import (writerfilter DomainMapper.cxx: both cases `break;`) and its
 *   paragraph default is on (SvxScriptSpaceItem(true)); the only layout that skips the space
 *   (SwTextFormatter::BuildPortions) is a linesAndChars document grid with the paragraphs
 *   snapped to it, and there LibreOffice widens the characters to its grid (tried, w:charSpace
 *   −1024 and 4096: 59 and 61 lines of standards-examples set otherwise than the print).
 * - w:spacing on every character of a text portion but its last (a portion ends at each change
 *   between Han and Latin script): 0.25 pt more a change than Word (ECMA-376 §17.3.2.35: after
 *   each character) and the print.
 * - a break after “/” in a URL, where the print (ICU) has none.
 * With the first taken away (the file saved as ODT by LibreOffice, style:text-autospace="none",
 * laid out again), jx-notice holds the print's lines on all 11 pages; standards-examples still
 * 17·20·6·0, by the other two.
 */
const KNOWN: Record<string, string> = {
  'real issue jx-notice-2021-03-16': 'LibreOffice’s 0.2 em between Han and figures/letters sets a paragraph of page 2 in a line more: 22 lines against the print’s 21',
  'real issue standards-examples': 'that space, w:spacing left off each text portion’s last character and a URL broken after “/”: page 2 holds 20 lines against 21, and the 版记 goes to a page 4',
};

const BLOCK = { left: GB9704.margins.left, right: GB9704.margins.left + GB9704.block.width };
const BLOCK_BOTTOM = GB9704.margins.top + GB9704.block.height;

describe.skipIf('missing' in tools)('the Word edition as LibreOffice lays it out matches the PDF', async () => {
  if ('missing' in tools) return;
  const work = path.join(os.tmpdir(), `office-tier-${process.pid}`);
  const conf = await fontconfig(work, await officeFaces(ROOT));
  const built: Array<{ c: Case; pdf: string; docx: string; lo: string }> = [];
  for (const c of CASES) {
    const dir = await tempProject(await c.files());
    const r = await printedBuild({ io: captureIo(dir), formats: ['pdf', 'docx'] });
    expect(r.exitCode, c.name).toBe(0);
    const stem = path.join(dir, 'dist', c.source.replace(/^bulletins\//, '').replace(/\.md$/, ''));
    // Each file under a name of its own: soffice writes <stem>.pdf into one folder.
    const input = await asLibreOfficeReads(`${stem}.docx`, path.join(work, 'in', `${built.length}.docx`));
    built.push({ c, pdf: `${stem}.pdf`, docx: input, lo: path.join(work, 'out', `${built.length}.pdf`) });
  }
  await sofficePdf(tools.soffice, built.map((b) => b.docx), path.join(work, 'out'), conf, path.join(work, 'profile'));
  const measured = new Map<string, { pdf: Measure; lo: Measure }>();
  for (const b of built) {
    measured.set(b.c.name, { pdf: await measurePdf(b.pdf, { pdftoppm: tools.pdftoppm, block: BLOCK }), lo: await measurePdf(b.lo, { pdftoppm: tools.pdftoppm, block: BLOCK }) });
  }

  for (const c of CASES) {
    const test = KNOWN[c.name] ? it.fails : it;
    test(`${c.name}: the same pages, the same 三号 lines on each, the 版记 on the foot of the last${KNOWN[c.name] ? ` (known: ${KNOWN[c.name]})` : ''}`, () => {
      const { pdf, lo } = measured.get(c.name)!;
      expect(lo.pages).toBe(pdf.pages);
      expect(lo.lines).toEqual(pdf.lines);
      expect(pdf.lastRule).toBeCloseTo(BLOCK_BOTTOM, 0);
      expect(Math.abs(lo.lastRule! - BLOCK_BOTTOM)).toBeLessThanOrEqual(3);
    });
    it(`${c.name}: no glyph right of the text block, every picture at its printed size`, () => {
      const { lo } = measured.get(c.name)!;
      expect(lo.beyond).toEqual([]);
      expect(lo.pictures).toHaveLength(c.pictures);
      // drills.svg: 480 × 200 CSS px, printed 127 × 52.9 mm.
      for (const p of lo.pictures) {
        expect(p.width).toBeCloseTo(127, 0);
        expect(p.height).toBeCloseTo(52.9, 0);
      }
    });
  }

  it('real issue jx-notice-2021-03-16: the same pages and lines once LibreOffice’s 0.2 em between Han and figures is taken away (Word reads w:autoSpaceDE/DN off)', async () => {
    const b = built.find((x) => x.c.name === 'real issue jx-notice-2021-03-16')!;
    const pdf = await sofficePdfWithoutAutospace(tools.soffice, b.docx, path.join(work, 'no-autospace'), conf, path.join(work, 'profile'));
    const lo = await measurePdf(pdf, { pdftoppm: tools.pdftoppm, block: BLOCK });
    const { pdf: printed } = measured.get(b.c.name)!;
    expect(lo.lines).toEqual(printed.lines);
    expect(Math.abs(lo.lastRule! - BLOCK_BOTTOM)).toBeLessThanOrEqual(3);
  });

  it('demo 2021/065: the figure as printed, the caption right under the picture (within 1.5 mm of the print’s)', async () => {
    // The picture's paragraph is as high as the picture; in an exact line of the figure's whole
    // lines LibreOffice put the picture 3 mm high and its caption 8 mm low.
    const b = built.find((x) => x.c.name === 'demo 2021/065.md')!;
    const top = async (file: string) => {
      const { stdout } = await promisify(execFile)('pdftotext', ['-f', '2', '-l', '2', '-bbox', file, '-']);
      const m = /yMin="([\d.]+)"[^>]*>图1?</.exec(stdout);
      expect(m, file).not.toBeNull();
      return Number(m![1]) / MM;
    };
    expect(Math.abs((await top(b.lo)) - (await top(b.pdf)))).toBeLessThan(1.5);
  });

  it('shows the print faces from a file with docx.embedFonts on a machine without them (only its own fonts)', async () => {
    const source = await readFile(path.join(ROOT, 'bulletins/2022/001.md'), 'utf8');
    const fonts = async (embed: boolean) => {
      const dir = await tempProject({ 'bulletins/a.md': source, ...(embed ? { 'bulletin.config.yaml': 'docx:\n  embedFonts: true\n' } : {}) });
      expect((await printedBuild({ io: captureIo(dir), formats: ['docx'] })).exitCode).toBe(0);
      const out = path.join(work, embed ? 'embedded' : 'plain');
      // The machine's own fonts only: no rule maps 仿宋_GB2312 and the others.
      await sofficePdf(tools.soffice, [path.join(dir, 'dist/a.docx')], out, '/etc/fonts/fonts.conf', path.join(work, 'profile'));
      const pdf = (await readFile(path.join(out, 'a.pdf'))).toString('latin1');
      return [...new Set([...pdf.matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([A-Za-z-]+)/g)].map((m) => m[1]!))].sort();
    };
    // 001 has no subtitle: no 楷体 text.
    expect(await fonts(true)).toEqual(['NotoSansSC-Regular', 'NotoSerifSC-Black', 'NotoSerifSC-Regular']);
    expect(await fonts(false)).not.toContain('NotoSerifSC-Regular');
  });
});
