// Progress as the editor and CI see it: on a terminal a progress bar, without one a plain line per
// issue, always a final summary; --quiet only problems.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletin } from '../helpers/cli.js';
import { tempProject } from '../helpers/project.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/bulletin.js');
const issue = (n: number, body = '正文。') => `---\nissue: ${n}\ntotal: ${10 + n}\ndate: 2021-01-0${n}\n---\n\n# 标题\n\n${body}\n`;
const three = () => tempProject({ 'bulletins/2021/001.md': issue(1), 'bulletins/2021/002.md': issue(2), 'bulletins/2021/003.md': issue(3, '安全,生产。') });
const seconds = (text: string) => text.replace(/（\d+\.\d 秒）/g, '（… 秒）');
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('build progress', () => {
  it('without a terminal: one plain line per issue, then the diagnostics and a summary', async () => {
    const r = await bulletin(await three(), ['build', '--format', 'html']);
    expect(r.code).toBe(0);
    // Each line comes when its issue is through, so in the order they finish.
    const lines = seconds(r.stdout).split('\n');
    expect([...lines.slice(0, 3)].sort()).toEqual(['✓ bulletins/2021/001.md → dist/2021/001.html', '✓ bulletins/2021/002.md → dist/2021/002.html', '✓ bulletins/2021/003.md → dist/2021/003.html']);
    expect(lines.slice(3)).toEqual(['已生成 3 期（… 秒）', '']);
    expect(r.stderr).toMatch(/^bulletins\/2021\/003\.md\n\s+9:3\s+警告/);
  });

  it('--quiet: only the problems', async () => {
    const r = await bulletin(await three(), ['build', '--format', 'html', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bulletins\/2021\/003\.md\n\s+9:3\s+警告\s+中文里用了半角标点“,”\s+typo-halfwidth-punct\n/);
  });

  it.skipIf(!hasScript)('on a terminal: a progress bar with done/total, rate and the issue, instead of the lines', async () => {
    const dir = await three();
    // util-linux `script` gives the run a pseudo-terminal, as an editor's console is.
    const run = spawnSync('script', ['-qfec', `node ${BIN} build --format html`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '', NO_COLOR: '' } });
    expect(run.status).toBe(0);
    const screen = run.stdout;
    expect(screen).toMatch(/[█░]{24} \d\/3 期 {2}[\d.]+ 期\/秒 {2}剩余约 \d+:\d\d {2}bulletins\/2021\/00\d\.md/);
    expect(screen).not.toContain('✓ bulletins');
    expect(screen).toContain('已生成 3 期');
  });
});
