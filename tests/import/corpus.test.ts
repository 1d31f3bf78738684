// The producer corpus (tests/fixtures/import/corpus, made once by its make.mjs): the real issue
// 064, a copy whose two headings hold an author's space, and one with two ### headings, each as Word typed by an editor,
// its .doc, LibreOffice's text, LibreOffice's PDFs (one CJK font for everything; faces told
// apart), bulletin's own PDF, pdftotext raw and -layout of each PDF, and pdftotext raw of the
// issue printed 27, 29 and 30 to a line (with a line broken before a squeezed "；"). Each must import to its
// source exactly, and --verify must find it the same as the input; each deliberately broken
// source (a heading merged into the body, a paragraph split, a lost space, moved quotes) must
// make --verify fail, naming the difference first.
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { readDoc, readDocx, readPdf, readText, type Reading } from '../../src/import/reading.js';
import { verifyBlocks } from '../../src/import/verifyBlocks.js';
import { captureIo, scenarios, tempDir } from './helpers.js';

const corpus = path.join(scenarios, 'corpus');
const SOURCES = ['064', '064-spaced', '064-h3'];
const SHAPES = [
  'word.docx',
  'word.doc',
  'word.txt',
  'lo-onefont.pdf',
  'lo-onefont.raw.txt',
  'lo-onefont.layout.txt',
  'lo-faces.pdf',
  'lo-faces.raw.txt',
  'lo-faces.layout.txt',
  'bulletin.pdf',
  'bulletin.raw.txt',
  'bulletin.layout.txt',
  'wrapped-27.raw.txt',
  'wrapped-29.raw.txt',
  'wrapped-30.raw.txt',
];

