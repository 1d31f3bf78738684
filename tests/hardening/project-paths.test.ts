// A project is data: no file of it is run, no link of it leads out of it, and a file that is not
// a regular file (a FIFO, /dev/zero) is refused before it is read, so build, check and new end.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { check } from '../../src/core/check.js';
import { doctor } from '../../src/core/doctor.js';
import { FRONT, captureIo, runCli, tempDir, tempProject } from './helpers.js';

const SOURCE = `${FRONT}\n# 标题\n\n正文。\n`;
const canFifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return process.platform !== 'win32';
  } catch {
    return false;
  }
})();

/** A project whose config names `./evil.sh`, a script that leaves a mark when it runs. */
async function evilBrowserProject(executablePath: (dir: string) => string) {
  const dir = await tempProject({ 'bulletins/a.md': SOURCE });
  const mark = path.join(dir, 'RAN');
  await writeFile(path.join(dir, 'evil.sh'), `#!/bin/sh\ntouch '${mark}'\nexit 1\n`);
  await chmod(path.join(dir, 'evil.sh'), 0o755);
  await writeFile(path.join(dir, 'bulletin.config.yaml'), `browser:\n  executablePath: ${executablePath(dir)}\n`);
  return { dir, mark };
}

describe('a browser named by the project', () => {
  it('is refused inside the project, by build and by doctor, and never run', async () => {
    const { dir, mark } = await evilBrowserProject(() => './evil.sh');
    const result = await build({ io: captureIo(dir), formats: ['html', 'pdf'] });
    expect(result.exitCode).toBe(1);
    const config = result.issues.find((i) => i.file.path.endsWith('bulletin.config.yaml'));
    expect(config!.file.messages.map((m) => [m.ruleId, m.reason, m.line])).toEqual([
      ['config-browser-inside', 'browser.executablePath 须是项目之外的绝对路径，不运行：./evil.sh', 2],
    ]);
    const report = await doctor({ io: captureIo(dir) });
    expect(report.config.problems.join('\n')).toContain('browser.executablePath 须是项目之外的绝对路径，不运行：./evil.sh');
    expect(report.browser.tried.map((t) => t.source)).not.toContain('配置 browser.executablePath');
    expect(existsSync(mark)).toBe(false);
  }, 60_000);

  it('is refused when an absolute path outside links back into the project', async () => {
    const outside = await tempDir();
    const { dir, mark } = await evilBrowserProject((d) => path.join(outside, 'chrome'));
    await symlink(path.join(dir, 'evil.sh'), path.join(outside, 'chrome'));
    const result = await build({ io: captureIo(dir), formats: ['html', 'pdf'] });
    expect(result.exitCode).toBe(1);
    expect(result.issues.flatMap((i) => i.file.messages.map((m) => m.ruleId))).toContain('config-browser-inside');
    expect(existsSync(mark)).toBe(false);
  });
});

describe('links out of the project', () => {
  it('refuses a source that links outside, and a font file that does', async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, 'secret.md'), SOURCE.replace('正文。', 'SECRET-OUTSIDE。'));
    await writeFile(path.join(outside, 'font.ttf'), 'not a font');
    const dir = await tempProject({ 'bulletins/a.md': SOURCE, 'bulletin.config.yaml': 'fonts:\n  kai:\n    file: fonts/kai.ttf\n' });
    await symlink(path.join(outside, 'secret.md'), path.join(dir, 'bulletins/b.md'));
    await mkdir(path.join(dir, 'fonts'));
    await symlink(path.join(outside, 'font.ttf'), path.join(dir, 'fonts/kai.ttf'));
    const result = await build({ io: captureIo(dir), formats: ['html'] });
    expect(result.exitCode).toBe(1);
    const byFile = Object.fromEntries(result.issues.map((i) => [i.file.path, i.file.messages.map((m) => [m.ruleId, m.reason])]));
    expect(byFile['bulletin.config.yaml']).toEqual([['config-font-outside', '字体文件在项目目录之外：fonts/kai.ttf']]);
    const checked = await check({ io: captureIo(dir) });
    expect(checked.exitCode).toBe(1);
    await writeFile(path.join(dir, 'bulletin.config.yaml'), '');
    const again = await build({ io: captureIo(dir), formats: ['html'] });
    const b = again.issues.find((i) => i.file.path === 'bulletins/b.md')!;
    expect(b.file.messages.map((m) => [m.ruleId, m.reason])).toEqual([['source-outside-project', '源文件是指向项目之外的链接，不读取']]);
    expect(again.issues.find((i) => i.file.path === 'bulletins/a.md')!.file.messages).toEqual([]);
  });
});

describe('files that are not regular files', () => {
  it('refuses a source linked to /dev/zero before reading it', async () => {
    const dir = await tempProject({ 'bulletins/a.md': SOURCE });
    const outside = await tempDir();
    await symlink('/dev/zero', path.join(outside, 'zero.md'));
    // Named on the command line (a file outside the project may be built so): still a device.
    const result = await build({ io: captureIo(dir), formats: ['html'], paths: [path.join(outside, 'zero.md')] });
    expect(result.exitCode).toBe(1);
    expect(result.issues[0]!.file.messages.map((m) => [m.ruleId, m.reason])).toEqual([['source-not-a-file', '这不是普通文件（设备文件），不读取']]);
  });

  it.skipIf(!canFifo)('a FIFO among the sources, templates or as the config: build, check and new end, each naming it', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': SOURCE });
    execFileSync('mkfifo', [path.join(dir, 'bulletins/2021/pipe.md')]);
    for (const args of [['build', '--format', 'html'], ['check'], ['new', '--date', '2021-07-01']]) {
      const run = await runCli(args, dir, 20_000);
      expect(run.signal, `${args[0]} ended by itself`).toBeNull();
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr, args[0]).toContain('bulletins/2021/pipe.md');
      expect(run.stderr, args[0]).toContain('这不是普通文件（命名管道），不读取');
    }
    const dir2 = await tempProject({ 'bulletins/a.md': SOURCE });
    await mkdir(path.join(dir2, 'templates'));
    execFileSync('mkfifo', [path.join(dir2, 'templates/sheet.njk')]);
    const run = await runCli(['build', '--format', 'html'], dir2, 20_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).toContain('模板 templates/sheet.njk 不是普通文件（命名管道），不读取');
    const dir3 = await tempProject({ 'bulletins/a.md': SOURCE });
    execFileSync('mkfifo', [path.join(dir3, 'bulletin.config.yaml')]);
    const run3 = await runCli(['check'], dir3, 20_000);
    expect(run3.signal).toBeNull();
    expect(run3.stderr).toContain('不是普通的配置文件（命名管道）');
  }, 90_000);
});
