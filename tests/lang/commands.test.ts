// Every command, its help and its failures, run in English and in Chinese: English output has no
// Han character that the user did not write (in their files or arguments) outside quotes of Chinese
// text; Chinese output has no English sentence (commander's own messages translated too).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/paths.js';
import { cliIn, copyInto, FIXTURES, tempProject } from '../helpers/project.js';
import { strayEnglish, strayHan } from './scan.js';

const NEUTRAL = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
const SAMPLE = path.join(FIXTURES, 'samples/jx-2021-064.md');
const RAW = path.join(FIXTURES, 'samples/jx-2021-064.raw.txt');

/** A source with a front-matter typo, a typography warning, an ordinal gap, a missing image and a placeholder. */
const FAULTY = '---\nissue: 65\ntotal: 231\ndate: 2021-06-28\nisue: 3\n---\n\n# 全省安全生产工作会议召开\n\n## 一、强化责任\n\n安全,生产。\n\n## 三、狠抓落实\n\n![图](images/none.png)\n\n【待补】\n';

/** Everything the user wrote: the text of every file in these folders and the inputs named. */
async function userText(dirs: string[], files: string[] = []): Promise<string> {
  const all = [...files];
  for (const dir of dirs) all.push(...(await walkFiles(dir, (e) => (e.isDirectory() ? (e.name === 'dist' ? 'skip' : 'enter') : /\.(md|ya?ml|txt)$/.test(e.name) ? 'list' : 'skip'))));
  return (await Promise.all(all.map((f) => readFile(f, 'utf8')))).join('\n');
}

type Lang = 'zh' | 'en';

/** Runs each command line in `lang`, in order, and returns what each printed. */
async function runAll(lang: Lang): Promise<{ printed: Array<{ argv: string[]; text: string }>; user: string }> {
  const project = await tempProject({ 'bulletins/2021/065.md': FAULTY });
  await copyInto(project, SAMPLE, 'bulletins/2021/064.md');
  const clean = await tempProject();
  await copyInto(clean, SAMPLE, 'bulletins/2021/064.md');
  const drafts = await tempProject();
  await copyInto(drafts, SAMPLE, 'bulletins/2021/064.md');
  const empty = await tempProject();
  const imported = await tempProject();
  const printed: Array<{ argv: string[]; text: string }> = [];
  const step = async (dir: string, argv: string[]) => {
    const r = await cliIn(dir, [...argv, '--lang', lang], NEUTRAL);
    printed.push({ argv, text: r.out + r.err });
    return r;
  };
  for (const command of ['build', 'preview', 'check', 'new', 'import', 'index', 'verify', 'doctor', 'init']) await step(empty, [command, '--help']);
  await step(empty, ['--help']);
  await step(empty, ['help', 'build']);
  // The project's commands, their successes and their problems.
  await step(project, ['check']);
  await step(project, ['check', '--fix', '--dry-run']);
  await step(project, ['check', '--json']);
  await step(project, ['build', '--format', 'html']);
  await step(project, ['build', '--format', 'html']);
  await step(project, ['build', '--format', 'html', '--json']);
  await step(clean, ['build', '--format', 'html', '-q']);
  await step(clean, ['verify']);
  await step(clean, ['index']);
  await step(clean, ['build', '--format', 'pdf', '--browser', '/nonexistent/chrome', '--force']);
  await step(clean, ['doctor', '--browser', '/nonexistent/chrome']);
  await step(drafts, ['new', '--date', '2021-06-28']);
  await step(drafts, ['new', '--date', '2021-06-28']);
  await step(drafts, ['new', '--date', '2021-01-01']);
  await step(drafts, ['build', '--draft', '--format', 'html']);
  await step(imported, ['import', RAW, '--out', 'bulletins']);
  await step(imported, ['import', path.join(FIXTURES, 'import/web-page-furniture'), '--out', 'web', '--verify']);
  await step(imported, ['import', RAW, '--out', 'bulletins']);
  await step(empty, ['init', 'project']);
  await step(empty, ['init', 'project']);
  // Outside a project, and every kind of usage error.
  const nothing = await tempProject();
  await step(nothing, ['build']);
  await step(nothing, ['check']);
  await step(nothing, ['preview', '--port', '0']);
  await step(nothing, ['biuld']);
  await step(nothing, ['build', '--formt', 'pdf']);
  await step(nothing, ['build', '--format', 'odt']);
  await step(nothing, ['build', '-j', '0']);
  await step(nothing, ['build', '--shard', '4/3']);
  await step(nothing, ['preview', '--port', 'x']);
  await step(nothing, ['new', '--date', '2021-02-30']);
  await step(nothing, ['init', 'a', 'b']);
  await step(nothing, ['import']);
  await step(nothing, ['import', 'missing.txt']);
  await step(nothing, ['check', '--cwd', 'nowhere']);
  await step(nothing, ['build', '--out']);
  const user = await userText([project, clean, drafts, imported], [RAW, ...(await walkFiles(path.join(FIXTURES, 'import/web-page-furniture')))]);
  return { printed, user };
}

/** The messages, hints and titles of a --json result. */
function saidInJson(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(saidInJson);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? (['message', 'hint', 'title'].includes(k) ? [v] : []) : saidInJson(v)));
}

describe('one language at a time', () => {
  it('English: no Han character the user did not write', async () => {
    const { printed, user } = await runAll('en');
    expect(printed.length).toBeGreaterThan(45);
    const stray = printed.flatMap(({ argv, text }) => strayHan(text, user).map((h) => `${argv.join(' ')}: ${h}`));
    expect(stray).toEqual([]);
  }, 120_000);

  it('Chinese: no English sentence, commander included', async () => {
    const { printed, user } = await runAll('zh');
    // --json keeps its keys (an interface, in English); its messages and hints speak the language.
    const spoken = (argv: string[], text: string) => (argv.includes('--json') ? saidInJson(JSON.parse(text)).join('\n') : text);
    const stray = printed.flatMap(({ argv, text }) => strayEnglish(spoken(argv, text), user).map((w) => `${argv.join(' ')}: ${w}`));
    expect(stray).toEqual([]);
    // Commander's own words, translated.
    const said = (argv: string) => printed.find((p) => p.argv.join(' ') === argv)?.text ?? '';
    expect(said('biuld')).toContain('（是不是 build？）');
    expect(said('build --formt pdf')).toContain('（是不是 --format？）');
  }, 120_000);

  it('--lang with a choice that does not exist is told in Chinese', async () => {
    const r = await cliIn(await tempProject(), ['check', '--lang', 'fr'], NEUTRAL);
    expect(r.code).toBe(2);
    expect(r.err).toBe("错误：选项 '--lang <zh|en>' 的参数 'fr' 无效：可选：zh、en。\n（用 bulletin --help 查看用法）\n");
  });
});
