// The Word edition, read back from its XML: page and grid, masthead runs, every paragraph of the
// real issue in order, page-number fields and odd/even footers, the colophon, properties; read
// back by mammoth; the same bytes from the same source; manifest, index and verify.
import { printedBuild } from '../helpers/project.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/core/verify.js';
import { sha256 } from '../../src/model/manifest.js';
import { captureIo, cliIn, FIXTURES, tempProject } from '../helpers/project.js';
import { bulletin } from '../helpers/cli.js';
import { lonely } from '../helpers/generated.js';

const SAMPLE = path.join(FIXTURES, 'samples/jx-2021-064.md');

async function buildDocx(files: Record<string, string>, source = 'bulletins/2021/064.md', formats: Array<'pdf' | 'docx'> = ['docx']): Promise<{ dir: string; bytes: Buffer; zip: JSZip; stderr: string }> {
  const dir = await tempProject(files);
  const io = captureIo(dir);
  const r = await printedBuild({ io, formats });
  expect(r.exitCode).toBe(0);
  const bytes = await readFile(path.join(dir, 'dist', source.replace(/^bulletins\//, '').replace(/\.md$/, '.docx')));
  return { dir, bytes, zip: await JSZip.loadAsync(bytes), stderr: io.err() };
}

const xml = async (zip: JSZip, name: string) => (await zip.file(name)?.async('string')) ?? '';
const attr = (tag: string, name: string) => new RegExp(`w:${name}="([^"]*)"`).exec(tag)?.[1];
/** Text of each w:p of a part, in order (tabs as \t); paragraphs inside tables included. */
function paragraphs(doc: string): Array<{ xml: string; text: string }> {
  return [...doc.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p\/>/g)].map((m) => ({
    xml: m[0],
    text: [...(m[1] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => (t[0] === '<w:tab/>' ? '\t' : t[1])).join(''),
  }));
}

describe('--format docx', async () => {
  const source = await readFile(SAMPLE, 'utf8');
  const { dir, bytes, zip } = await buildDocx({ 'bulletins/2021/064.md': source }, 'bulletins/2021/064.md', ['pdf', 'docx']);
  const doc = await xml(zip, 'word/document.xml');
  const paras = paragraphs(doc).filter((p) => p.text !== '');

  it('sets A4, the GB/T 9704 margins and the 22-line grid in twips', () => {
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(doc)![0];
    const size = /<w:pgSz [^>]*>/.exec(sect)![0];
    expect([attr(size, 'w'), attr(size, 'h')]).toEqual(['11906', '16838']);
    const margin = /<w:pgMar [^>]*>/.exec(sect)![0];
    // 37 mm top, 28 mm left, 26 mm right, 35 mm bottom: the 156 × 225 mm text block.
    expect(['top', 'left', 'right', 'bottom'].map((k) => attr(margin, k))).toEqual(['2098', '1587', '1474', '1984']);
    const grid = /<w:docGrid [^>]*>/.exec(sect)![0];
    // 225 mm / 22 = 28.99 pt = 579.8 twips, rounded down: 22 × 579 fit the block's 12756 twips, 22 × 580 do not.
    expect([attr(grid, 'type'), attr(grid, 'linePitch')]).toEqual(['lines', '579']);
    expect(22 * Number(attr(grid, 'linePitch'))).toBeLessThanOrEqual(12756);
  });

  it('sets every line exactly on the grid, not snapped, with 避头尾 and no punctuation hanging into the margin', async () => {
    const styles = await xml(zip, 'word/styles.xml');
    const defaults = /<w:pPrDefault><w:pPr>([\s\S]*?)<\/w:pPr>/.exec(styles)![1]!;
    expect(defaults).toContain('<w:widowControl/>');
    expect(defaults).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"\/>/);
    for (const p of paragraphs(doc)) {
      expect(p.xml, p.text).toContain('<w:kinsoku/><w:overflowPunct w:val="0"/>');
      expect(p.xml, p.text).toContain('<w:snapToGrid w:val="0"/>');
      // A line of its own spacing is a whole number of lines, or a rule's or the 版记's own; only a
      // picture's paragraph (the picture alone) is as high as its picture.
      const line = /<w:spacing [^>]*w:line="(\d+)" w:lineRule="(\w+)"/.exec(p.xml);
      if (line) expect(line[2], p.text).toBe(p.xml.includes('<w:drawing>') && p.text === '' ? 'auto' : 'exact');
    }
    const body = paras.find((p) => p.text.startsWith('经省政府同意'))!;
    expect(body.xml).not.toMatch(/w:lineRule="(auto|atLeast)"/);
  });

  it('breaks a long title between words where the PDF breaks it', async () => {
    const long = '---\nissue: 1\ntotal: 232\ndate: 2022-01-10\n---\n\n# 全省安全生产专项整治三年行动进入巩固提升阶段\n\n正文。\n';
    const { zip: z } = await buildDocx({ 'bulletins/a.md': long }, 'a.md');
    const title = paragraphs(await xml(z, 'word/document.xml')).find((p) => p.text.startsWith('全省'))!;
    expect(title.xml.split('<w:br/>').length).toBe(2);
    expect(title.text).toBe('全省安全生产专项整治三年行动进入巩固提升阶段');
    expect(/<w:br\/><w:t[^>]*>([^<]*)/.exec(title.xml)![1]).toBe('三年行动进入巩固提升阶段');
  });

  it('sets the masthead as in the PDF: marker, red title, issue line, 专刊 line, office and date, red rule', () => {
    const run = (p: { xml: string }) => /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(p.xml)![1]!;
    const [marker, title, issue, series, imprint] = paras;
    expect(marker!.text).toBe('注意保存');
    expect(run(marker!)).toContain('w:eastAsia="黑体"');
    expect(title!.text).toBe('江西应急管理简报');
    expect(run(title!)).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(run(title!)).toContain('<w:color w:val="E60012"/>');
    expect(run(title!)).toContain('<w:sz w:val="84"/>'); // 42 pt
    expect(title!.xml).toContain('<w:jc w:val="center"/>');
    expect(issue!.text).toBe('第64期（总第230期）');
    expect(run(issue!)).toContain('<w:sz w:val="32"/>'); // 3号
    expect(series!.text).toBe('省安全生产专项整治三年行动专刊（108）');
    expect(imprint!.text).toBe('江西省安全生产委员会办公室\t2021年6月25日');
    expect(imprint!.xml).toMatch(/<w:tab w:val="right"[^>]*w:pos="8844"\/>/);
    expect(imprint!.xml).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="E60012" w:sz="16"/);
  });

  it('holds every block of the real issue, in order, in its role’s face and size', async () => {
    // The source's blocks, as the editor wrote them (front matter cut, Markdown marks removed).
    const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
    const expected = body
      .split(/\n{2,}/)
      .map((b) => b.trim().replace(/^#+\s*/, '').replace(/^>\s*/, ''))
      .filter(Boolean);
    const texts = paras.map((p) => p.text);
    let at = texts.indexOf(expected[0]!);
    expect(at).toBeGreaterThan(0);
    for (const block of expected) {
      const found = texts.indexOf(block, at);
      expect(found, block).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    const title = paras.find((p) => p.text === '查问题、促整改、保安全')!;
    expect(title.xml).toContain('<w:sz w:val="44"/>'); // 2号
    const subtitle = paras.find((p) => p.text.startsWith('——'))!;
    expect(subtitle.xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(subtitle.xml).toContain('<w:jc w:val="center"/>');
    const heading = paras.find((p) => p.text === '省安委会第一专项巡查组进驻南昌市')!;
    expect(heading.xml).toContain('w:eastAsia="黑体"');
    const paragraph = paras.find((p) => p.text.startsWith('经省政府同意'))!;
    expect(paragraph.xml).toContain('w:firstLineChars="200"');
    expect(paragraph.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(paragraph.xml).toContain('<w:spacing w:val="-5"/>'); // −0.25 pt: 28 characters a line
  });

  it('numbers pages “— N —” with PAGE fields, odd pages right, even pages left', async () => {
    expect(await xml(zip, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const refs = [...doc.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(refs.map((r) => r[0]).sort()).toEqual(['default', 'even']);
    const rels = await xml(zip, 'word/_rels/document.xml.rels');
    for (const [type, id] of refs) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      const footer = await xml(zip, `word/${target}`);
      expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(paragraphs(footer)[0]!.text.replace(/\s+/g, ' ')).toMatch(/^— .*—$/);
      expect(footer).toContain(type === 'default' ? '<w:jc w:val="right"/>' : '<w:jc w:val="left"/>');
      expect(footer).toContain('<w:sz w:val="28"/>'); // 4号
    }
  });

  it('puts the colophon in a table in the flow (not floating), after the space the print left above it, ruled 0.35/0.25/0.35 mm', () => {
    const table = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].at(-1)![0];
    expect(table).not.toContain('<w:tblpPr');
    // The PDF of 064 ends its body 4 lines down its last page: the rest, less the table, is the spacer before it.
    const before = doc.slice(0, doc.lastIndexOf('<w:tbl>'));
    const spacer = [...before.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].at(-1)![0];
    const space = Number(/w:line="(\d+)" w:lineRule="exact"/.exec(spacer)![1]);
    expect(space).toBeGreaterThan(15 * 579);
    expect(space).toBeLessThan(18 * 579);
    const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(table)![1]!;
    const size = (side: string) => attr(new RegExp(`<w:${side} [^>]*>`).exec(borders)![0], 'sz');
    // Eighths of a point: 0.35 mm = 0.99 pt → 8; 0.25 mm = 0.71 pt → 6.
    expect([size('top'), size('insideH'), size('bottom')]).toEqual(['8', '6', '8']);
    expect(paragraphs(table).map((p) => p.text)).toEqual([
      '抄报：省委、省政府领导。',
      '分送：应急管理部办公厅，省委办公厅、省人大办公厅、省政府办公厅、省政协办公厅，省直有关部门，各市、县（区）党委、政府及应急管理部门，部分中央驻赣企业及省属集团公司。',
      '江西省安全生产委员会办公室\t2021年6月25日印发',
    ]);
  });

  it('carries the issue’s properties, dated the issue’s day, and official fonts with fallbacks', async () => {
    const core = await xml(zip, 'docProps/core.xml');
    expect(core).toContain('<dc:title>江西应急管理简报 2021年第64期（总第230期）</dc:title>');
    expect(core).toContain('<dc:creator>江西省安全生产委员会办公室</dc:creator>');
    expect(core).toContain('<dc:subject>省安全生产专项整治三年行动专刊（108）</dc:subject>');
    expect(core).toContain('<cp:keywords>查问题、促整改、保安全</cp:keywords>');
    expect(core).toMatch(/<dcterms:created [^>]*>2021-06-24T16:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified [^>]*>2021-06-24T16:00:00Z<\/dcterms:modified>/);
    const custom = await xml(zip, 'docProps/custom.xml');
    for (const [name, value] of [['期号', '64'], ['总期号', '230'], ['日期', '2021-06-25'], ['专刊', '省安全生产专项整治三年行动专刊（108）']]) {
      expect(custom).toMatch(new RegExp(`name="${name}"><vt:lpwstr>${value}</vt:lpwstr>`));
    }
    const fonts = await xml(zip, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体">');
  });

  it('keeps w:pPr in the schema’s order, with no automatic space between Chinese and figures', () => {
    const order = ['framePr', 'pBdr', 'tabs', 'autoSpaceDE', 'autoSpaceDN', 'spacing', 'ind', 'jc'];
    for (const pPr of doc.match(/<w:pPr>[\s\S]*?<\/w:pPr>/g)!) {
      const seen = [...pPr.matchAll(/<w:(\w+)[ />]/g)].map((m) => m[1]!).filter((n) => order.includes(n));
      expect(seen, pPr).toEqual(order.filter((n) => seen.includes(n)));
      expect(pPr).toContain('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>');
    }
  });

  it('reads back with mammoth to the same text', async () => {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(value)).toBe(squash(paras.map((p) => p.text).join('')));
    expect(squash(value)).toContain(squash('建党百年大庆在即，各级各部门要进一步提高政治站位'));
  });

  it('gives the same bytes when built again, links (random ids in the docx package) included', async () => {
    const again = await buildDocx({ 'bulletins/2021/064.md': source }, 'bulletins/2021/064.md', ['pdf', 'docx']);
    expect(sha256(again.bytes)).toBe(sha256(bytes));
    const linked = '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n见[网站](https://yjt.jiangxi.gov.cn/)和[另一个](https://example.org/a)。\n';
    const [a, b] = [await buildDocx({ 'bulletins/a.md': linked }, 'a.md'), await buildDocx({ 'bulletins/a.md': linked }, 'a.md')];
    expect(sha256(a.bytes)).toBe(sha256(b.bytes));
    expect(await xml(a.zip, 'word/_rels/document.xml.rels')).toContain('Target="https://yjt.jiangxi.gov.cn/"');
  });

  it('is listed in the manifest, linked from the index and proved by verify', async () => {
    const manifest = JSON.parse(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8'));
    expect(manifest.issues[0].docx).toEqual({ path: '2021/064.docx', sha256: sha256(bytes) });
    expect(await readFile(path.join(dir, 'dist/index.html'), 'utf8')).toContain('<a href="2021/064.docx">Word</a>');
    expect((await verify({ io: captureIo(dir) })).exitCode).toBe(0);
    manifest.issues[0].docx.sha256 = '0'.repeat(64);
    await writeFile(path.join(dir, 'dist/manifest.json'), JSON.stringify(manifest));
    const v = await verify({ io: captureIo(dir) });
    expect(v.exitCode).toBe(1);
    expect(v.differences).toEqual([{ source: 'bulletins/2021/064.md', kind: 'docx', expected: '0'.repeat(64), actual: sha256(bytes) }]);
    expect((await cliIn(dir, ['verify'])).err).toContain('DOCX 不一致');
  });

  it('is asked for on the command line as --format docx (also in a list)', async () => {
    const cli = await tempProject({ 'bulletins/a.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n正文。\n' });
    const r = await bulletin(cli, ['build', '--format', 'html,docx']);
    expect(r.stdout.replace(/（\d+\.\d 秒）/, '')).toBe('✓ bulletins/a.md → dist/a.html、dist/a.docx\n已生成 1 期\n');
    const bad = await bulletin(cli, ['build', '--format', 'doc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('未知的格式“doc”，可选 html、pdf、docx');
  });
});

describe('--format docx: images, 本期要目, copies, config fonts', () => {
  // A real 2 × 1 PNG (red, blue).
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DwHwoB', 'base64');
  const PNG_FULL = Buffer.concat([PNG, Buffer.from('AA0wA/0ARUt5QAAAAAElFTkSuQmCC', 'base64')]);

  it('embeds a PNG figure with its caption, lists the titles of two articles, prints 共印 N 份', async () => {
    const demo = await readFile(path.resolve(import.meta.dirname, '../../bulletins/2021/065.md'), 'utf8');
    const source = demo.replace('![图1 各设区市演练场次](images/drills.svg)', '![图1 演练场次](chart.png)');
    expect(source).toContain('chart.png');
    const { zip } = await buildDocx({ 'bulletins/2021/065.md': source, 'bulletins/2021/chart.png': PNG_FULL } as never, 'bulletins/2021/065.md');
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(await zip.file(media[0]!)!.async('uint8array'))).toEqual(PNG_FULL);
    const doc = await xml(zip, 'word/document.xml');
    expect(doc).toMatch(/<a:blip r:embed="[^"]+"/);
    const texts = paragraphs(doc).map((p) => p.text);
    expect(texts).toContain('图1 演练场次');
    const toc = texts.indexOf('本期要目');
    expect(toc).toBeGreaterThan(0);
    expect(texts.slice(toc + 1, toc + 3)).toEqual(['◆全省防汛应急演练圆满完成', expect.stringMatching(/^◆/)]);
    expect(texts).toContain('（共印120份）');
    // The table's 4 rows are one grid line each, rules included: 579 twips less the 10 of the top and bottom rules.
    const rows = [...doc.matchAll(/<w:trHeight ([^>]*)\/>/g)].map((m) => m[1]!).slice(0, 4);
    expect(rows.map((r) => [attr(r, 'val'), attr(r, 'hRule')])).toEqual([['569', 'exact'], ['579', 'exact'], ['579', 'exact'], ['569', 'exact']]);
  });

  it('embeds an SVG picture with a PNG of it for other readers, at its printed size, its caption once', async () => {
    const demo = await readFile(path.resolve(import.meta.dirname, '../../bulletins/2021/065.md'), 'utf8');
    const svg = await readFile(path.resolve(import.meta.dirname, '../../bulletins/2021/images/drills.svg'));
    const { zip } = await buildDocx({ 'bulletins/2021/065.md': demo, 'bulletins/2021/images/drills.svg': svg } as never, 'bulletins/2021/065.md');
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).sort();
    expect(media.map((m) => path.extname(m))).toEqual(['.png', '.svg']);
    const png = Buffer.from(await zip.file(media[0]!)!.async('uint8array'));
    expect(png.readUInt32BE(0)).toBe(0x89504e47);
    // 480 CSS px at 300 dpi.
    expect(png.readUInt32BE(16)).toBe(1500);
    const doc = await xml(zip, 'word/document.xml');
    expect(doc).toMatch(/<asvg:svgBlip [^>]*r:embed="/);
    // 480 × 200 CSS px = 127 × 52.9 mm in EMU (9525 a px).
    expect(doc).toContain('<wp:extent cx="4572000" cy="1905000"/>');
    expect(paragraphs(doc).filter((p) => p.text === '图1 各设区市演练场次')).toHaveLength(1);
    // Set as the print sets the figure: the picture at the top (its paragraph as high as the
    // picture, single spacing: LibreOffice put it a line too high in an exact line of its
    // height), the caption's line right under it, then the rest of the figure's whole lines
    // (200 px + a line, rounded up to 7 lines of 579 twips: 4053 − 3000 − 579 = 474), kept together.
    const all = paragraphs(doc);
    const at = all.findIndex((p) => p.xml.includes('<asvg:svgBlip'));
    const [pic, caption, rest] = [all[at]!, all[at + 1]!, all[at + 2]!];
    expect(pic.xml).toMatch(/<w:keepNext\/>[\s\S]*<w:spacing w:after="0" w:before="0" w:line="240" w:lineRule="auto"\/>/);
    expect(caption.text).toBe('图1 各设区市演练场次');
    expect(caption.xml).toMatch(/<w:keepNext\/>[\s\S]*<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    expect(rest.text).toBe('');
    expect(rest.xml).toMatch(/<w:spacing w:after="0" w:before="0" w:line="474" w:lineRule="exact"\/>/);
  });

  it('is the same file built alone as beside the PDF: its 版记 placed by the print in both', async () => {
    const source = await readFile(SAMPLE, 'utf8');
    const dir = await tempProject({ 'bulletins/2021/064.md': source });
    const alone = await bulletin(dir, ['build', '--format', 'docx', '--out', 'alone']);
    expect(alone.code, alone.stderr).toBe(0);
    const both = await bulletin(dir, ['build', '--format', 'pdf,docx', '--out', 'both']);
    expect(both.code, both.stderr).toBe(0);
    const [a, b] = await Promise.all([readFile(path.join(dir, 'alone/2021/064.docx')), readFile(path.join(dir, 'both/2021/064.docx'))]);
    expect(sha256(a)).toBe(sha256(b));
    // The spacer before the 版记: an empty paragraph of an exact height, from the print's layout.
    const doc = await xml(await JSZip.loadAsync(a), 'word/document.xml');
    expect(doc).toMatch(/<w:spacing [^>]*w:line="\d+" w:lineRule="exact"[^>]*\/>[\s\S]{0,400}<w:tbl>/);
  });

  it('warns of a picture the Word edition cannot carry, and prints its caption once', async () => {
    const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
    const dir = await tempProject({ 'bulletins/a.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n![图1 示意](a.webp)\n\n正文。\n', 'bulletins/a.webp': webp } as never);
    const r = await bulletin(dir, ['build', '--format', 'docx']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Word 版中没有图片“a.webp”，Word、WPS 不能显示 WebP 图片');
    expect(r.stderr).toContain('docx-picture');
    const zip = await JSZip.loadAsync(await readFile(path.join(dir, 'dist/a.docx')));
    expect(paragraphs(await xml(zip, 'word/document.xml')).filter((p) => p.text === '图1 示意')).toHaveLength(1);
  });

  it('embeds the print faces cut to the issue’s characters under the official names with docx.embedFonts', async () => {
    const source = '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n正文。\n';
    const plain = await buildDocx({ 'bulletins/a.md': source }, 'a.md');
    const files = { 'bulletin.config.yaml': 'docx:\n  embedFonts: true\n', 'bulletins/a.md': source };
    const [embedded, again] = [await buildDocx(files, 'a.md'), await buildDocx(files, 'a.md')];
    expect(sha256(embedded.bytes)).toBe(sha256(again.bytes));
    expect(Object.keys(plain.zip.files).some((n) => n.startsWith('word/fonts/'))).toBe(false);
    const table = await xml(embedded.zip, 'word/fontTable.xml');
    for (const name of ['仿宋_GB2312', '方正小标宋简体', '黑体', '宋体']) {
      expect(table).toMatch(new RegExp(`<w:font w:name="${name}">[\\s\\S]*?<w:embedRegular r:id="[^"]+" w:fontKey="\\{[0-9A-F-]{36}\\}"`));
    }
    const fonts = Object.keys(embedded.zip.files).filter((n) => /^word\/fonts\/.*\.odttf$/.test(n));
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    expect(await xml(embedded.zip, 'word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
    // The first 32 bytes XORed with the key (reversed) give back a TrueType font of the issue's few characters.
    const key = /<w:font w:name="仿宋_GB2312">[\s\S]*?w:fontKey="\{([0-9A-F-]+)\}"/.exec(table)![1]!.replace(/-/g, '').match(/../g)!.map((h) => parseInt(h, 16)).reverse();
    const rels = await xml(embedded.zip, 'word/_rels/fontTable.xml.rels');
    const id = /<w:font w:name="仿宋_GB2312">[\s\S]*?<w:embedRegular r:id="([^"]+)"/.exec(table)![1]!;
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
    const data = Buffer.from(await embedded.zip.file(`word/${target[1] ?? target[2]}`)!.async('uint8array'));
    for (let i = 0; i < 32; i++) data[i]! ^= key[i % 16]!;
    expect(data.readUInt32BE(0)).toBe(0x00010000);
    expect(data.length).toBeLessThan(200_000);
    expect(embedded.bytes.length - plain.bytes.length).toBeGreaterThan(10_000);
  });

  it('asks Word for the family the config names for a role', async () => {
    const { zip } = await buildDocx({
      'bulletin.config.yaml': 'fonts:\n  system: true\n  body:\n    family: 仿宋\n',
      'bulletins/a.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n正文。\n',
    }, 'bulletins/a.md');
    const doc = await xml(zip, 'word/document.xml');
    const body = paragraphs(doc).find((p) => p.text === '正文。')!;
    expect(body.xml).toContain('w:eastAsia="仿宋"');
    expect(body.xml).not.toContain('仿宋_GB2312');
  });
});

describe('--format docx: the print’s pull-back (issue 25) carried into the Word edition', () => {
  /** The w:spacing of each run of a paragraph (twips). */
  const tracking = (p: { xml: string }) => [...p.xml.matchAll(/<w:r>[\s\S]*?<w:spacing w:val="(-?\d+)"\/>[\s\S]*?<\/w:r>/g)].map((m) => Number(m[1]));

  it('sets the paragraph the print set tighter (the last line back from a page of its own) with the same extra tracking, in whole twips, and no other', async () => {
    // lone/003: set as it comes its last line stands alone on page 3; the print tightens one paragraph by at most 0.04 em.
    const { zip } = await buildDocx({ 'bulletins/lone/003.md': lonely() }, 'bulletins/lone/003.md');
    const doc = await xml(zip, 'word/document.xml');
    const body = paragraphs(doc).filter((p) => p.xml.includes('w:firstLineChars="200"'));
    expect(body).toHaveLength(11);
    const tight = body.filter((p) => tracking(p).some((t) => t !== -5));
    expect(tight).toHaveLength(1);
    const [value] = new Set(tracking(tight[0]!));
    expect(tracking(tight[0]!).every((t) => t === value)).toBe(true);
    // Tighter than the geometry's −0.25 pt, by no more than 0.04 em of 16 pt (0.64 pt = 12.8 twips), rounded down to a twip.
    expect(value).toBeLessThan(-5);
    expect(value).toBeGreaterThanOrEqual(-5 - 13);
  });

  it('reads the print’s report by the paragraph’s place and text (〓 for a character without a face), rounds down to a twentieth of a point, and skips a paragraph that is not the model’s', async () => {
    const { tightenedTracking, flowParagraphs } = await import('../../src/pipeline/docx/tightened.js');
    const p = (text: string) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value: text }], text, place: { line: 1, column: 1 } });
    const [one, two, three] = [p('第一段。'), p('第二段，有 **强调**。'), p('第三段。')];
    const b = {
      articles: [
        { title: '甲', blocks: [one, { type: 'note', blocks: [two], place: { line: 1, column: 1 } }], source: '（来源）' },
        { title: '乙', blocks: [{ type: 'list', ordered: false, start: 1, items: [[three]], place: { line: 1, column: 1 } }] },
      ],
    } as never;
    expect(flowParagraphs(b).map((f) => f.text)).toEqual(['第一段。', '第二段，有 **强调**。', '（来源）', '第三段。']);
    // −0.5 CSS px = −0.375 pt more than −0.25 pt: −12.5 twips, set at −13 (never looser than the print).
    const map = tightenedTracking(b, [
      { index: 0, text: '第一段。', letterSpacing: -0.5 },
      { index: 2, text: '（来源）', letterSpacing: -0.2 },
      // Not the model's paragraph at that place (a project's own templates): left alone.
      { index: 3, text: '别的段落。', letterSpacing: -0.5 },
    ]);
    expect([...map.values()]).toEqual([-13, -8]);
    // A character the print had no face for is printed 〓 (missingGlyph: warning): still the same paragraph.
    expect(tightenedTracking(b, [{ index: 3, text: '第〓段。', letterSpacing: -0.5 }]).get(three)).toBe(-13);
    expect(tightenedTracking(b, [{ index: 3, text: '第三段', letterSpacing: -0.5 }]).has(three)).toBe(false);
    expect(map.get(one)).toBe(-13);
    expect(map.has(three)).toBe(false);
  });
});
