import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/core/io.js';
import { run } from '../../src/cli/main.js';
import { parse } from '../../src/pipeline/parse.js';
import { validate } from '../../src/pipeline/validate.js';
import { lintTypography } from '../../src/lint/typography.js';
import type { FrontMatter } from '../../src/model/frontMatter.js';

const ARCHIVE = fileURLToPath(new URL('../fixtures/new/archive/', import.meta.url));
const SERIES = '省安全生产专项整治三年行动专刊';

let root: string;
let out: { stdout: string; stderr: string };
const io = (env: Io['env'] = {}): Io => ({
  cwd: root,
  stdout: (t) => void (out.stdout += t),
  stderr: (t) => void (out.stderr += t),
  env,
});

/** `bulletin new` as the editor runs it: the CLI in-process, printing into `out`. */
async function newIssue(options: { date?: string; series?: string; title?: string; json?: boolean; io: Io }): Promise<{ exitCode: number; path?: string }> {
  const argv = ['new'];
  if (options.date) argv.push('--date', options.date);
  if (options.series) argv.push('--series', options.series);
  if (options.title) argv.push('--title', options.title);
  if (options.json) argv.push('--json');
  const exitCode = await run(argv, options.io);
  return { exitCode, ...(exitCode === 0 && !options.json ? { path: out.stdout.trim().split('\n').at(-1) } : {}) };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'bulletin-new-'));
  await cp(ARCHIVE, root, { recursive: true });
  out = { stdout: '', stderr: '' };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Reads a created source back through the lead's stages: it must be a valid issue. */
async function created(rel: string): Promise<{ text: string; fm: FrontMatter; file: VFile }> {
  const text = await readFile(path.join(root, rel), 'utf8');
  const file = new VFile({ path: rel, value: text });
  const parsed = parse(file);
  const fm = parsed && validate(file, parsed);
  if (!parsed || !fm) throw new Error(`invalid source created:\n${text}\n${file.messages.join('\n')}`);
  lintTypography(file, parsed.tree);
  return { text, fm, file };
}

