// The output folder is bulletin's only (issue 29, item 1): never `/`, the home folder, the
// project or its sources; outside the project only when named on the command line; stamped as
// this project's, and never taken from another project or from the user without --force-out;
// the start-up sweep stays in the folders bulletin writes; sources cannot take the names of the
// pages bulletin writes.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/core/build.js';
import { BulletinError } from '../../src/diagnostics/errors.js';
import { FRONT, STACK_LINE, captureIo, runCli, tempDir, tempProject } from './helpers.js';

const SOURCE = { 'bulletins/001.md': `${FRONT}\n# 标题\n\n正文。\n` };

function html(dir: string, extra: Partial<BuildOptions> = {}, env: Record<string, string | undefined> = {}) {
  const io = captureIo(dir);
  Object.assign(io.env, env);
  return build({ io, formats: ['html'], ...extra });
}

function errorName(result: { error?: unknown }): string | undefined {
  return result.error instanceof BulletinError ? result.error.errorName : undefined;
}

describe('an output folder that is not bulletin’s to write', () => {
  it('refuses / (nothing is read as a folder to write into, not even with --force-out)', async () => {
    // A source with an error: even the unguarded build writes nothing into / for it.
    const dir = await tempProject({ 'bulletins/001.md': '---\nissue: x\n---\n\n# 标题\n' });
    const result = await html(dir, { out: '/' });
    expect(errorName(result)).toBe('OutputUnsafe');
    expect(result.exitCode).toBe(1);
    expect(errorName(await html(dir, { out: '/', forceOut: true }))).toBe('OutputUnsafe');
  });

  it('refuses the home folder, and writes nothing into it', async () => {
    const home = await tempDir('bulletin-home-');
    const dir = await tempProject(SOURCE);
    const result = await html(dir, { out: home }, { HOME: home });
    expect(errorName(result)).toBe('OutputUnsafe');
    expect(await readdir(home)).toEqual([]);
  });

  it('refuses the project folder itself (--out .): the user’s own index.html is not overwritten', async () => {
    const dir = await tempProject({ ...SOURCE, 'index.html': '<p>my own page</p>' });
    const result = await html(dir, { out: '.', forceOut: true });
    expect(errorName(result)).toBe('OutputUnsafe');
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toBe('<p>my own page</p>');
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(false);
  });

  it('refuses a folder that contains the project (the parent of the project)', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'project');
    await mkdir(path.join(dir, 'bulletins'), { recursive: true });
    await writeFile(path.join(dir, 'bulletins', '001.md'), SOURCE['bulletins/001.md']);
    expect(errorName(await html(dir, { out: '..' }))).toBe('OutputUnsafe');
    expect(await readdir(parent)).toEqual(['project']);
  });

  it('refuses the sources folder (config out: bulletins) and a folder inside it', async () => {
    const dir = await tempProject({ ...SOURCE, 'bulletin.config.yaml': 'out: bulletins\n' });
    expect(errorName(await html(dir))).toBe('OutputUnsafe');
    expect(await readdir(path.join(dir, 'bulletins'))).toEqual(['001.md']);
    expect(errorName(await html(dir, { out: 'bulletins/site' }))).toBe('OutputUnsafe');
  });

  it('refuses a config `out:` outside the project; the same folder named with --out is built into', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'project');
    await mkdir(path.join(dir, 'bulletins'), { recursive: true });
    await writeFile(path.join(dir, 'bulletins', '001.md'), SOURCE['bulletins/001.md']);
    await writeFile(path.join(dir, 'bulletin.config.yaml'), 'out: ../victim\n');
    const result = await html(dir);
    expect(errorName(result)).toBe('OutputOutsideProject');
    expect(existsSync(path.join(parent, 'victim'))).toBe(false);
    const named = await html(dir, { out: '../victim' });
    expect(named.error).toBeUndefined();
    expect(existsSync(path.join(parent, 'victim', '001.html'))).toBe(true);
  });

  it('refuses a config `out:` that reaches outside through a symbolic link', async () => {
    const elsewhere = await tempDir();
    const dir = await tempProject({ ...SOURCE, 'bulletin.config.yaml': 'out: site/dist\n' });
    const { symlink } = await import('node:fs/promises');
    await symlink(elsewhere, path.join(dir, 'site'));
    expect(errorName(await html(dir))).toBe('OutputOutsideProject');
    expect(await readdir(elsewhere)).toEqual([]);
  });
});

