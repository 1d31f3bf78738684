// Exact output of real runs of bin/bulletin: what an editor and a CI log see.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletin } from '../helpers/cli.js';
import { copyInto, FIXTURES, tempProject } from '../helpers/project.js';

/** The run's duration varies; everything else of the summary is checked exactly. */
const seconds = (text: string) => text.replace(/（\d+\.\d 秒）/g, '（… 秒）');

describe('bin/bulletin', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const r = await bulletin(FIXTURES, ['--version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('reports a front-matter typo with place, rule and hint, exit 1', async () => {
    const dir = await tempProject({ 'bulletins/2021/064.md': '---\nisue: 64\nissue: 64\ntotal: 230\ndate: 2021-06-25\n---\n\n# 标题\n\n正文。\n' });
    const r = await bulletin(dir, ['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        'bulletins/2021/064.md',
        '  2:1     错误  未知的字段“isue”  front-matter-unknown-key',
        '          提示：是不是“issue”？允许的字段：issue、total、date、series、title、publisher、marker、distribution、printed、copies',
        '',
        '✖ 1 个错误',
        '',
      ].join('\n'),
    );
    expect(seconds(r.stdout)).toBe('✗ bulletins/2021/064.md：1 个错误，未生成\n1 期有错误，未生成（… 秒）\n');
  });

  it('says how to start in a folder with no sources, exit 1', async () => {
    const dir = await tempProject();
    const r = await bulletin(dir, ['build']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `错误：${dir} 及其上级目录中都没有 bulletin.config.yaml 或 bulletins/ 目录。\n提示：用 \`bulletin init\` 在这里新建一个简报项目；或进入已有项目的目录，或用 --cwd、--config 指出项目。\n` });
    const project = await tempProject({ 'bulletins/.keep': '' });
    expect(await bulletin(project, ['build'])).toEqual({ code: 1, stdout: '', stderr: '错误：在 bulletins 下没有找到任何 .md 源文件。\n提示：用 `bulletin new` 新建一期，或在命令后写出源文件路径。\n' });
  });

  it('refuses an unknown format as a usage error, exit 2', async () => {
    const r = await bulletin(FIXTURES, ['build', '--format', 'odt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("错误：选项 '-f, --format <list>' 的参数 'odt' 无效：未知的格式“odt”，可选 html、pdf、docx、ofd\n（用 bulletin --help 查看用法）\n");
  });

  it('builds the real issue and says where the files went', async () => {
    const dir = await tempProject();
    await copyInto(dir, path.join(FIXTURES, 'samples/jx-2021-064.md'), 'bulletins/2021/064.md');
    const r = await bulletin(dir, ['build']);
    expect({ ...r, stdout: seconds(r.stdout) }).toEqual({ code: 0, stdout: '✓ bulletins/2021/064.md → dist/2021/064.html、dist/2021/064.pdf（5 页）\n已生成 1 期（… 秒）\n', stderr: '' });
  });

  it('ends quietly when its reader goes away (bulletin --help | head -1)', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { BIN } = await import('../helpers/cli.js');
    const { stdout, stderr } = await promisify(execFile)('bash', ['-c', `"${process.execPath}" "${BIN}" --help | head -1; exit \${PIPESTATUS[0]}`]);
    expect(stdout).toBe('用法： bulletin [选项] [命令]\n');
    expect(stderr).toBe('');
  });

  it('--json gives a machine report on stdout only', async () => {
    const dir = await tempProject();
    await copyInto(dir, path.join(FIXTURES, 'samples/jx-2021-064.md'), 'bulletins/2021/064.md');
    const r = await bulletin(dir, ['build', '--format', 'html', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; issues: Array<{ source: string; outputs: { html: { path: string; sha256: string }; pdf: null } }> };
    expect(report.ok).toBe(true);
    expect(report.issues[0]!.source).toBe('bulletins/2021/064.md');
    expect(report.issues[0]!.outputs.html.path).toBe('2021/064.html');
    expect(report.issues[0]!.outputs.html.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.issues[0]!.outputs.pdf).toBeNull();
  });
});
