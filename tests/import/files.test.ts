import { copyFile, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { cliIn } from '../helpers/project.js';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, samples, tempDir } from './helpers.js';

describe('where import writes', () => {
  it('writes bulletins/<year>/<issue>.md relative to io.cwd and leaves no temp file', async () => {
    const dir = await tempDir();
    await copyFile(path.join(samples, 'jx-2021-064.raw.txt'), path.join(dir, 'a.txt'));
    const result = await importText({ files: ['a.txt'], io: captureIo(dir) });
    expect(result.files[0]?.output).toBe('bulletins/2021/064.md');
    expect(await readdir(path.join(dir, 'bulletins/2021'))).toEqual(['064.md']);
  });

  it('never overwrites without --force, and overwrites with it', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'bulletins/2021'), { recursive: true });
    await writeFile(path.join(dir, 'bulletins/2021/064.md'), 'keep me');
    const io = captureIo(dir);
    const refused = await importText({ files: [path.join(samples, 'jx-2021-064.raw.txt')], io });
    expect(refused.exitCode).toBe(1);
    expect(refused.files[0]?.error?.errorName).toBe('ImportTargetExists');
    expect(await readFile(path.join(dir, 'bulletins/2021/064.md'), 'utf8')).toBe('keep me');
    const forced = await importText({ files: [path.join(samples, 'jx-2021-064.raw.txt')], force: true, io: captureIo(dir) });
    expect(forced.exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'bulletins/2021/064.md'), 'utf8')).toMatch(/^---\nissue: 64\n/);
  });

  it('refuses two inputs of the same issue in one run', async () => {
    const dir = await tempDir();
    const input = path.join(samples, 'jx-2021-064.raw.txt');
    const result = await importText({ files: [input, input], force: true, io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    expect(result.files.map((f) => f.error?.errorName)).toEqual([undefined, 'ImportDuplicateTarget']);
  });

  it('prints JSON with --json', async () => {
    const dir = await tempDir();
    const r = await cliIn(dir, ['import', path.join(samples, 'js-news-2019-07-25.raw.txt'), '--json']);
    const json = JSON.parse(r.out) as { exitCode: number; files: Array<{ output: string; recognised: object; messages: Array<{ ruleId: string }> }> };
    expect(json.exitCode).toBe(0);
    expect(json.files[0]?.output).toBe('bulletins/2019/js-news-2019-07-25.md');
    expect(json.files[0]?.recognised).toEqual({ date: '2019-07-25' });
    expect(json.files[0]?.messages.map((m) => m.ruleId)).toEqual(['import-missing-field', 'import-missing-field', 'import-time-dropped', 'import-furniture']);
    expect(r.err).toBe('');
  });
});

describe('import of files that are not text', () => {
  it('reads a .doc it cannot parse as unreadable, and refuses .wps, .et and encrypted Office files with the LibreOffice command, writing nothing', async () => {
    const { mkdtemp, writeFile: write, readdir } = await import('node:fs/promises');
    const os = await import('node:os');
    const { importText } = await import('../../src/core/importText.js');
    const { captureIo } = await import('../helpers/project.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-doc-'));
    // An OLE2 compound file's signature and nothing of a Word document after it.
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    await write(path.join(dir, 'old.doc'), ole);
    await write(path.join(dir, 'old.wps'), ole);
    await write(path.join(dir, 'sheet.et'), ole);
    // Office's encryption: the package inside an OLE file, in a stream named EncryptedPackage.
    await write(path.join(dir, 'locked.docx'), Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(64)]));
    const r = await importText({ files: ['old.doc', 'old.wps', 'sheet.et', 'locked.docx'], io: captureIo(dir) });
    expect(r.exitCode).toBe(1);
    const seen = r.files.map((f) => f.file.messages.map((x) => [x.ruleId, x.reason, x.note]));
    expect(seen[0]?.[0]?.[0]).toBe('import-unreadable');
    expect(seen.slice(1)).toEqual([
      [['import-convert-first', '无法直接读取 .wps 文件（WPS 或表格、演示文件）', '先用 LibreOffice 转成 .docx 再导入：soffice --headless --convert-to docx old.wps']],
      [['import-convert-first', '无法直接读取 .et 文件（WPS 或表格、演示文件）', '先用 LibreOffice 转成 .docx 再导入：soffice --headless --convert-to docx sheet.et']],
      [['import-convert-first', '这个 Office 文件已加密或设有打开密码，无法读取', '在 Word 或 WPS 中输入密码打开，取消加密后另存；或用 LibreOffice 转成 .docx 再导入：soffice --headless --convert-to docx locked.docx']],
    ]);
    expect((await readdir(dir)).sort()).toEqual(['locked.docx', 'old.doc', 'old.wps', 'sheet.et']);
  });
});
