// Every character of the text must have a glyph in the bundled fonts; one that has none is
// named with its place, so no tofu reaches the print shop unnoticed.
import { describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { captureIo, tempProject } from '../helpers/project.js';

describe('glyph coverage', () => {
  it('warns about a character no bundled font has, at its line and column', async () => {
    const dir = await tempProject({ 'bulletins/a.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n正文里有一个私用区字符\uE000。\n' });
    const io = captureIo(dir);
    const r = await build({ io, formats: ['html'] });
    expect(r.exitCode).toBe(0);
    const m = r.issues[0]!.file.messages.find((x) => x.ruleId === 'missing-glyph');
    expect(m?.reason).toContain('U+E000');
    expect([m?.line, m?.column]).toEqual([9, 12]);
  });

  it('finds every character of the real issue in the bundled fonts', async () => {
    const { readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const { FIXTURES } = await import('../helpers/project.js');
    const text = await readFile(path.join(FIXTURES, 'samples/jx-2021-064.md'), 'utf8');
    const dir = await tempProject({ 'bulletins/a.md': text });
    const r = await build({ io: captureIo(dir), formats: ['html'] });
    expect(r.issues[0]!.file.messages.filter((x) => x.ruleId === 'missing-glyph')).toEqual([]);
  });
});