describe('bulletin new', () => {
  it('continues the numbering within the year', async () => {
    const result = await newIssue({ date: '2020-12-28', io: io() });
    expect(result).toEqual({ exitCode: 0, path: 'bulletins/2020/092.md' });
    expect(out.stdout).toBe('bulletins/2020/092.md\n');
    const { fm, file, text } = await created('bulletins/2020/092.md');
    expect(fm).toEqual({ issue: 92, total: 144, date: '2020-12-28', distribution: { 抄报: '省委、省政府领导' } });
    // What new cannot fill is marked 【待补】, and check names each one.
    expect(text).toContain('\n# 【待补】标题\n\n【待补】正文，段与段之间空一行。\n');
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`)).toEqual(['9:3 placeholder true', '11:1 placeholder true']);
  });

  it('restarts the issue at 1 in a new year and numbers a series after its last issue', async () => {
    const result = await newIssue({ date: '2021-01-05', series: SERIES, title: '全省安全生产工作会议召开', io: io() });
    expect(result.path).toBe('bulletins/2021/001.md');
    const { fm, text } = await created('bulletins/2021/001.md');
    expect(fm).toMatchObject({ issue: 1, total: 144, date: '2021-01-05', series: { name: SERIES, number: 45 } });
    expect(text).toContain('\n# 全省安全生产工作会议召开\n');
  });

  it('run twice, creates two consecutive issues', async () => {
    expect((await newIssue({ date: '2021-01-05', series: SERIES, io: io() })).exitCode).toBe(0);
    expect((await newIssue({ date: '2021-01-12', series: SERIES, io: io() })).exitCode).toBe(0);
    expect(out.stdout).toBe('bulletins/2021/001.md\nbulletins/2021/002.md\n');
    expect((await created('bulletins/2021/002.md')).fm).toMatchObject({ issue: 2, total: 145, series: { number: 46 } });
  });

  it('never overwrites an existing file', async () => {
    // A misfiled issue: dated 2020 but stored where 2021's first issue goes.
    const misfiled = '---\nissue: 92\ntotal: 144\ndate: 2020-12-31\n---\n\n# 标题\n\n正文。\n';
    await mkdir(path.join(root, 'bulletins/2021'), { recursive: true });
    await writeFile(path.join(root, 'bulletins/2021/001.md'), misfiled);
    const result = await newIssue({ date: '2021-01-05', io: io() });
    expect(result.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('bulletins/2021/001.md 已经存在');
    expect(await readFile(path.join(root, 'bulletins/2021/001.md'), 'utf8')).toBe(misfiled);
  });

  it('prints a JSON object with --json', async () => {
    await newIssue({ date: '2021-01-05', series: SERIES, json: true, io: io() });
    expect(JSON.parse(out.stdout)).toEqual({
      ok: true,
      exitCode: 0,
      path: 'bulletins/2021/001.md',
      issue: 1,
      total: 144,
      date: '2021-01-05',
      series: { name: SERIES, number: 45 },
    });
  });

  it('dates the issue from SOURCE_DATE_EPOCH in Asia/Shanghai', async () => {
    // 2020-12-31T16:30:00Z is already 2021-01-01 in China.
    const result = await newIssue({ io: io({ SOURCE_DATE_EPOCH: String(Date.UTC(2020, 11, 31, 16, 30) / 1000) }) });
    expect(result.path).toBe('bulletins/2021/001.md');
    expect((await created('bulletins/2021/001.md')).fm.date).toBe('2021-01-01');
  });

  it('refuses an impossible date and a date before the latest issue', async () => {
    expect((await newIssue({ date: '2021-02-30', io: io() })).exitCode).toBe(2);
    expect((await newIssue({ date: '2020-12-01', io: io() })).exitCode).toBe(1);
    expect(out.stderr).toContain('bulletins/2020/091.md');
  });

  it('uses the project template and config, without HTML escaping', async () => {
    await writeFile(path.join(root, 'bulletin.config.yaml'), 'numbering:\n  reset: never\ndistribution:\n  抄送: [甲单位, 乙单位]\n');
    await mkdir(path.join(root, 'templates'));
    await writeFile(path.join(root, 'templates/new.md.njk'), '---\nissue: {{ issue }}\ntotal: {{ total }}\ndate: {{ date }}\n---\n\n# {{ title }}\n');
    await newIssue({ date: '2021-01-05', title: '安全 & 生产 <一>', io: io() });
    expect(await readFile(path.join(root, 'bulletins/2021/092.md'), 'utf8')).toBe('---\nissue: 92\ntotal: 144\ndate: 2021-01-05\n---\n\n# 安全 & 生产 <一>\n');
  });

  it('writes the config distribution with lists into the built-in template', async () => {
    await writeFile(path.join(root, 'bulletin.config.yaml'), 'distribution:\n  抄报: 省委、省政府领导\n  分送: ["应急管理部办公厅", "yes", "省直有关部门: 各处"]\n');
    await newIssue({ date: '2021-01-05', io: io() });
    expect((await created('bulletins/2021/001.md')).fm.distribution).toEqual({
      抄报: '省委、省政府领导',
      分送: ['应急管理部办公厅', 'yes', '省直有关部门: 各处'],
    });
  });

  it('starts an empty project at 1', async () => {
    await rm(path.join(root, 'bulletins'), { recursive: true });
    await newIssue({ date: '2021-06-25', io: io() });
    expect((await created('bulletins/2021/001.md')).fm).toMatchObject({ issue: 1, total: 1 });
  });

  it('is registered in the CLI', async () => {
    expect(await run(['new', '--date', '2021-01-05', '--series', SERIES], io())).toBe(0);
    expect(out.stdout).toBe('bulletins/2021/001.md\n');
    expect(await run(['new', '--date', '2021-13-01'], io())).toBe(2);
  });
});