describe.each(SOURCES)('corpus %s', (name) => {
  it('holds every shape', async () => {
    expect((await readdir(path.join(corpus, name))).filter((f) => SHAPES.includes(f)).sort()).toEqual([...SHAPES].sort());
  });

  it.each(SHAPES)('%s imports to the source exactly, and --verify agrees', async (shape) => {
    const dir = await tempDir();
    await copyFile(path.join(corpus, name, shape), path.join(dir, shape));
    const result = await importText({ files: [shape], verify: true, io: captureIo(dir) });
    const file = result.files[0]!;
    expect(file.file.messages.filter((m) => m.fatal === true).map((m) => `${m.line}: ${m.reason}`)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(file.differences).toBe(0);
    expect(await readFile(path.join(dir, file.output!), 'utf8')).toBe(await readFile(path.join(corpus, `${name}.md`), 'utf8'));
  });
});

describe('text saved as GBK (WPS and Windows \u201c另存为文本\u201d)', () => {
  it.each(['word.txt', 'lo-onefont.raw.txt', 'lo-faces.layout.txt'])('%s in GBK imports to the source exactly', async (shape) => {
    const { default: iconv } = await import('iconv-lite');
    const dir = await tempDir();
    await writeFile(path.join(dir, 'gbk.txt'), iconv.encode((await readFile(path.join(corpus, '064-spaced', shape), 'utf8')).replace(/^\uFEFF/, ''), 'gbk'));
    const result = await importText({ files: ['gbk.txt'], verify: true, io: captureIo(dir) });
    expect(result.files[0]!.encoding).toBe('gb18030');
    expect(result.files[0]!.differences).toBe(0);
    expect(await readFile(path.join(dir, result.files[0]!.output!), 'utf8')).toBe(await readFile(path.join(corpus, '064-spaced.md'), 'utf8'));
  });
});

async function reading(shape: string): Promise<Reading> {
  const bytes = await readFile(path.join(corpus, '064-spaced', shape));
  if (shape.endsWith('.pdf')) return readPdf(bytes);
  if (shape.endsWith('.docx')) return readDocx(bytes);
  if (shape.endsWith('.doc')) return readDoc(bytes);
  return readText(bytes.toString('utf8'));
}

/** Each break of the source, and the kind of difference --verify must name first. */
const BREAKS: Array<[string, (body: string) => string, string]> = [
  ['a heading merged into the body', (s) => s.replace('## 省安委会第二专项巡查组进驻萍乡市\n\n6月22日，', '省安委会第二专项巡查组进驻萍乡市6月22日，'), '两块被合成了一段'],
  ['a paragraph split inside a line', (s) => s.replace('核心任务，坚持', '核心任务，\n\n坚持'), '被分成了两段'],
  ['a paragraph split after a sentence', (s) => s.replace('钟世富作动员讲话。南昌市', '钟世富作动员讲话。\n\n南昌市'), '被分成了两段'],
  ['a paragraph split after a full line that ends a sentence', (s) => s.replace('关键一招。建党百年', '关键一招。\n\n建党百年'), '被分成了两段'],
  ['a lost space', (s) => s.replace('强化责任落实　筑牢安全防线', '强化责任落实筑牢安全防线'), '丢了原文词组之间的空格'],
  ['a space the input does not have', (s) => s.replace('## 省安委会第四专项巡查组进驻上饶市', '## 省安委会第四专项巡查组　进驻上饶市'), '中的空格原文没有'],
  ['moved quotes', (s) => s.replace('紧扣“查问题', '紧扣查问题“'), '不一致'],
  ['a dropped paragraph', (s) => s.replace(/\n会议要求，各级各部门要严格对照巡查要求[^\n]*\n/, '\n'), '在源文件中找不到'],
  ['reordered paragraphs', (s) => s.replace(/(会议强调，要以敏锐的[^\n]*)\n\n(会议要求，各级各部门[^\n]*)/, '$2\n\n$1'), ''],
];

describe('--verify on broken sources (064-spaced)', async () => {
  const source = (await readFile(path.join(corpus, '064-spaced.md'), 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '');
  describe.each(SHAPES)('against %s', (shape) => {
    it('finds nothing in the good source', async () => {
      const file = new VFile();
      expect(verifyBlocks(source, await reading(shape), file)).toBe(0);
    });
    it("fails on a paragraph's first line taken for a heading", async () => {
      const read = await reading(shape);
      // The input's line that starts the paragraph (in Word and text, the whole paragraph).
      const line = read.lines.find((l) => l.text.trim().startsWith('6月21日') || l.text.trim().startsWith('6 月 21 日'))!.text.replace(/\s+/g, '');
      const paragraph = /\n(6月21日[^\n]*)\n/.exec(source)![1]!;
      const broken = source.replace(paragraph, line === paragraph ? `## ${paragraph}` : `## ${line}\n\n${paragraph.slice(line.length)}`);
      expect(broken).not.toBe(source);
      const file = new VFile();
      expect(verifyBlocks(broken, read, file)).toBeGreaterThan(0);
      expect(file.messages[0]?.reason).toMatch(/是段落的一行|被分成了两段/);
    });
    it.each(BREAKS)('fails on %s', async (_, edit, first) => {
      const broken = edit(source);
      expect(broken).not.toBe(source);
      const file = new VFile();
      expect(verifyBlocks(broken, await reading(shape), file)).toBeGreaterThan(0);
      expect(file.messages[0]?.fatal).toBe(true);
      expect(file.messages[0]?.reason).toContain(first);
    });
  });
});

describe('quotes drawn in another font into a run of the body font (quotes.pdf, made by quotes.mjs)', () => {
  it('land where they are drawn, and --verify agrees', async () => {
    const dir = await tempDir();
    await copyFile(path.join(corpus, 'quotes.pdf'), path.join(dir, 'quotes.pdf'));
    const result = await importText({ files: ['quotes.pdf'], verify: true, io: captureIo(dir) });
    expect(result.files[0]!.differences).toBe(0);
    const written = await readFile(path.join(dir, result.files[0]!.output!), 'utf8');
    expect(written.replace(/^---\n[\s\S]*?\n---\n\n/, '')).toBe(await readFile(path.join(corpus, 'quotes.md'), 'utf8'));
  });

  it('--verify fails on the quotes at the end of their lines, as a reader of whole runs put them', async () => {
    const body = await readFile(path.join(corpus, 'quotes.md'), 'utf8');
    const moved = body.replace('紧扣“查问题', '紧扣查问题').replace('题、促整改、保安全”核心', '题、促整改、保安全核心');
    const file = new VFile();
    expect(verifyBlocks(moved, await readPdf(await readFile(path.join(corpus, 'quotes.pdf'))), file)).toBeGreaterThan(0);
    expect(file.messages[0]?.reason).toContain('不一致');
  });
});

describe('a flush-left heading after a paragraph whose last line fills the measure (heading.pdf, one font, made by quotes.mjs)', () => {
  it('is a heading, and --verify agrees', async () => {
    const dir = await tempDir();
    await copyFile(path.join(corpus, 'heading.pdf'), path.join(dir, 'heading.pdf'));
    const result = await importText({ files: ['heading.pdf'], verify: true, io: captureIo(dir) });
    expect(result.files[0]!.differences).toBe(0);
    const written = await readFile(path.join(dir, result.files[0]!.output!), 'utf8');
    expect(written.replace(/^---\n[\s\S]*?\n---\n\n/, '')).toBe(await readFile(path.join(corpus, 'heading.md'), 'utf8'));
  });

  it('--verify fails when the heading is read as body text', async () => {
    const body = (await readFile(path.join(corpus, 'heading.md'), 'utf8')).replace('工作。\n\n## 严格落实责任\n\n各地', '工作。严格落实责任各地');
    const file = new VFile();
    expect(verifyBlocks(body, await readPdf(await readFile(path.join(corpus, 'heading.pdf'))), file)).toBeGreaterThan(0);
    expect(file.messages[0]?.reason).toContain('两块被合成了一段');
  });
});
