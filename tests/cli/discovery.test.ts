// Project discovery: a command finds its project from the working folder upwards, as git does.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateProject, type PlaceFs } from '../../src/config/locate.js';
import { cliIn, copyInto, FIXTURES, tempProject } from '../helpers/project.js';

/** A file system of these Windows paths (files; their folders exist too), read through path.win32. */
function windows(files: string[]): PlaceFs {
  const dirs = new Set<string>();
  for (const f of files) for (let d = path.win32.dirname(f); !dirs.has(d); d = path.win32.dirname(d)) dirs.add(d);
  const key = (p: string) => path.win32.normalize(p).toLowerCase();
  const fileSet = new Set(files.map(key));
  const dirSet = new Set([...dirs].map(key));
  return { path: path.win32, isFile: (p) => fileSet.has(key(p)), isDirectory: (p) => dirSet.has(key(p)) };
}

describe('locateProject', () => {
  const fs = windows(['C:\\Users\\张 三\\应急 简报\\bulletin.config.yaml', 'C:\\Users\\张 三\\应急 简报\\bulletins\\2026\\001.md', 'D:\\旧稿\\bulletins\\2021\\064.md', 'D:\\旧稿\\其他\\说明.txt']);

  it('walks up from a subfolder to the folder with bulletin.config.yaml (Windows paths)', () => {
    expect(locateProject('C:\\Users\\张 三\\应急 简报\\bulletins\\2026', undefined, fs)).toEqual({
      root: 'C:\\Users\\张 三\\应急 简报',
      config: 'C:\\Users\\张 三\\应急 简报\\bulletin.config.yaml',
      found: true,
      named: false,
    });
  });

  it('takes a folder with bulletins/ as a project without a config', () => {
    expect(locateProject('D:\\旧稿\\bulletins\\2021', undefined, fs).root).toBe('D:\\旧稿');
    expect(locateProject('D:\\旧稿\\其他', undefined, fs)).toMatchObject({ root: 'D:\\旧稿', found: true });
  });

  it('stops at the root of the drive: nothing found is the working folder', () => {
    expect(locateProject('C:\\Users\\张 三', undefined, fs)).toEqual({ root: 'C:\\Users\\张 三', config: 'C:\\Users\\张 三\\bulletin.config.yaml', found: false, named: false });
  });

  it('--config names the file: its folder is the root, relative to the working folder', () => {
    expect(locateProject('C:\\Users\\张 三\\应急 简报\\bulletins', '..\\..\\别处\\简报.yaml', fs)).toEqual({
      root: 'C:\\Users\\张 三\\别处',
      config: 'C:\\Users\\张 三\\别处\\简报.yaml',
      found: true,
      named: true,
    });
  });
});

const CONFIG = 'title: 测试专用简报\nout: site\n';

async function project(config = CONFIG, name = 'bulletin.config.yaml'): Promise<string> {
  const dir = await tempProject({ [name]: config });
  await copyInto(dir, path.join(FIXTURES, 'samples/jx-2021-064.md'), 'bulletins/2021/064.md');
  return dir;
}

describe('bulletin in a subfolder of a project', () => {
  it('build of a file argument uses the project config and output folder', async () => {
    const dir = await project();
    const r = await cliIn(path.join(dir, 'bulletins/2021'), ['build', '064.md', '--format', 'html']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^✓ 064\.md → \.\.\/\.\.\/site\/2021\/064\.html\n/);
    expect(await readFile(path.join(dir, 'site/2021/064.html'), 'utf8')).toContain('测试专用简报');
    expect(existsSync(path.join(dir, 'bulletins/2021/dist'))).toBe(false);
  });

  it('build with no argument from a subfolder builds the whole project', async () => {
    const dir = await project();
    const r = await cliIn(path.join(dir, 'bulletins'), ['build', '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ 2021/064.md → ../site/2021/064.html');
    const manifest = JSON.parse(await readFile(path.join(dir, 'site/manifest.json'), 'utf8')) as { issues: Array<{ source: string }> };
    expect(manifest.issues.map((i) => i.source)).toEqual(['bulletins/2021/064.md']);
  });

  it('new from a subfolder numbers after the project and writes into its sources folder', async () => {
    const dir = await project('title: 测试专用简报\nsources: 稿件\n');
    const { rename, mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, '稿件'));
    await rename(path.join(dir, 'bulletins/2021'), path.join(dir, '稿件/2021'));
    const r = await cliIn(path.join(dir, '稿件/2021'), ['new', '--date', '2021-06-28']);
    expect(r.err).toBe('');
    expect(r.out).toBe('065.md\n');
    expect(existsSync(path.join(dir, '稿件/2021/065.md'))).toBe(true);
  });

  it('--cwd runs as if started in that folder', async () => {
    const dir = await project();
    const elsewhere = await tempProject();
    const r = await cliIn(elsewhere, ['--cwd', path.relative(elsewhere, path.join(dir, 'bulletins/2021')), 'check']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^检查了 1 期/);
    const bad = await cliIn(elsewhere, ['check', '--cwd', 'no-such-folder']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("'no-such-folder' 无效：不是一个已有的目录");
  });

  it('--config names a config of another name; a missing one is an error, not the preset', async () => {
    const dir = await project(CONFIG, '简报 设置.yaml');
    const elsewhere = await tempProject();
    const r = await cliIn(elsewhere, ['--config', path.join(dir, '简报 设置.yaml'), 'build', '--format', 'html']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await readFile(path.join(dir, 'site/2021/064.html'), 'utf8')).toContain('测试专用简报');
    const missing = await cliIn(dir, ['--config', 'nope.yaml', 'check']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.yaml');
    expect(missing.err).toContain('无法读取配置文件：文件不存在');
  });

  it('an empty folder suggests bulletin init', async () => {
    const dir = await tempProject();
    for (const argv of [['build'], ['check']]) {
      const r = await cliIn(dir, argv);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`错误：${dir} 及其上级目录中都没有 bulletin.config.yaml 或 bulletins/ 目录。\n提示：用 \`bulletin init\` 在这里新建一个简报项目；或进入已有项目的目录，或用 --cwd、--config 指出项目。\n`);
    }
    const en = await cliIn(dir, ['build', '--lang', 'en']);
    expect(en.err).toContain('hint: Start a bulletin project here with `bulletin init`');
  });
});
