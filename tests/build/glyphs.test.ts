// Every character of the text must have a glyph in the font of its role, read from the font
// files themselves (not from the stylesheets' unicode-range, which claims code points the
// fonts lack). Body and title text must print: a missing glyph is an error with its place;
// with `missingGlyph: warning` it is printed as 〓, and the PDF holds only the bundled fonts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { captureIo, FIXTURES, tempProject } from '../helpers/project.js';
import { pdfFonts, readPdf } from '../helpers/pdf.js';

const issue = (body: string) => `---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n${body}`;

describe('glyph coverage', () => {
  it('refuses body text with a character no font has, at its line and column, naming role and font', async () => {
    const dir = await tempProject({ 'bulletins/a.md': issue('# 标题\n\n正文里有一个私用区字符\uE000。\n') });
    const r = await build({ io: captureIo(dir), formats: ['html'] });
    expect(r.exitCode).toBe(1);
    const m = r.issues[0]!.file.messages.find((x) => x.ruleId === 'missing-glyph');
    expect(m?.fatal).toBe(true);
    expect(m?.reason).toBe('正文字体 Noto Serif SC 中没有这些字：“\uE000”（U+E000）');
    expect([m?.line, m?.column]).toEqual([9, 12]);
  });

  it('finds a code point the stylesheet claims but the font file lacks (U+F0B7, the Word bullet)', async () => {
    const dir = await tempProject({ 'bulletins/a.md': issue('# 标题\n\n\uF0B7 加强值班值守。\n') });
    const r = await build({ io: captureIo(dir), formats: ['html'] });
    expect(r.issues[0]!.file.messages.filter((x) => x.ruleId === 'missing-glyph').map((x) => `${x.line}:${x.column} ${x.fatal}`)).toEqual(['9:1 true']);
  });

  it('refuses a radical (⽣ U+2F63, ⻔ U+2ED4), naming the ideograph: in print its glyph would copy as the radical', async () => {
    const dir = await tempProject({ 'bulletins/a.md': issue('# 标题\n\n安全⽣产，部⻔联动。\n') });
    const r = await build({ io: captureIo(dir), formats: ['html'] });
    expect(r.exitCode).toBe(1);
    const m = r.issues[0]!.file.messages.find((x) => x.ruleId === 'missing-glyph');
    expect(m?.reason).toBe('正文字体 Noto Serif SC 中没有这些字：“⽣”（U+2F63，部首字符，应为“生”）、“⻔”（U+2ED4，部首字符）');
    expect([m?.line, m?.column]).toEqual([9, 3]);
  });

  it('warns only, for a 楷体 passage (a subtitle) whose character the kai font lacks', async () => {
    const dir = await tempProject({ 'bulletins/a.md': issue('# 标题\n\n——副标题𠀀\n\n正文。\n') });
    const r = await build({ io: captureIo(dir), formats: ['html'] });
    expect(r.exitCode).toBe(0);
    expect(r.issues[0]!.file.messages.filter((x) => x.ruleId === 'missing-glyph').map((x) => `${x.fatal} ${x.reason}`)).toEqual([
      'false 楷体字体 LXGW WenKai 中没有这些字：“𠀀”（U+20000）',
    ]);
  });

  it('with missingGlyph: warning, prints 〓 in its place and embeds only the bundled fonts, none Type 3', async () => {
    const dir = await tempProject({
      'bulletin.config.yaml': 'missingGlyph: warning\n',
      'bulletins/a.md': issue('# 标题\n\n生僻字𠀀和私用区\uE000要印出来。\n'),
    });
    const r = await build({ io: captureIo(dir), formats: ['html', 'pdf'] });
    expect(r.exitCode).toBe(0);
    const pdf = await readFile(path.join(dir, 'dist/a.pdf'));
    const text = (await readPdf(pdf)).map((p) => p.items.map((i) => i.str).join('')).join('');
    expect(text).toContain('生僻字〓和私用区〓要印出来');
    const fonts = await pdfFonts(pdf);
    expect(fonts.filter((f) => f.subtype === 'Type3')).toEqual([]);
    for (const f of fonts) expect(f.name, f.name).toMatch(/^\/?[A-Z]{6}\+(NotoSerifSC|NotoSansSC|LXGWWenKai)/);
  });

  it('finds every character of the real issue in the bundled fonts', async () => {
    const text = await readFile(path.join(FIXTURES, 'samples/jx-2021-064.md'), 'utf8');
    const dir = await tempProject({ 'bulletins/a.md': text });
    const r = await build({ io: captureIo(dir), formats: ['html'] });
    expect(r.issues[0]!.file.messages.filter((x) => x.ruleId === 'missing-glyph')).toEqual([]);
  });
});
