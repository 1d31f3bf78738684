import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, samples, tempDir } from './helpers.js';

async function importBytes(bytes: Buffer, name: string, simplified = false) {
  const dir = await tempDir();
  await writeFile(path.join(dir, name), bytes);
  const io = captureIo(dir);
  const result = await importText({ files: [name], io, simplified });
  const output = result.files[0]?.output;
  return { result, text: output ? await readFile(path.join(dir, output), 'utf8') : undefined };
}

describe('input encodings', async () => {
  const text = await readFile(path.join(samples, 'jx-2021-064.raw.txt'), 'utf8');
  const expected = await readFile(path.join(samples, 'jx-2021-064.md'), 'utf8');

  const variants: Array<[string, Buffer, string]> = [
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8-bom'],
    ['GB18030', iconv.encode(text, 'gb18030'), 'gb18030'],
    ['GBK with CRLF', iconv.encode(text.replace(/\n/g, '\r\n'), 'gbk'), 'gb18030'],
    ['UTF-16LE with BOM', iconv.encode(text, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16BE with BOM', iconv.encode(text, 'utf-16be', { addBOM: true }), 'utf-16be'],
    ['UTF-16LE without BOM', iconv.encode(text, 'utf-16le'), 'utf-16le'],
  ];
  for (const [name, bytes, encoding] of variants) {
    it(`imports the sample saved as ${name} identically`, async () => {
      const { result, text: written } = await importBytes(bytes, 'input.txt');
      expect(result.exitCode).toBe(0);
      expect(result.files[0]?.encoding).toBe(encoding);
      expect(written).toBe(expected);
    });
  }

  it('decodes Big5 and converts it with --simplified', async () => {
    const big5 = iconv.encode('內部資料\n\n江西應急管理簡報\n\n第 3 期（總第 169 期）\n\n2021年1月15日\n\n檢查組進駐各縣區\n\n會議要求，各級領導幹部要認真負責。\n', 'big5');
    const { text: traditional } = await importBytes(big5, 'big5.txt');
    expect(traditional).toContain('會議要求，各級領導幹部要認真負責。');
    const { result, text: simplified } = await importBytes(big5, 'big5.txt', true);
    expect(result.files[0]?.encoding).toBe('big5');
    expect(simplified).toContain('# 检查组进驻各县区');
    expect(simplified).toContain('会议要求，各级领导干部要认真负责。');
    expect(simplified).toContain('issue: 3\ntotal: 169\ndate: 2021-01-15\n');
  });

  it('refuses binary input with a diagnostic instead of mojibake', async () => {
    const { result } = await importBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 0, 0, 0, 9]), 'image.txt');
    expect(result.exitCode).toBe(1);
    expect(result.files[0]?.output).toBeUndefined();
    expect(result.files[0]?.file.messages.map((m) => m.ruleId)).toEqual(['import-binary']);
  });
});
