// A source saved as GB18030 or UTF-16 builds to the very same HTML as its UTF-8 original, with a
// warning naming the encoding; never mojibake.
import { printedBuild } from '../helpers/project.js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SAMPLE, captureIo, tempDir } from './helpers.js';

async function buildBytes(bytes: Uint8Array) {
  const project = await tempDir();
  const source = path.join(project, 'bulletins', '2021', '064.md');
  await mkdir(path.dirname(source), { recursive: true });
  await writeFile(source, bytes);
  const io = captureIo(project);
  const result = await printedBuild({ io, formats: ['html'] });
  const file = result.issues[0]!.file;
  const html = result.exitCode === 0 ? await readFile(path.join(project, 'dist', '2021', '064.html')) : undefined;
  return { result, file, html, stderr: io.err() };
}

describe('source encodings', async () => {
  const text = await readFile(SAMPLE, 'utf8');
  const reference = await buildBytes(Buffer.from(text, 'utf8'));

  it('the UTF-8 sample builds without an encoding message', () => {
    expect(reference.result.exitCode).toBe(0);
    expect(reference.file.messages.filter((m) => String(m.ruleId).startsWith('source-encoding'))).toEqual([]);
    expect(reference.html!.toString('utf8')).toContain('查问题、促整改、保安全');
  });

  const variants: Array<[string, () => Buffer, string | undefined]> = [
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), undefined],
    ['UTF-8 with CRLF', () => Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8'), undefined],
    ['UTF-8 with lone CR', () => Buffer.from(text.replace(/\n/g, '\r'), 'utf8'), undefined],
    ['GB18030', () => iconv.encode(text, 'gb18030'), 'GB18030'],
    ['GBK', () => iconv.encode(text, 'gbk'), 'GB18030'],
    ['UTF-16LE with BOM', () => iconv.encode(text, 'utf16le', { addBOM: true }), 'UTF-16LE'],
    ['UTF-16LE without BOM', () => iconv.encode(text, 'utf16le'), 'UTF-16LE'],
    ['UTF-16BE with BOM', () => iconv.encode(text, 'utf16-be', { addBOM: true }), 'UTF-16BE'],
  ];
  for (const [name, encode, label] of variants) {
    it(`${name}: same HTML byte for byte${label ? ', with a warning naming the encoding' : ''}`, async () => {
      const bytes = encode();
      expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(false);
      const built = await buildBytes(bytes);
      expect(built.result.exitCode).toBe(0);
      expect(Buffer.compare(built.html!, reference.html!)).toBe(0);
      const warnings = built.file.messages.filter((m) => m.ruleId === 'source-encoding-legacy');
      if (label) {
        expect(warnings).toHaveLength(1);
        expect(warnings[0]!.fatal).toBe(false);
        expect(warnings[0]!.reason).toContain(label);
        expect(built.stderr).toContain(`警告  ${warnings[0]!.reason}`);
      } else {
        expect(warnings).toEqual([]);
      }
    });
  }

  it('refuses bytes it cannot read with confidence instead of guessing', async () => {
    // Latin-1 "café" inside otherwise ASCII text is neither UTF-8 nor plausible Chinese.
    const built = await buildBytes(Buffer.concat([Buffer.from('---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n# caf'), Buffer.from([0xe9, 0x20, 0xff, 0x21]), Buffer.from('\n')]));
    expect(built.result.exitCode).toBe(1);
    const m = built.file.messages.find((x) => x.fatal === true)!;
    expect(m.ruleId).toBe('source-encoding');
    expect(m.reason).toBe('无法判断源文件的编码');
    expect(m.note).toContain('UTF-8');
  });
});
