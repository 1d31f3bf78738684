// The colophon (报尾) sits at the bottom of the last page's text block whatever the body's
// length, and moves whole to a fresh page when it does not fit: checked on 30 body lengths,
// which cover every remainder of the 22-line page.
import { printedBuild } from '../helpers/project.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureIo, tempProject } from '../helpers/project.js';
import { MM, readPdf, type PdfPage } from '../helpers/pdf.js';

const LENGTHS = Array.from({ length: 30 }, (_, i) => i + 8);

function source(paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `第${i + 1}段，各地要压实安全生产责任。`).join('\n\n');
  return `---\nissue: ${paragraphs}\ntotal: ${paragraphs + 100}\ndate: ${new Date(Date.UTC(2021, 0, paragraphs)).toISOString().slice(0, 10)}\ndistribution:\n  抄报: 省委、省政府领导\n  分送: [各设区市应急管理局, 省直有关部门]\n---\n\n# 长度测试\n\n${body}\n`;
}

describe('colophon placement (real browser)', () => {
  const pdfs = new Map<number, PdfPage[]>();

  beforeAll(async () => {
    const files = Object.fromEntries(LENGTHS.map((n) => [`bulletins/${String(n).padStart(3, '0')}.md`, source(n)]));
    const dir = await tempProject(files);
    const io = captureIo(dir);
    const r = await printedBuild({ io, formats: ['pdf'] });
    expect(io.err()).not.toContain('layout-drift');
    expect(r.exitCode, io.err()).toBe(0);
    for (const n of LENGTHS) pdfs.set(n, await readPdf(await readFile(path.join(dir, `dist/${String(n).padStart(3, '0')}.pdf`))));
  }, 300_000);

  it.each(LENGTHS)('%i paragraphs', (n) => {
    const pages = pdfs.get(n)!;
    const last = pages.at(-1)!;
    // Whole on the last page, nowhere else.
    expect(last.text).toContain('抄报：省委、省政府领导。');
    expect(last.text).toMatch(/2021年\d+月\d+日印发/);
    pages.slice(0, -1).forEach((p) => expect(p.text).not.toContain('抄报'));
    // Its last line on the bottom edge of the text block (262 mm).
    // The imprint line (office … date 印发), found by its whole text on one baseline.
    const lines = new Map<number, string>();
    for (const it of last.items) lines.set(Math.round(it.baseline), (lines.get(Math.round(it.baseline)) ?? '') + it.str);
    const imprint = [...lines].filter(([, text]) => /江西省安全生产委员会办公室\s*2021年\d+月\d+日印发/.test(text));
    expect(imprint).toHaveLength(1);
    const baseline = imprint[0]![0] / MM;
    expect(baseline).toBeGreaterThan(256);
    expect(baseline).toBeLessThan(262);
    // All body paragraphs are there, in order, and every page is numbered.
    const all = pages.map((p) => p.text).join('');
    expect(all).toContain(`第${n}段，各地要压实安全生产责任。`);
    pages.forEach((p, i) => expect(p.text).toContain(`—${i + 1}—`));
  });

  it('sometimes needs a fresh page for the colophon', () => {
    const fresh = LENGTHS.filter((n) => {
      const pages = pdfs.get(n)!;
      return pages.length > 1 && !pages.at(-1)!.text.includes('段');
    });
    expect(fresh.length).toBeGreaterThan(0);
  });
});
