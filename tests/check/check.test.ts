// `bulletin check` reports what `build` refuses on, and `build` runs the same checks first.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { build } from '../../src/core/build.js';
import { captureIo, tempProject } from '../helpers/project.js';

const issue = (n: number, total: number, date: string, body = '正文。') =>
  `---\nissue: ${n}\ntotal: ${total}\ndate: ${date}\n---\n\n# 标题${n}\n\n${body}\n`;

describe('check', () => {
  it('is clean on a good archive, exit 0', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05'), 'bulletins/2021/002.md': issue(2, 11, '2021-01-12') });
    const io = captureIo(dir);
    const r = await check({ io });
    expect(r).toEqual({ exitCode: 0, errors: 0, warnings: 0 });
    expect(io.out()).toBe('检查了 2 期：0 个错误，0 个警告\n');
  });

  it('reports a typography warning with place and rule; --strict fails on it', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05', '安全,生产。') });
    const io = captureIo(dir);
    expect((await check({ io })).exitCode).toBe(0);
    expect(io.err()).toMatch(/bulletins\/2021\/001\.md\n\s+9:3\s+警告 .+typo-halfwidth-punct/);
    expect((await check({ io: captureIo(dir), strict: true })).exitCode).toBe(1);
  });

  it('names both files of a duplicate total, and build refuses the later one', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05'), 'bulletins/2021/002.md': issue(2, 10, '2021-01-12') });
    const io = captureIo(dir);
    const r = await check({ io, json: true });
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(io.out()) as { files: Array<{ path: string; messages: Array<{ ruleId: string; message: string; line: number }> }> };
    const second = report.files.find((f) => f.path === 'bulletins/2021/002.md')!;
    const dup = second.messages.find((m) => m.ruleId === 'numbering-duplicate-total')!;
    expect(dup.message).toContain('bulletins/2021/001.md');
    expect(dup.line).toBe(3);
    const b = await build({ io: captureIo(dir), formats: ['html'] });
    expect(b.exitCode).toBe(1);
    expect((await readdir(path.join(dir, 'dist/2021'))).sort()).toEqual(['001.html']);
  });

  it('checks one file against the rest of the archive', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05'), 'bulletins/2021/002.md': issue(3, 12, '2021-01-12') });
    const io = captureIo(dir);
    const r = await check({ io, paths: ['bulletins/2021/002.md'] });
    expect(r.exitCode).toBe(0);
    expect(r.warnings).toBeGreaterThan(0);
    expect(io.err()).toContain('bulletins/2021/001.md');
  });

  it('reports a missing image as an error with its line', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05', '![图](images/none.png)') });
    const io = captureIo(dir);
    expect((await check({ io })).exitCode).toBe(1);
    expect(io.err()).toMatch(/9:1\s+错误\s+找不到图片“images\/none\.png”\s+image-missing/);
  });
});
