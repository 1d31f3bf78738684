// What an import cannot fill is written 【待补】, and `bulletin check` names each one at its line,
// as unfinished only (not also as a value of the wrong type).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { check } from '../../src/core/check.js';
import { captureIo, samples, tempDir } from './helpers.js';

describe('an imported text without issue and total numbers', () => {
  it('is written with 【待补】 for each, which check names at its line', async () => {
    const dir = await tempDir();
    const imported = await importText({ files: [path.join(samples, 'js-news-2019-07-25.raw.txt')], io: captureIo(dir) });
    expect(imported.exitCode).toBe(0);
    const r = await check({ io: captureIo(dir) });
    const messages = (r.files ?? []).flatMap((f) => f.messages).filter((m) => m.fatal === true);
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['2 placeholder', '3 placeholder']);
    expect(r.exitCode).toBe(1);
  });
});
