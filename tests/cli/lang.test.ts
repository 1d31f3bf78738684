// The CLI speaks Simplified Chinese, or English with --lang en or an English locale; colour only
// on a terminal, never under NO_COLOR. Help and diagnostics are pinned in both languages.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { captureIo, tempProject } from '../helpers/project.js';

const SNAPSHOTS = path.join(import.meta.dirname, 'snapshots');
const NEUTRAL = { PATH: process.env.PATH };
const ESC = '\u001b[';

/** A project whose check reports an error in the front matter, a missing image, a typography warning and a numbering gap. */
async function faulty(): Promise<string> {
  return tempProject({
    'bulletins/2021/001.md': '---\nissue: 1\ntotal: 10\ndate: 2021-01-05\n---\n\n# 全省安全生产工作会议召开\n\n安全,生产。\n',
    'bulletins/2021/003.md': '---\nissue: 3\ntotal: 12\ndate: 2021-01-19\nisue: 3\n---\n\n# 标题\n\n正文。\n',
    'bulletins/2021/005.md': '---\nissue: 5\ntotal: 14\ndate: 2021-02-02\n---\n\n# 标题\n\n![图](images/none.png)\n',
  });
}

async function cli(dir: string, argv: string[], env: Record<string, string | undefined> = NEUTRAL, terminal = false) {
  const io = { ...captureIo(dir, env), terminal };
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('languages', () => {
  it('help in Chinese and in English', async () => {
    const dir = await tempProject();
    for (const lang of ['zh', 'en'] as const) {
      const top = await cli(dir, ['--lang', lang, '--help']);
      await expect(top.out).toMatchFileSnapshot(path.join(SNAPSHOTS, `help.${lang}.txt`));
      const build = await cli(dir, ['build', '--help', '--lang', lang]);
      await expect(build.out).toMatchFileSnapshot(path.join(SNAPSHOTS, `build-help.${lang}.txt`));
    }
    const en = await cli(dir, ['--lang', 'en', '--help']);
    expect(en.out).toContain('Usage: bulletin [options] [command]');
    expect(en.out.replace(/“[^”]*”|【[^】]*】|"[^"]*"/gu, '')).not.toMatch(/\p{Script=Han}/u);
  });

  it('diagnostics in Chinese and in English, the same places and rules', async () => {
    const dir = await faulty();
    const zh = await cli(dir, ['check']);
    const en = await cli(dir, ['check', '--lang', 'en']);
    expect([zh.code, en.code]).toEqual([1, 1]);
    await expect(zh.err + zh.out).toMatchFileSnapshot(path.join(SNAPSHOTS, 'check.zh.txt'));
    await expect(en.err + en.out).toMatchFileSnapshot(path.join(SNAPSHOTS, 'check.en.txt'));
    const places = (text: string) => [...text.matchAll(/^\s+(\d+:\d+)\s+\S+\s.*?\s(\S+)$/gmu)].map((m) => `${m[1]} ${m[2]}`);
    expect(places(en.err)).toEqual(places(zh.err));
    expect(places(en.err).length).toBeGreaterThanOrEqual(4);
    // English says it in English: Chinese only where it quotes the source.
    expect(en.err.replace(/“[^”]*”|"[^"]*"|bulletins\/\S+/gu, '')).not.toMatch(/\p{Script=Han}/u);
    // --json carries the message in the chosen language, with the same rule ids.
    const json = JSON.parse((await cli(dir, ['check', '--json', '--lang', 'en'])).out) as { files: Array<{ messages: Array<{ ruleId: string; message: string }> }> };
    const unknown = json.files.flatMap((f) => f.messages).find((m) => m.ruleId === 'front-matter-unknown-key');
    expect(unknown?.message).toBe('Unknown field "isue"');
  });

  it('takes English from the locale, and --lang over the locale', async () => {
    const dir = await tempProject();
    expect((await cli(dir, ['check'], { ...NEUTRAL, LANG: 'en_US.UTF-8' })).err).toBe(
      `error: Neither ${dir} nor any folder above it holds bulletin.config.yaml or a bulletins/ folder.\nhint: Start a bulletin project here with \`bulletin init\`; or go into an existing project, or point to one with --cwd or --config.\n`,
    );
    const empty = await tempProject({ 'bulletins/.keep': '' });
    expect((await cli(empty, ['check'], { ...NEUTRAL, LANG: 'en_US.UTF-8' })).err).toBe(
      'error: No .md source files under bulletins.\nhint: Start an issue with `bulletin new`, or name the source files after the command.\n',
    );
    expect((await cli(dir, ['check', '--lang', 'zh'], { ...NEUTRAL, LANG: 'en_US.UTF-8' })).err).toMatch(/^错误：/);
    expect((await cli(dir, ['check'], { ...NEUTRAL, LANG: 'C.UTF-8' })).err).toMatch(/^错误：/);
    expect((await cli(dir, ['check'], { ...NEUTRAL, LANG: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' })).err).toMatch(/^error: /);
  });

  it('colours only on a terminal, and never under NO_COLOR', async () => {
    const dir = await faulty();
    expect((await cli(dir, ['check'], NEUTRAL, true)).err).toContain(`${ESC}31m错误`);
    expect((await cli(dir, ['check'], { ...NEUTRAL, NO_COLOR: '1' }, true)).err).not.toContain(ESC);
    expect((await cli(dir, ['check'], NEUTRAL, false)).err).not.toContain(ESC);
  });
});