describe('the .bulletin-output stamp', () => {
  it('a build stamps its folder with the project’s id; a moved project still builds into its own', async () => {
    const dir = await tempProject(SOURCE);
    expect((await html(dir)).error).toBeUndefined();
    const stamp = JSON.parse(await readFile(path.join(dir, 'dist', '.bulletin-output'), 'utf8')) as { project: string };
    expect(stamp.project).toMatch(/^[0-9a-f]{16,}$/);
    const moved = `${dir}-moved`;
    await rename(dir, moved);
    const again = await html(moved);
    expect(again.error).toBeUndefined();
    expect(again.exitCode).toBe(0);
  });

  it('refuses a non-empty folder that is not stamped, touching nothing; --force-out takes it over', async () => {
    const dir = await tempProject({ ...SOURCE, 'dist/notes.txt': 'mine' });
    const result = await html(dir);
    expect(errorName(result)).toBe('OutputNotOurs');
    expect(await readdir(path.join(dir, 'dist'))).toEqual(['notes.txt']);
    const taken = await html(dir, { forceOut: true });
    expect(taken.error).toBeUndefined();
    expect(existsSync(path.join(dir, 'dist', '.bulletin-output'))).toBe(true);
    expect(await readFile(path.join(dir, 'dist', 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a folder caught while another build writes its stamp is that build’s, not a stranger’s', async () => {
    // The first build holds the lock and is writing its stamp (a temporary beside the stamp's
    // name); a second build caught there is told of the lock, not that the folder is someone else's.
    const dir = await tempProject({ ...SOURCE, 'dist/.bulletin-output.4242.tmp': '{"project":"' });
    const result = await html(dir);
    expect(errorName(result)).not.toBe('OutputNotOurs');
    expect(result.exitCode).toBe(0);
  });

  it('two projects building into one folder: the second is refused and the first one’s issues stay', async () => {
    const shared = await tempDir();
    const a = await tempProject(SOURCE);
    const b = await tempProject({ 'bulletins/002.md': `${FRONT.replace('issue: 1', 'issue: 2').replace('total: 1', 'total: 2')}\n# 另一期\n\n正文。\n` });
    expect((await html(a, { out: shared })).error).toBeUndefined();
    const second = await html(b, { out: shared });
    expect(errorName(second)).toBe('OutputNotOurs');
    expect(existsSync(path.join(shared, '001.html'))).toBe(true);
    expect(existsSync(path.join(shared, '002.html'))).toBe(false);
    expect(await readFile(path.join(shared, 'manifest.json'), 'utf8')).toContain('bulletins/001.md');
  });

  it('adopts an unstamped folder an older bulletin built for this project', async () => {
    const dir = await tempProject(SOURCE);
    expect((await html(dir)).error).toBeUndefined();
    await rename(path.join(dir, 'dist', '.bulletin-output'), path.join(dir, 'stamp.bak'));
    const again = await html(dir);
    expect(again.error).toBeUndefined();
    expect(existsSync(path.join(dir, 'dist', '.bulletin-output'))).toBe(true);
  });

  it('does not adopt an unstamped folder whose manifest names sources this project lacks', async () => {
    const a = await tempProject(SOURCE);
    expect((await html(a)).error).toBeUndefined();
    await rename(path.join(a, 'dist', '.bulletin-output'), path.join(a, 'stamp.bak'));
    const b = await tempProject({ 'bulletins/other.md': SOURCE['bulletins/001.md'] });
    expect(errorName(await html(b, { out: path.join(a, 'dist') }))).toBe('OutputNotOurs');
    expect(existsSync(path.join(a, 'dist', '001.html'))).toBe(true);
  });

  it('the CLI says why and what to do, in text and in JSON', async () => {
    const dir = await tempProject({ ...SOURCE, 'dist/notes.txt': 'mine' });
    const text = await runCli(['build', '--format', 'html'], dir);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('错误：输出目录 dist 中已有不是 bulletin 生成的文件');
    expect(text.stderr).toContain('--force-out');
    expect(text.stderr).not.toMatch(STACK_LINE);
    const json = await runCli(['build', '--format', 'html', '--out', '.', '--json', '--lang', 'en'], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { name: 'OutputUnsafe' } });
    const forced = await runCli(['build', '--format', 'html', '--force-out'], dir);
    expect(forced.code).toBe(0);
  });
});

describe('the start-up sweep', () => {
  it('removes bulletin’s own leftover temporaries, not files of that name in folders bulletin does not write', async () => {
    const dir = await tempProject(SOURCE);
    expect((await html(dir)).error).toBeUndefined();
    const leftover = path.join(dir, 'dist', '.001.html.0123abcd.tmp');
    const foreign = path.join(dir, 'dist', 'notes', '.draft.0123abcd.tmp');
    await writeFile(leftover, 'half');
    await mkdir(path.dirname(foreign));
    await writeFile(foreign, 'keep me');
    expect((await html(dir, { force: true })).error).toBeUndefined();
    expect(existsSync(leftover)).toBe(false);
    expect(await readFile(foreign, 'utf8')).toBe('keep me');
  });
});

describe('names bulletin writes are reserved', () => {
  const cases: Array<[string, string]> = [
    ['bulletins/index.md', 'index.html'],
    ['bulletins/feed.md', 'feed'],
    ['bulletins/manifest.md', 'manifest'],
    ['bulletins/series/省安全生产专项整治三年行动专刊.md', 'series/'],
    ['bulletins/assets/x.md', 'assets/'],
  ];
  for (const [source, reserved] of cases) {
    it(`${source} is refused with a diagnostic naming it and ${reserved}`, async () => {
      const dir = await tempProject({ ...SOURCE, [source]: `${FRONT.replace('issue: 1', 'issue: 2').replace('total: 1', 'total: 2')}\n# 冲突\n\n正文。\n` });
      const result = await html(dir);
      expect(result.exitCode).toBe(1);
      const file = result.issues.find((i) => i.file.path === source)!.file;
      const m = file.messages.find((x) => x.ruleId === 'source-reserved-output');
      expect(m?.fatal).toBe(true);
      expect(m?.reason).toContain(reserved);
      // The listing page is bulletin's, not the source's.
      if (source === 'bulletins/index.md') expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).not.toContain('冲突');
    });
  }
});

describe('bulletin index writes under the same rules', () => {
  it('refuses the project folder as its output: the user’s index.html stays', async () => {
    const dir = await tempProject({ ...SOURCE, 'index.html': '<p>my own page</p>' });
    expect((await html(dir, { out: 'shard', shard: { index: 1, count: 1 } })).error).toBeUndefined();
    const r = await runCli(['index', 'shard', '--out', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不能把 . 用作输出目录');
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toBe('<p>my own page</p>');
  });

  it('refuses another project’s output folder', async () => {
    const other = await tempProject(SOURCE);
    expect((await html(other)).error).toBeUndefined();
    const dir = await tempProject(SOURCE);
    expect((await html(dir, { out: 'shard', shard: { index: 1, count: 1 } })).error).toBeUndefined();
    const r = await runCli(['index', 'shard', '--out', path.join(other, 'dist')], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('是另一个项目的输出');
  });
});
