// Converts built .docx files to PDF with LibreOffice and compares them with bulletin's own PDFs:
// page count, and the printed lines (pdftotext) that break the same way. Needs `soffice` and
// poppler's `pdftotext`/`pdfinfo` on the machine; they are not project dependencies.
//
//   node scripts/docx-vs-pdf.mjs dist/2021/064 dist/2021/065 [--fonts DIR]
//
// --fonts DIR: a folder of TrueType/OpenType fonts for LibreOffice (e.g. full Noto Serif SC and
// Noto Sans SC), used through a private fontconfig file; official face names are mapped onto
// them as bulletin maps its roles. No system font is installed or needed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const fontsAt = args.indexOf('--fonts');
const fonts = fontsAt >= 0 ? path.resolve(args.splice(fontsAt, 2)[1]) : undefined;
const work = mkdtempSync(path.join(tmpdir(), 'bulletin-docx-'));
const env = { ...process.env };
if (fonts) {
  const alias = (from, to) => `<alias><family>${from}</family><prefer><family>${to}</family></prefer></alias>`;
  writeFileSync(
    path.join(work, 'fonts.conf'),
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>${fonts}</dir><cachedir>${work}/cache</cachedir>` +
      alias('仿宋_GB2312', 'Noto Serif SC') + alias('宋体', 'Noto Serif SC') + alias('方正小标宋简体', 'Noto Serif SC Black') +
      alias('楷体_GB2312', 'LXGW WenKai') + alias('黑体', 'Noto Sans SC') + '</fontconfig>',
  );
  env.FONTCONFIG_FILE = path.join(work, 'fonts.conf');
}
const lines = (pdf) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
const pages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
for (const stem of args) {
  execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, `${stem}.docx`], { env, stdio: 'ignore' });
  const word = path.join(work, `${path.basename(stem)}.pdf`);
  const ours = lines(`${stem}.pdf`);
  const theirs = new Set(lines(word));
  const same = ours.filter((l) => theirs.has(l)).length;
  console.log(`${stem}: 页数 pages ${pages(`${stem}.pdf`)} (bulletin) / ${pages(word)} (LibreOffice)；相同的行 identical lines ${same}/${ours.length}；PDF: ${word}`);
}
