// Measures bulletin's PDFs against their Word editions as LibreOffice lays them out (issue 24):
// `tsx scripts/measure-docx.ts OUT_DIR...` prints, per issue, pages and 三号 lines per page of
// each, the last rule of the last page, the rightmost glyph and the pictures.
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fontconfig, measurePdf, officeTools, sofficePdf } from '../tests/helpers/office.js';
import { officeFaces } from '../tests/helpers/officeFaces.js';
import { GB9704 } from '../src/layout/geometry.js';

const tools = await officeTools();
if ('missing' in tools) throw new Error(`missing ${tools.missing}`);
const work = path.join(os.tmpdir(), 'measure-docx');
const conf = await fontconfig(work, await officeFaces());
const block = { left: GB9704.margins.left, right: GB9704.margins.left + GB9704.block.width };
for (const dir of process.argv.slice(2)) {
  const found: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(path.join(d, e.name));
      else if (e.name.endsWith('.docx')) found.push(path.join(d, e.name));
    }
  };
  await walk(dir);
  const out = path.join(work, 'out', path.basename(dir));
  await sofficePdf(tools.soffice, found, out, conf, path.join(work, 'profile'));
  for (const docx of found.sort()) {
    const pdf = await measurePdf(docx.replace(/\.docx$/, '.pdf'), { pdftoppm: tools.pdftoppm, block });
    const lo = await measurePdf(path.join(out, path.basename(docx).replace(/\.docx$/, '.pdf')), { pdftoppm: tools.pdftoppm, block });
    const show = (m: typeof pdf) => `${m.pages}: ${m.lines.join('·')} | rule ${m.lastRule ?? '—'} mm | right ${m.right} mm | pictures ${m.pictures.map((p) => `${p.width}×${p.height}`).join(',') || '0'}`;
    console.log(`${path.relative(dir, docx)}\n  PDF  ${show(pdf)}\n  DOCX ${show(lo)}${lo.beyond.length ? `\n  beyond: ${lo.beyond.slice(0, 3).map((b) => `p${b.page} ${b.right} …${b.text.slice(-6)}`).join('; ')} (${lo.beyond.length})` : ''}`);
  }
}
