import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, samples, splitSource, tempDir } from './helpers.js';

describe('import jx-2021-064.raw.txt', () => {
  it('gives the front matter and the body of jx-2021-064.md', async () => {
    const dir = await tempDir();
    const io = captureIo(dir);
    const result = await importText({ files: [path.join(samples, 'jx-2021-064.raw.txt')], verify: true, io });
    expect(result.exitCode).toBe(0);
    const written = await readFile(path.join(dir, 'bulletins/2021/064.md'), 'utf8');
    const expected = await readFile(path.join(samples, 'jx-2021-064.md'), 'utf8');
    const got = splitSource(written);
    const want = splitSource(expected);
    expect(got.front).toEqual(want.front);
    expect((got.front.distribution as Record<string, string[]>)['分送']).toHaveLength(5);
    expect(got.body).toBe(want.body);
    // The written file is the sample byte for byte (same key order and layout).
    expect(written).toBe(expected);
    expect(result.files[0]?.differences).toBe(0);
  });

  it('rejoins the paragraph broken across a page and says so', async () => {
    const dir = await tempDir();
    const io = captureIo(dir);
    const result = await importText({ files: [path.join(samples, 'jx-2021-064.raw.txt')], io });
    const body = splitSource(await readFile(path.join(dir, 'bulletins/2021/064.md'), 'utf8')).body;
    expect(body).toContain('“党政同责、一岗双责、齐抓共管、失职追责”');
    const joined = result.files[0]?.file.messages.filter((m) => m.ruleId === 'import-joined') ?? [];
    expect(joined.map((m) => m.line)).toEqual([51]);
    // Nothing else to warn about: all fields were found.
    expect(result.files[0]?.file.messages.filter((m) => m.fatal !== undefined)).toEqual([]);
  });
});
