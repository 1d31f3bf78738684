// The package as a user gets it: `npm pack`, installed into an empty folder whose path has a
// space and Chinese characters (every Windows user named 张 三), builds a demo issue to HTML and
// PDF there with nothing from this checkout but the tarball (dependencies come from the npm cache
// that `npm ci` filled; the registry is used only for what the cache lacks). The install prints
// no npm warning and stays within 250 MB.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Bytes of the files under a folder (links not followed), as `du --apparent-size` counts them. */
async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await sizeOf(full);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

describe('the npm package', () => {
  it('packs, installs without a warning into an empty folder under “张 三/项目” and builds a demo issue there (HTML, PDF, Word, OFD)', { timeout: 300_000 }, async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'bulletin-pack-'));
    // 760 MB once installed: removed afterwards, or every run of the suite leaves one behind.
    onTestFinished(() => rm(work, { recursive: true, force: true }));
    // Pack from a copy, so that its `prepare` build never touches the dist-lib other tests run.
    const copy = path.join(work, 'source');
    await mkdir(copy);
    for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'bin', 'src', 'templates', 'scripts', 'docs', 'fonts']) {
      // fonts/ (made by the build) is copied when there, so that packing does not cut the fonts again.
      if (existsSync(path.join(ROOT, entry))) await cp(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
    }
    await symlink(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const packed = await run(npm, ['pack', '--json', '--pack-destination', work], { cwd: copy, maxBuffer: 64 << 20 });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path);
    for (const needed of ['bin/bulletin.js', 'dist-lib/cli/main.js', 'dist-lib/index.js', 'dist-lib/types/index.d.ts', 'templates/bulletin.njk', 'templates/init/issue.md.njk', 'docs/config.md', 'package.json', 'fonts/cmaps.json']) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((f) => /^(src|tests|scripts|bench)\//.test(f) || f.endsWith('.map'))).toEqual([]);
    // Each default face once: its web slices and its two prepared print cuts, nothing else.
    expect(files.filter((f) => f.startsWith('fonts/print/')).length).toBe(8);

    const app = path.join(work, '张 三', '项目');
    await mkdir(path.join(app, 'bulletins/2021'), { recursive: true });
    await writeFile(path.join(app, 'package.json'), '{ "private": true }\n');
    await cp(path.join(ROOT, 'bulletins/2021/065.md'), path.join(app, 'bulletins/2021/065.md'));
    await cp(path.join(ROOT, 'bulletins/2021/images'), path.join(app, 'bulletins/2021/images'), { recursive: true });
    const installed = await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, info!.filename)], { cwd: app, maxBuffer: 64 << 20 });
    expect(`${installed.stdout}${installed.stderr}`.split('\n').filter((l) => /^npm warn/i.test(l))).toEqual([]);
    expect(await sizeOf(path.join(app, 'node_modules'))).toBeLessThanOrEqual(250 * 2 ** 20);

    const bin = path.join(app, 'node_modules/.bin/bulletin');
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run(bin, ['--version'], { cwd: app })).stdout).toBe(`${pkg.version}\n`);
    // A user cache of its own, under the same kind of path: the first run unpacks and says so.
    const cache = path.join(work, '缓存 目录');
    const built = await run(bin, ['build'], { cwd: app, env: { ...process.env, XDG_CACHE_HOME: cache } });
    if (process.platform === 'linux' && process.arch === 'x64') expect(built.stderr).toContain('首次使用：解压浏览器');
    expect(built.stdout).toMatch(/^✓ bulletins\/2021\/065\.md → dist\/2021\/065\.html、dist\/2021\/065\.pdf（\d+ 页）\n/);
    expect((await readFile(path.join(app, 'dist/2021/065.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await readFile(path.join(app, 'dist/2021/065.html'), 'utf8')).toContain('江西应急管理简报');
    expect((await readdir(path.join(app, 'dist/assets/fonts'))).length).toBeGreaterThan(0);
    // Word and OFD, from the packages bundled into dist-lib (docx; pdf.js reading the PDF's drawing).
    const more = await run(bin, ['build', '--format', 'docx,ofd', '--out', 'dist-more'], { cwd: app, env: { ...process.env, XDG_CACHE_HOME: cache } });
    expect(more.stdout).toMatch(/^✓ bulletins\/2021\/065\.md → dist-more\/2021\/065\.docx、dist-more\/2021\/065\.ofd（\d+ 页）\n/);
    expect((await readFile(path.join(app, 'dist-more/2021/065.ofd'))).subarray(0, 2).toString()).toBe('PK');

    // The library entry point: the same core functions, loaded on demand.
    const lib = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('bulletin'); console.log(Object.keys(m).sort().join(','))"], { cwd: app });
    expect(lib.stdout.trim()).toBe('build,check,importText,newIssue,preview,verify');
  });
});
