// `bulletin check` reports what `build` refuses on, and `build` runs the same checks first.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { build } from '../../src/core/build.js';
import { captureIo, cliIn, tempProject } from '../helpers/project.js';

const issue = (n: number, total: number, date: string, body = '正文。') =>
  `---\nissue: ${n}\ntotal: ${total}\ndate: ${date}\n---\n\n# 标题${n}\n\n${body}\n`;

describe('check', () => {
  it('is clean on a good archive, exit 0', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05'), 'bulletins/2021/002.md': issue(2, 11, '2021-01-12') });
    const r = await check({ io: captureIo(dir) });
    expect([r.exitCode, r.errors, r.warnings]).toEqual([0, 0, 0]);
    expect((await cliIn(dir, ['check'])).out).toBe('检查了 2 期：0 个错误，0 个警告\n');
  });

  it('reports a typography warning with place and rule; --strict fails on it', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05', '安全,生产。') });
    const r = await cliIn(dir, ['check']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/bulletins\/2021\/001\.md\n\s+9:3\s+警告 .+typo-halfwidth-punct/);
    expect((await check({ io: captureIo(dir), strict: true })).exitCode).toBe(1);
  });

  it('names both files of a duplicate total, and build refuses the later one', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05'), 'bulletins/2021/002.md': issue(2, 10, '2021-01-12') });
    const r = await cliIn(dir, ['check', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { files: Array<{ path: string; messages: Array<{ ruleId: string; message: string; line: number }> }> };
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
    const r = await check({ io: captureIo(dir), paths: ['bulletins/2021/002.md'] });
    expect(r.exitCode).toBe(0);
    expect(r.warnings).toBeGreaterThan(0);
    expect((await cliIn(dir, ['check', 'bulletins/2021/002.md'])).err).toContain('bulletins/2021/001.md');
  });

  it('reports a missing image as an error with its line', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': issue(1, 10, '2021-01-05', '![图](images/none.png)') });
    const r = await cliIn(dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/9:1\s+错误\s+找不到图片“images\/none\.png”\s+image-missing/);
  });
});
