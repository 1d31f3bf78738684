// Clear messages (issue 29, item 5): an output folder that cannot be written names the folder or
// file, not a temporary; a lock left with a live process that is not a bulletin build says so and
// how to remove it; terminal control characters from sources and file names never reach the
// terminal raw; a date of year 0 is refused.
import { spawn, spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { acquireLock, LOCK_NAME } from '../../src/core/lock.js';
import { BulletinError } from '../../src/diagnostics/errors.js';
import { BIN, FRONT, STACK_LINE, captureIo, runCli, tempProject } from './helpers.js';

const SOURCE = { 'bulletins/001.md': `${FRONT}\n# 标题\n\n正文。\n` };
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('an output folder that cannot be written', () => {
  // Root writes anywhere: the read-only folder is tried as an unprivileged user (nobody).
  it.skipIf(process.platform === 'win32' || !isRoot)('a read-only output folder is named, not the lock’s temporary, in text and in JSON (as an unprivileged user)', async () => {
    const dir = await tempProject(SOURCE);
    await mkdir(path.join(dir, 'dist'));
    await chown(dir, 65534, 65534);
    await chown(path.join(dir, 'bulletins'), 65534, 65534);
    await chmod(path.join(dir, 'dist'), 0o555);
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1', HOME: dir, XDG_CACHE_HOME: path.join(dir, '.cache') }, encoding: 'utf8' });
    const text = run(['build', '--format', 'html']);
    expect(text.status).toBe(1);
    expect(text.stderr.split('\n')[0]).toBe('错误：无法写入 dist：没有写入权限');
    expect(text.stderr).not.toMatch(STACK_LINE);
    const json = run(['build', '--format', 'html', '--json', '--lang', 'en']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { name: 'OutputNotWritable', message: 'Cannot write dist: permission denied' } });
  });

  it('a folder where an output file goes is named as that file', async () => {
    const dir = await tempProject(SOURCE);
    expect((await build({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    const { rm } = await import('node:fs/promises');
    await rm(path.join(dir, 'dist', '001.html'));
    await mkdir(path.join(dir, 'dist', '001.html'));
    const json = await runCli(['build', '--format', 'html', '--json', '--force'], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { name: 'OutputNotWritable', message: '无法写入 dist/001.html：这里是一个目录，而需要写入文件' } });
    expect((await readdir(path.join(dir, 'dist'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a lock whose process is not a bulletin build', () => {
  it.skipIf(process.platform !== 'linux')('a live process of another program holding the lock: LockStale with its command line and how to remove the lock', async () => {
    const dir = await tempProject(SOURCE);
    const other = spawn('sleep', ['60']);
    try {
      await mkdir(path.join(dir, 'dist'));
      await writeFile(path.join(dir, 'dist', LOCK_NAME), `${other.pid}\n0123456789abcdef\n`);
      const result = await build({ io: captureIo(dir), formats: ['html'] });
      expect(result.error).toBeInstanceOf(BulletinError);
      expect((result.error as BulletinError).errorName).toBe('LockStale');
      const r = await runCli(['build', '--format', 'html'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`进程 ${other.pid}`);
      expect(r.stderr).toContain('sleep 60');
      expect(r.stderr).toContain(`rm dist/${LOCK_NAME}`);
      const en = await runCli(['build', '--format', 'html', '--lang', 'en', '--json'], dir);
      expect(JSON.parse(en.stdout)).toMatchObject({ ok: false, error: { name: 'LockStale' } });
      expect(JSON.parse(en.stdout).error.message).toContain(`remove the lock: rm dist/${LOCK_NAME}`);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a lock written under this very process id by an earlier process (PID 1 in a container) is taken over', async () => {
    const dir = await tempProject(SOURCE);
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist', LOCK_NAME), `${process.pid}\n0123456789abcdef\n`);
    const result = await build({ io: captureIo(dir), formats: ['html'] });
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
  });

  it('a lock this process holds is still refused to a second taker in it', async () => {
    const dir = await tempProject(SOURCE);
    const held = await acquireLock(path.join(dir, 'dist'));
    try {
      const error = await acquireLock(path.join(dir, 'dist')).catch((e: unknown) => e);
      expect((error as BulletinError).errorName).toBe('LockHeld');
    } finally {
      await held.release();
    }
  });
});

describe('terminal control characters', () => {
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

  it('in a front-matter key, a heading and a file name, are shown escaped in every message, text and JSON', async () => {
    const evilKey = 'x\u001b]0;pwned\u0007\u001b[2J';
    const dir = await tempProject({
      [`bulletins/a\u001b[31m\u009b1m.md`]: `---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n"${evilKey}": 1\n---\n\n# 标题\n\n正文。\n`,
    });
    for (const lang of ['zh', 'en']) {
      const r = await runCli(['check', '--lang', lang], dir);
      expect(r.code).toBe(1);
      const all = r.stdout + r.stderr;
      expect(all).not.toMatch(CONTROL);
      expect(all).toContain('\\x1b');
      expect(all).toContain('\\u009b');
      const b = await runCli(['build', '--format', 'html', '--lang', lang], dir);
      expect(b.stdout + b.stderr).not.toMatch(CONTROL);
    }
    const json = await runCli(['check', '--json'], dir);
    expect(json.stdout).not.toMatch(CONTROL);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it('in an error of the catalogue (a path given on the command line)', async () => {
    const dir = await tempProject(SOURCE);
    const r = await runCli(['build', '--format', 'html', 'no\u001b[2Jsuch.md'], dir);
    expect(r.stdout + r.stderr).not.toMatch(CONTROL);
    expect(r.stdout + r.stderr).toContain('no\\x1b[2Jsuch.md');
  });
});

describe('dates', () => {
  it('date: 0000-01-01 is an invalid date, not “0年1月1日”', async () => {
    const dir = await tempProject({ 'bulletins/001.md': '---\nissue: 1\ntotal: 1\ndate: 0000-01-01\n---\n\n# 标题\n\n正文。\n' });
    const r = await runCli(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('front-matter-invalid-date');
    const b = await runCli(['build', '--format', 'html'], dir);
    expect(b.code).toBe(1);
    expect(b.stdout + b.stderr).not.toContain('0年1月1日');
    const n = await runCli(['new', '--date', '0000-01-01'], dir);
    expect(n.code).toBe(2);
  });
});
