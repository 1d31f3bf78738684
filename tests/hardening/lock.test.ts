// The output folder's lock: exclusive, pid inside, stale locks taken over, held ones refused.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, isAlive, LOCK_NAME } from '../../src/core/lock.js';
import { build } from '../../src/core/build.js';
import { stampOutput } from '../../src/core/outputFolder.js';
import { BulletinError } from '../../src/diagnostics/errors.js';
import { BIN, FRONT, STACK_LINE, captureIo, runCli, tempDir, tempProject } from './helpers.js';

/** The pid of a process that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('close', r));
  return child.pid!;
}

describe('acquireLock', () => {
  it('creates the lock with our pid and removes it on release', async () => {
    const out = path.join(await tempDir(), 'dist');
    const lock = await acquireLock(out);
    expect(await readFile(path.join(out, LOCK_NAME), 'utf8')).toMatch(new RegExp(`^${process.pid}\n[0-9a-f]{16}\n$`));
    await lock.release();
    expect(existsSync(path.join(out, LOCK_NAME))).toBe(false);
  });

  it('refuses a lock held by a live process with LockHeld naming the pid', async () => {
    const out = await tempDir();
    const first = await acquireLock(out);
    const error = await acquireLock(out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulletinError);
    expect((error as BulletinError).errorName).toBe('LockHeld');
    expect((error as BulletinError).message).toContain(`进程 ${process.pid}`);
    await first.release();
    await (await acquireLock(out)).release();
  });

  it('takes over a stale lock (its process is gone)', async () => {
    const out = await tempDir();
    const pid = await deadPid();
    expect(isAlive(pid)).toBe(false);
    await writeFile(path.join(out, LOCK_NAME), `${pid}\n`);
    const lock = await acquireLock(out);
    expect(await readFile(path.join(out, LOCK_NAME), 'utf8')).toMatch(new RegExp(`^${process.pid}\n[0-9a-f]{16}\n$`));
    await lock.release();
  });

  it('of many concurrent takers of a stale lock, exactly one wins', async () => {
    const out = await tempDir();
    await writeFile(path.join(out, LOCK_NAME), `${await deadPid()}\n`);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(out)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as BulletinError).errorName).toBe('LockHeld');
  });
});

describe('acquireLock after a killed breaker', () => {
  it('is not blocked by the guard a killed taker left while breaking a stale lock', async () => {
    const out = await tempDir();
    await writeFile(path.join(out, LOCK_NAME), `${await deadPid()}\n`);
    await writeFile(path.join(out, `${LOCK_NAME}.break`), `${await deadPid()}\n`);
    const started = Date.now();
    const lock = await acquireLock(out);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await readFile(path.join(out, LOCK_NAME), 'utf8')).toMatch(new RegExp(`^${process.pid}\n`));
    expect(existsSync(path.join(out, `${LOCK_NAME}.break`))).toBe(false);
    await lock.release();
  });
});

describe('an output folder that cannot be written', () => {
  const source = { 'bulletins/001.md': `${FRONT}\n# 标题\n\n正文。\n` };

  it('a file where the output folder should be gives OutputNotWritable with its hint, no raw code, in text and JSON', async () => {
    const dir = await tempProject({ ...source, 'notes.txt': 'a file, not a folder' });
    const result = await build({ io: captureIo(dir), formats: ['html'], out: 'notes.txt/dist' });
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatchObject({ errorName: 'OutputNotWritable' });
    const text = await runCli(['build', '--format', 'html', '--out', 'notes.txt/dist'], dir);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('错误：无法写入 notes.txt/dist：路径中有一个同名的文件，而这里需要目录');
    expect(text.stderr).toContain('提示：检查输出目录的权限和磁盘空间，或用 `--out` 指定另一个目录。');
    // The system's own words come only as the cause, under the explained message.
    expect(text.stderr.split('\n').slice(0, 2).join('\n')).not.toMatch(/ENOTDIR|EEXIST/);
    expect(text.stderr).not.toMatch(STACK_LINE);
    const json = await runCli(['build', '--format', 'html', '--out', 'notes.txt', '--json', '--lang', 'en'], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { name: 'OutputNotWritable', message: 'Cannot write notes.txt: a file of that name exists where a folder is needed', hint: 'Check the permissions and free space of the output folder, or choose another with `--out`.' } });
  });
});

describe('build and the lock', () => {
  const source = { 'bulletins/001.md': `${FRONT}\n# 标题\n\n正文。\n` };

  it('a build refuses a folder another live build holds, writes nothing, exit 1 with LockHeld', async () => {
    const dir = await tempProject(source);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'bulletin-build']); // a live build, as its command line shows
    try {
      await mkdir(path.join(dir, 'dist'));
      await writeFile(path.join(dir, 'dist', LOCK_NAME), `${holder.pid}\n`);
      const result = await build({ io: captureIo(dir), formats: ['html'] });
      expect(result.exitCode).toBe(1);
      expect(result.error).toMatchObject({ errorName: 'LockHeld' });
      const r = await runCli(['build', '--format', 'html'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`错误：输出目录已被另一个构建（进程 ${holder.pid}）锁定：dist/${LOCK_NAME}`);
      expect(r.stderr).toContain('提示：等待另一个构建结束后再运行');
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(await readdir(path.join(dir, 'dist'))).toEqual([LOCK_NAME]);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('build --json with the lock held prints its JSON document with the catalogue error, exit 1', async () => {
    const dir = await tempProject(source);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'bulletin-build']); // a live build, as its command line shows
    try {
      await mkdir(path.join(dir, 'dist'));
      await writeFile(path.join(dir, 'dist', LOCK_NAME), `${holder.pid}\n`);
      const r = await runCli(['build', '--format', 'html', '--json'], dir);
      expect(r.code).toBe(1);
      const json = JSON.parse(r.stdout) as { ok: boolean; exitCode: number; error: { name: string; message: string; hint: string } };
      expect(json).toMatchObject({ ok: false, exitCode: 1, error: { name: 'LockHeld' } });
      expect(json.error.message).toContain(`进程 ${holder.pid}`);
      expect(json.error.hint).toContain('等待另一个构建结束后再运行');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a build after a killed one takes the stale lock over and sweeps its temporaries', async () => {
    const dir = await tempProject(source);
    await mkdir(path.join(dir, 'dist'));
    // The killed build had stamped the folder as this project's before writing anything.
    await stampOutput(path.join(dir, 'dist'), dir);
    await writeFile(path.join(dir, 'dist', LOCK_NAME), `${await deadPid()}\n`);
    await writeFile(path.join(dir, 'dist', '.001.html.0badc0de.tmp'), '<!doctype html><html><bo');
    const result = await build({ io: captureIo(dir), formats: ['html'] });
    expect(result.exitCode).toBe(0);
    const listing = await readdir(path.join(dir, 'dist'));
    expect(listing).toContain('001.html');
    expect(listing.filter((f) => f.endsWith('.tmp') || f === LOCK_NAME)).toEqual([]);
  });

  it('a second build while the first holds the lock is refused; the first ends complete', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 6; i++) files[`bulletins/${String(i).padStart(3, '0')}.md`] = `---\nissue: ${i}\ntotal: ${i}\ndate: 2021-01-0${i}\n---\n\n# 标题${i}\n\n${'正文。'.repeat(500)}\n`;
    const dir = await tempProject(files);
    const lock = path.join(dir, 'dist', LOCK_NAME);
    // The first build is frozen the moment it holds the lock, so the two surely overlap.
    const first = spawn(process.execPath, [BIN, 'build', '--format', 'html'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    const firstDone = new Promise<number | null>((resolve) => first.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (existsSync(lock)) {
          clearInterval(poll);
          first.kill('SIGSTOP');
          resolve();
        } else if (Date.now() - started > 60_000) {
          clearInterval(poll);
          reject(new Error('the first build never took the lock'));
        }
      }, 2);
    });
    try {
      const second = await runCli(['build', '--format', 'html'], dir);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('锁定');
      expect(second.stderr).not.toMatch(STACK_LINE);
    } finally {
      first.kill('SIGCONT');
    }
    expect(await firstDone).toBe(0);
    for (let i = 1; i <= 6; i++) expect((await readFile(path.join(dir, 'dist', `${String(i).padStart(3, '0')}.html`), 'utf8')).trimEnd()).toMatch(/<\/html>$/);
    JSON.parse(await readFile(path.join(dir, 'dist', 'manifest.json'), 'utf8'));
    expect(existsSync(lock)).toBe(false);
  });
});
