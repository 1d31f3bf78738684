// Bounded imports: only regular files are read; Word parts and PDF streams are inflated within
// caps whatever sizes they declare; a PDF's pages are counted; a Word file with a DOCTYPE (XXE)
// is refused with one clear message. Caps are options: small ones keep these fast.
import { execFileSync } from 'node:child_process';
import { readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { BulletinError } from '../../src/diagnostics/errors.js';
import { captureIo, tempDir } from './helpers.js';
import { lyingDocxBomb, pdfWith, xxeDocx } from './hostile-inputs.js';

const MB = 1024 * 1024;
afterEach(() => vi.restoreAllMocks());

async function importOne(name: string, bytes: Uint8Array, limits = {}) {
  const dir = await tempDir();
  await writeFile(path.join(dir, name), bytes);
  const result = await importText({ files: [name], io: captureIo(dir), limits });
  return { dir, result, messages: result.files[0]!.file.messages.map((m) => [m.ruleId, m.reason]) };
}

describe('Word files', () => {
  it('refuses a part that inflates past the cap though the zip says it holds 100 bytes', async () => {
    const bomb = await lyingDocxBomb(20 * MB);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().rss;
    const { dir, result, messages } = await importOne('bomb.docx', bomb, { docxPartBytes: 1 * MB, docxTotalBytes: 2 * MB });
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * MB);
    expect(result.exitCode).toBe(1);
    expect(messages).toEqual([['import-too-large', '这个 Word 文件的 word/document.xml 解压后超过 1 MB，可能是压缩炸弹，不导入']]);
    expect(await readdir(dir)).toEqual(['bomb.docx']);
  });

  it('refuses XXE with one clear message, exit 1, and no parser output', async () => {
    const printed = [vi.spyOn(console, 'error').mockImplementation(() => {}), vi.spyOn(console, 'warn').mockImplementation(() => {}), vi.spyOn(console, 'log').mockImplementation(() => {})];
    const { result, messages } = await importOne('xxe.docx', await xxeDocx());
    expect(result.exitCode).toBe(1);
    expect(messages).toEqual([['import-too-large', '这个 Word 文件的 word/document.xml 中有 DOCTYPE 或实体声明（Word 从不写这些，可能是 XXE 攻击），不导入']]);
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
  });
});

describe('PDF files', () => {
  it('refuses a Flate stream that inflates past the cap before pdf.js decodes it', async () => {
    const bomb = pdfWith({ inflated: 20 * MB });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const { result, messages } = await importOne('bomb.pdf', bomb, { pdfStreamBytes: 1 * MB });
    expect(result.exitCode).toBe(1);
    expect(messages).toEqual([['import-too-large', '这个 PDF 文件的第 1 个数据流解压后超过 1 MB，可能是压缩炸弹，不导入']]);
  });

  it('refuses a PDF of more pages than the cap', async () => {
    const { result, messages } = await importOne('long.pdf', pdfWith({ pages: 3 }), { pdfPages: 2 });
    expect(result.exitCode).toBe(1);
    expect(messages).toEqual([['import-too-large', '这个 PDF 文件有 3 页，超过上限 2 页，不导入']]);
    // Within the cap the same file is read (its text, Hello, is found).
    const within = await importOne('long.pdf', pdfWith({ pages: 3 }), { pdfPages: 3 });
    expect(within.messages.map((m) => m[0])).not.toContain('import-too-large');
  });
});

describe('inputs that are not regular files, and text over its cap', () => {
  it('refuses /dev/zero and a FIFO before reading them, and a text over the cap', async () => {
    const dir = await tempDir();
    await symlink('/dev/zero', path.join(dir, 'zero.txt'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    await writeFile(path.join(dir, 'long.txt'), '应急管理。\n'.repeat(200));
    const result = await importText({ files: ['zero.txt', 'pipe.txt', 'long.txt'], io: captureIo(dir), limits: { textBytes: 1000 } });
    expect(result.exitCode).toBe(1);
    const errors = result.files.map((f) => [f.input, f.error instanceof BulletinError ? f.error.message : String(f.error)]);
    expect(errors).toEqual([
      ['zero.txt', 'zero.txt 不是普通文件（设备文件），不读取。'],
      ['pipe.txt', 'pipe.txt 不是普通文件（命名管道），不读取。'],
      ['long.txt', 'long.txt 过大（0.0 MB，上限 0 MB），不导入。'],
    ]);
  });
});
