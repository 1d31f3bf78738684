// Bad input keeps its guarantees: a PDF with an open password, a zip bomb posing as a Word file,
// and truncated PDF, Word and .doc files each give a clear error, write nothing, and stay
// within bounded memory; the good files imported with them are imported.
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, scenarios, tempDir } from './helpers.js';

const corpus = path.join(scenarios, 'corpus');

describe('import of bad input', () => {
  it('refuses a PDF with an open password, naming the way to decrypt it', async () => {
    const dir = await tempDir();
    await copyFile(path.join(corpus, 'encrypted.pdf'), path.join(dir, 'locked.pdf'));
    const result = await importText({ files: ['locked.pdf'], io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    expect(result.files[0]!.file.messages.map((m) => [m.ruleId, m.reason, m.note])).toEqual([
      ['import-convert-first', '这个 PDF 设有打开密码，无法读取', '用密码打开后另存一份不加密的 PDF 再导入，例如：qpdf --decrypt --password=密码 locked.pdf 解密后.pdf'],
    ]);
    expect(await readdir(dir)).toEqual(['locked.pdf']);
  });

  it('refuses a zip bomb posing as a Word file before unpacking it', async () => {
    const dir = await tempDir();
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    // 200 MB of one character: a few hundred KB packed.
    zip.file('word/document.xml', new Uint8Array(200 * 1024 * 1024).fill(0x20), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await writeFile(path.join(dir, 'bomb.docx'), bomb);
    const before = process.memoryUsage().rss;
    const result = await importText({ files: ['bomb.docx'], io: captureIo(dir) });
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
    expect(result.exitCode).toBe(1);
    const m = result.files[0]!.file.messages;
    expect(m.map((x) => x.ruleId)).toEqual(['import-too-large']);
    expect(m[0]?.reason).toContain('可能是压缩炸弹');
    expect(await readdir(dir)).toEqual(['bomb.docx']);
  }, 60_000);

  it('gives each truncated file a clear error and writes nothing for it, importing the good file beside them', async () => {
    const dir = await tempDir();
    const cut = async (from: string, to: string, keep: number) => writeFile(path.join(dir, to), (await readFile(path.join(corpus, from))).subarray(0, keep));
    await cut('064/lo-faces.pdf', 'a.pdf', 3000);
    await cut('064/word.docx', 'b.docx', 4000);
    await cut('064/word.doc', 'c.doc', 3000);
    await copyFile(path.join(corpus, '064/bulletin.raw.txt'), path.join(dir, 'good.txt'));
    const result = await importText({ files: ['a.pdf', 'b.docx', 'c.doc', 'good.txt'], io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    const [a, b, c, good] = result.files;
    for (const bad of [a, b, c]) {
      expect(bad!.output).toBeUndefined();
      const errors = bad!.file.messages.filter((m) => m.fatal === true);
      expect(errors.map((m) => m.ruleId), bad!.input).toEqual(['import-unreadable']);
      expect(errors[0]?.reason).toMatch(/^无法读取这个 (PDF|Word|Word 97-2003) 文件：.+/);
    }
    expect(good!.output).toBe('bulletins/2021/064.md');
    expect((await readdir(path.join(dir, 'bulletins/2021'))).sort()).toEqual(['064.md']);
  });
});
