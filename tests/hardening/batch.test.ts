// One bad source does not stop the others: they are built, each failure is listed, exit 1.
import { printedBuild } from '../helpers/project.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_LINE, captureIo, runCli, tempProject } from './helpers.js';

const good = (n: number, date: string) => `---\nissue: ${n}\ntotal: ${100 + n}\ndate: ${date}\n---\n\n# 第${n}篇\n\n正文第${n}段。\n`;

const files = {
  'bulletins/2021/001.md': good(1, '2021-01-05'),
  'bulletins/2021/002.md': '---\nissue: 2\ntotal: 102\ndate: 2021-02-30\n---\n\n# 日期错\n\n正文。\n',
  'bulletins/2021/003.md': good(3, '2021-01-19'),
  'bulletins/2021/004.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00]),
  'bulletins/2021/005.md': good(5, '2021-02-02'),
  'bulletins/2021/006.md': '---js\n{}\n---\n',
};

describe('a batch with bad sources', () => {
  it('builds every good source, lists each failure, exits 1 (in-process)', async () => {
    const dir = await tempProject(files);
    // The numbering helper (issue 2, 4, 6 missing) may warn about gaps; that is not what is tested.
    const io = captureIo(dir);
    const result = await printedBuild({ io, formats: ['html'] });
    expect(result.exitCode).toBe(1);
    for (const n of ['001', '003', '005']) {
      const html = await readFile(path.join(dir, 'dist', '2021', `${n}.html`), 'utf8');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
    }
    for (const n of ['002', '004', '006']) expect(existsSync(path.join(dir, 'dist', '2021', `${n}.html`))).toBe(false);
    const out = io.out();
    expect(out).toContain('✗ bulletins/2021/002.md：1 个错误，未生成');
    expect(out).toContain('✗ bulletins/2021/004.md：1 个错误，未生成');
    expect(out).toContain('✗ bulletins/2021/006.md：1 个错误，未生成');
    expect(out).toContain('已生成 3 期；3 期有错误，未生成');
    const err = io.err();
    expect(err).toMatch(/bulletins\/2021\/002\.md\n\s+4:7\s+错误  字段“date”不是有效日期：“2021-02-30”  front-matter-invalid-date/);
    expect(err).toMatch(/bulletins\/2021\/004\.md\n\s+错误  源文件含有二进制内容.*source-binary/);
    expect(err).toMatch(/bulletins\/2021\/006\.md\n\s+1:4\s+错误  不允许的前置信息格式“---js”.*front-matter-engine/);
    const manifest = JSON.parse(await readFile(path.join(dir, 'dist', 'manifest.json'), 'utf8')) as unknown;
    expect(JSON.stringify(manifest)).toContain('bulletins/2021/005.md');
    expect(JSON.stringify(manifest)).not.toContain('bulletins/2021/002.md');
  });

  it('the same through the CLI: exit 1, no stack trace, --json lists every issue', async () => {
    const dir = await tempProject(files);
    const r = await runCli(['build', '--format', 'html', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const report = JSON.parse(r.stdout) as { ok: boolean; issues: Array<{ source: string; ok: boolean; messages: Array<{ ruleId: string }> }> };
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => [i.source, i.ok])).toEqual([
      ['bulletins/2021/001.md', true],
      ['bulletins/2021/002.md', false],
      ['bulletins/2021/003.md', true],
      ['bulletins/2021/004.md', false],
      ['bulletins/2021/005.md', true],
      ['bulletins/2021/006.md', false],
    ]);
    expect(report.issues[3]!.messages.map((m) => m.ruleId)).toContain('source-binary');
  });
});
