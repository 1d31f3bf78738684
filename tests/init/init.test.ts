// bulletin init: a project that checks and builds at once, a config that documents every option
// and means exactly the preset, a CI workflow that shards and merges; nothing is ever overwritten.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as z from 'zod/mini';
import { loadConfig } from '../../src/config/load.js';
import { locateProject } from '../../src/config/locate.js';
import { configSchema, defaultConfig } from '../../src/config/schema.js';
import { bulletin } from '../helpers/cli.js';
import { cliIn, tempProject } from '../helpers/project.js';

/** Every option path of the config schema: title, numbering.reset, fonts.title.file … */
function optionPaths(schema: { properties?: Record<string, unknown> }, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([k, v]) => [`${prefix}${k}`, ...optionPaths(v as typeof schema, `${prefix}${k}.`)]);
}

describe('bulletin init', () => {
  it('makes a project that passes check --strict and builds HTML and PDF', async () => {
    const dir = await tempProject();
    const made = await bulletin(dir, ['init', '应急简报', '--date', '2026-03-02']);
    expect(made.code).toBe(0);
    expect(made.stdout).toBe('已新建简报项目 应急简报：\n  bulletin.config.yaml\n  bulletins/2026/001.md\n  .gitignore\n  .github/workflows/bulletin.yml\n  package.json\n\n下一步：cd 应急简报 && bulletin build   （PDF 与 HTML 生成到 dist/）\n提交前运行一次 npm install：按 package.json 固定 bulletin 的版本，生成 CI 中 npm ci 所需的 package-lock.json。\n');
    const project = path.join(dir, '应急简报');
    expect((await bulletin(project, ['check', '--strict'])).code).toBe(0);
    const built = await bulletin(project, ['build']);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('✓ bulletins/2026/001.md → dist/2026/001.html、dist/2026/001.pdf（1 页）');
    expect((await readFile(path.join(project, 'dist/2026/001.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await readFile(path.join(project, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m);
  });

  it('.gitignore lists only what the commands create: each entry exists after init and build', async () => {
    const dir = await tempProject();
    expect((await cliIn(dir, ['init', '--date', '2026-03-02'])).code).toBe(0);
    expect((await cliIn(dir, ['build', '--format', 'html'])).code).toBe(0);
    const entries = (await readFile(path.join(dir, '.gitignore'), 'utf8')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    // node_modules/ because init wrote a package.json, which `npm install` (its message asks for it) fills.
    expect(entries).toEqual(['dist/', 'node_modules/']);
    expect(existsSync(path.join(dir, 'package.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'dist')), 'dist/').toBe(true);
  });

  it('writes every config option with a Chinese comment, meaning exactly the preset', async () => {
    const dir = await tempProject();
    expect((await bulletin(dir, ['init'])).code).toBe(0);
    const text = await readFile(path.join(dir, 'bulletin.config.yaml'), 'utf8');
    for (const option of optionPaths(z.toJSONSchema(configSchema, { io: 'input' }) as never)) {
      const key = option.split('.').at(-1)!;
      expect(text, option).toMatch(new RegExp(`^\\s*(# )?${key}:`, 'm'));
    }
    // A comment line before each option.
    expect(text).toMatch(/# 报头名称（红色大字）\ntitle: 江西应急管理简报\n/);
    const loaded = await loadConfig(locateProject(dir), (p) => p);
    expect(loaded.file?.messages).toEqual([]);
    expect(loaded.config).toEqual(defaultConfig);
  });

  it('writes a CI workflow: npm ci, then check, a sharded build matrix, then index to merge', async () => {
    const dir = await tempProject();
    await bulletin(dir, ['init']);
    const wf = parse(await readFile(path.join(dir, '.github/workflows/bulletin.yml'), 'utf8'));
    const runs = (job: string) => wf.jobs[job].steps.filter((s: { run?: string }) => s.run).map((s: { run: string }) => s.run);
    expect(runs('check')).toEqual(['npm ci', 'npx bulletin check --strict']);
    expect(wf.jobs.build.needs).toBe('check');
    expect(wf.jobs.build.strategy.matrix.shard).toEqual([1, 2]);
    expect(runs('build')[0]).toBe('npm ci');
    expect(runs('build')[1]).toMatch(/^npx bulletin build --shard \$\{\{ matrix\.shard \}\}\/2 --json/);
    expect(wf.jobs.index.needs).toBe('build');
    expect(runs('index')).toEqual(['npm ci', 'npx bulletin index']);
    // Nothing fetched by name at run time: the version comes from package.json and its lock.
    expect(JSON.stringify(wf)).not.toMatch(/npx --yes|bulletin@/);
  });

  it('writes a package.json pinning this bulletin as a development dependency, and keeps one already there', async () => {
    const dir = await tempProject();
    await bulletin(dir, ['init']);
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    const ours = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(pkg.devDependencies).toEqual({ bulletin: ours.version });
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.scripts.build).toBe('bulletin build');

    const npmProject = await tempProject();
    await writeFile(path.join(npmProject, 'package.json'), '{ "name": "mine" }\n');
    const made = await bulletin(npmProject, ['init']);
    expect(made.code).toBe(0);
    expect(made.stdout).not.toMatch(/^  package\.json$/m);
    expect(await readFile(path.join(npmProject, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
  });

  it('refuses to overwrite anything: one existing file, exit 1, nothing written', async () => {
    const dir = await tempProject({ '.gitignore': 'mine\n' });
    const r = await bulletin(dir, ['init']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('错误：.gitignore 已经存在，未做任何改动。\n提示：在一个新的或空的目录中运行 `bulletin init`，或写出目录名：`bulletin init 我的简报`。\n');
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(dir, 'bulletin.config.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, 'bulletins'))).toBe(false);
  });
});
