// `bulletin import <folder>`: a folder of 20 mixed files (pdftotext raw and -layout, LibreOffice
// text, Word files typed as an editor types them, a .doc, a PDF, and three that must fail: a
// truncated PDF, a .wps, and a second file of an issue already imported) imports in parallel,
// writes import-report.json and a summary table, fails each bad file alone with its reason, and
// imports again to the same result without touching what it wrote.
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText, type ReportEntry } from '../../src/core/importText.js';
import { bulletin } from '../helpers/cli.js';
import { captureIo, scenarios, tempDir } from './helpers.js';

const corpus = path.join(scenarios, 'corpus');
const TEXTS = ['bulletin.raw.txt', 'bulletin.layout.txt', 'lo-faces.raw.txt', 'lo-faces.layout.txt', 'lo-onefont.raw.txt', 'lo-onefont.layout.txt', 'word.txt'];

/** The issue's numbers made another issue's: "第64期（总第230期）" → "第N期（总第N+166期）". */
const renumber = (text: string, issue: number) => text.replace(/第\s*64\s*期（总第\s*230\s*期）/g, `第${issue}期（总第${issue + 166}期）`);

async function archive(): Promise<string> {
  const dir = await tempDir();
  const old = path.join(dir, 'old');
  let issue = 101;
  for (const name of ['064', '064-spaced']) {
    await mkdir(path.join(old, name), { recursive: true });
    for (const shape of name === '064' ? TEXTS : TEXTS.slice(0, -1)) await writeFile(path.join(old, name, shape), renumber(await readFile(path.join(corpus, name, shape), 'utf8'), issue++));
  }
  // Word files of three more issues, typed as the corpus's.
  const { wordFile } = await import('../fixtures/import/corpus/word.mjs');
  const source = await readFile(path.join(corpus, '064.md'), 'utf8');
  await mkdir(path.join(old, 'word'), { recursive: true });
  for (const n of [120, 121, 122]) await writeFile(path.join(old, 'word', `${n}.docx`), await wordFile(source.replace('issue: 64', `issue: ${n}`).replace('total: 230', `total: ${n + 166}`)));
  await copyFile(path.join(corpus, '064', 'bulletin.pdf'), path.join(old, '064.pdf'));
  // The same issue again, as a .doc: it fails alone (two inputs, one source).
  await copyFile(path.join(corpus, '064-spaced', 'word.doc'), path.join(old, 'word', 'z-064.doc'));
  const pdf = await readFile(path.join(corpus, '064', 'lo-faces.pdf'));
  await writeFile(path.join(old, 'truncated.pdf'), pdf.subarray(0, 2000));
  await copyFile(path.join(corpus, '064', 'word.doc'), path.join(old, 'wps-file.wps'));
  // Not importable: left alone.
  await writeFile(path.join(old, 'notes.md'), '# notes\n');
  return dir;
}

describe('bulletin import <folder>', () => {
  it('imports 20 mixed files, reports each, fails the bad ones alone, and is idempotent', async () => {
    const dir = await archive();
    const first = await importText({ files: ['old'], verify: true, io: captureIo(dir) });
    expect(first.files).toHaveLength(20);
    expect(first.report).toBe('import-report.json');
    const report = JSON.parse(await readFile(path.join(dir, 'import-report.json'), 'utf8')) as { files: ReportEntry[] };
    expect(report.files).toHaveLength(20);
    const failed = report.files.filter((f) => f.status === 'failed');
    expect(failed.map((f) => f.input)).toEqual(['old/truncated.pdf', 'old/word/z-064.doc', 'old/wps-file.wps']);
    expect(failed.every((f) => f.errors.length > 0 && f.source === null)).toBe(true);
    expect(failed.find((f) => f.input.endsWith('.wps'))?.errors[0]).toContain('soffice --headless --convert-to docx wps-file.wps');
    const written = report.files.filter((f) => f.status === 'written');
    expect(written).toHaveLength(17);
    // Every good file: its issue recognised, nothing left to fill in, --verify agrees.
    for (const f of written) {
      expect(f.recognised.issue, f.input).toBeTypeOf('number');
      expect(f.pending, f.input).toBe(0);
      expect(f.differences, f.input).toBe(0);
    }
    expect(new Set(written.map((f) => f.source)).size).toBe(17);
    expect(first.exitCode).toBe(1);
    // The written source of a renumbered text is the original's, but for its numbers.
    const expected = (await readFile(path.join(corpus, '064-spaced.md'), 'utf8')).replace('issue: 64', 'issue: 108').replace('total: 230', 'total: 274');
    expect(await readFile(path.join(dir, 'bulletins/2021/108.md'), 'utf8')).toBe(expected);

    const before = await Promise.all(written.map(async (f) => (await stat(path.join(dir, f.source!))).mtimeMs));
    const again = await importText({ files: ['old'], verify: true, io: captureIo(dir) });
    const report2 = JSON.parse(await readFile(path.join(dir, 'import-report.json'), 'utf8')) as { files: ReportEntry[] };
    expect(report2.files.map((f) => [f.input, f.status === 'written' ? 'unchanged' : f.status, f.source, f.differences])).toEqual(report.files.map((f) => [f.input, f.status === 'written' ? 'unchanged' : f.status, f.source, f.differences]));
    expect(report2.files.filter((f) => f.status === 'unchanged')).toHaveLength(17);
    expect(await Promise.all(written.map(async (f) => (await stat(path.join(dir, f.source!))).mtimeMs))).toEqual(before);
    expect(again.exitCode).toBe(1);
    // Only the sources were written into bulletins/.
    expect((await readdir(path.join(dir, 'bulletins/2021'))).length).toBe(17);
  }, 120_000);

  it('prints a summary table', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'old'));
    await copyFile(path.join(corpus, '064', 'bulletin.raw.txt'), path.join(dir, 'old', 'a.txt'));
    await writeFile(path.join(dir, 'old', 'b.txt'), renumber(await readFile(path.join(corpus, '064', 'word.txt'), 'utf8'), 65));
    const run = await bulletin(dir, ['import', 'old', '--verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '输入       结果  源文件                 期号  待补  核对',
        'old/a.txt  写出  bulletins/2021/064.md  64    0     一致',
        'old/b.txt  写出  bulletins/2021/065.md  65    0     一致',
        '共 2 个文件：写出 2，未变 0，失败 0；报告见 import-report.json',
        '',
      ].join('\n'),
    );
    const rerun = await bulletin(dir, ['import', 'old']);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('old/a.txt  未变');
  }, 60_000);
});
