// Nothing lost: a build killed at any point (SIGKILL) leaves no truncated output, and the next
// build completes; SIGINT/SIGTERM stop cleanly with 130/143 and no temporaries.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { LOCK_NAME } from '../../src/core/lock.js';
import { BIN, SAMPLE, STACK_LINE, runCli, tempProject } from './helpers.js';

async function smallProject(): Promise<string> {
  const sample = await readFile(SAMPLE, 'utf8');
  return tempProject({
    'bulletins/2021/064.md': sample,
    'bulletins/2021/065.md': '---\nissue: 65\ntotal: 231\ndate: 2021-06-30\n---\n\n# 全省安全生产工作会议召开\n\n' + '会议要求，各地各部门要压实安全生产责任。\n\n'.repeat(30),
  });
}

async function walk(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/** Every output present is whole: PDFs load, HTML ends with </html>, JSON parses. */
async function checkOutputs(out: string): Promise<{ files: number; temporaries: number }> {
  let files = 0;
  let temporaries = 0;
  for (const file of await walk(out)) {
    const name = path.basename(file);
    if (name.endsWith('.tmp')) {
      temporaries++;
      continue;
    }
    if (name.endsWith('.pdf')) {
      const doc = await PDFDocument.load(await readFile(file));
      expect(doc.getPageCount(), file).toBeGreaterThan(0);
      files++;
    } else if (name.endsWith('.html')) {
      expect((await readFile(file, 'utf8')).trimEnd().endsWith('</html>'), file).toBe(true);
      files++;
    } else if (name.endsWith('.json')) {
      const text = await readFile(file, 'utf8');
      expect(() => JSON.parse(text), file).not.toThrow();
      files++;
    }
  }
  return { files, temporaries };
}

function spawnBuild(dir: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, 'build', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, done, stderr: () => stderr };
}

/** Deterministic pseudo-random delays (a failing run can be replayed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('SIGKILL at random points', () => {
  // Runs go on until this many kills have landed (a run that finishes before its kill time
  // counts too, but not towards the target), with a cap on the number of runs.
  const runs: Array<{ format: string; kills: number }> = [
    { format: 'html', kills: 22 },
    { format: 'html,pdf', kills: 4 },
  ];
  for (const { format, kills } of runs) {
    it(`--format ${format}: ${kills} SIGKILLs landed, outputs stay whole, the next build succeeds`, async () => {
      const dir = await smallProject();
      const out = path.join(dir, 'dist');
      // One full build to learn how long it takes.
      const started = Date.now();
      const first = await runCli(['build', '--format', format], dir);
      expect(first.code, first.stderr).toBe(0);
      const duration = Date.now() - started;
      const random = rng(format.length * 7919);
      const outcomes = { killed: 0, finishedFirst: 0, temporariesSeen: 0, staleLocks: 0 };
      for (let i = 0; outcomes.killed < kills && i < kills * 3; i++) {
        // --force: every run really builds (an unchanged rebuild would end before its kill).
        const run = spawnBuild(dir, ['--format', format, '--force']);
        // Even runs: a random point of the whole run. Odd runs: a random point after this
        // build took the lock, i.e. while it writes (a machine under load stretches startup).
        let timer: NodeJS.Timeout | undefined;
        let poll: NodeJS.Timeout | undefined;
        if (i % 2 === 0) timer = setTimeout(() => run.child.kill('SIGKILL'), Math.floor(random() * duration * 1.1));
        else {
          const delay = Math.floor(random() * (format.includes('pdf') ? 2500 : 400));
          poll = setInterval(() => {
            let owner = '';
            try {
              owner = readFileSync(path.join(out, LOCK_NAME), 'utf8');
            } catch {
              return;
            }
            if (owner.startsWith(`${run.child.pid}\n`)) {
              clearInterval(poll);
              timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
            }
          }, 2);
        }
        const end = await run.done;
        clearTimeout(timer);
        clearInterval(poll);
        if (end.signal === 'SIGKILL') outcomes.killed++;
        else {
          expect(end.code, run.stderr()).toBe(0);
          outcomes.finishedFirst++;
        }
        if (existsSync(path.join(out, LOCK_NAME))) outcomes.staleLocks++;
        const state = await checkOutputs(out);
        outcomes.temporariesSeen += state.temporaries;
      }
      console.log(`kill test (${format}): ${outcomes.killed + outcomes.finishedFirst} runs, duration ${duration} ms`, outcomes);
      expect(outcomes.killed).toBe(kills);
      expect(outcomes.staleLocks, 'some kills landed while writing').toBeGreaterThan(0);
      const last = await runCli(['build', '--format', format], dir);
      expect(last.code, last.stderr).toBe(0);
      expect(last.stderr).not.toMatch(STACK_LINE);
      const state = await checkOutputs(out);
      expect(state.temporaries).toBe(0);
      expect(existsSync(path.join(out, LOCK_NAME))).toBe(false);
      const html = await readFile(path.join(out, '2021', '064.html'), 'utf8');
      expect(html).toContain('查问题、促整改、保安全');
      if (format.includes('pdf')) expect((await PDFDocument.load(await readFile(path.join(out, '2021', '064.pdf')))).getPageCount()).toBeGreaterThan(1);
    }, 400_000);
  }
});

describe('SIGINT and SIGTERM', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} while the browser starts: exit ${code}, browser closed, no temporaries, lock released`, async () => {
      const dir = await smallProject();
      const run = spawnBuild(dir, ['--format', 'html,pdf', '--verbose']);
      const sent = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (run.stderr().includes('浏览器：')) {
            clearInterval(poll);
            run.child.kill(signal);
            resolve();
          }
        }, 10);
      });
      await sent;
      const end = await run.done;
      expect(end.signal).toBe(null);
      expect(end.code).toBe(code);
      expect(run.stderr()).toContain(`错误：收到 ${signal}，已停止构建并清理临时文件。`);
      expect(run.stderr()).toContain('提示：重新运行命令即可继续');
      const files = await walk(path.join(dir, 'dist'));
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(files.filter((f) => f.endsWith(LOCK_NAME))).toEqual([]);
      await checkOutputs(path.join(dir, 'dist'));
    });
  }

  it('SIGINT in the middle of printing: exit 130 within seconds, no *.tmp left', async () => {
    // Enough issues that printing takes several seconds: the signal lands while it goes on.
    const ISSUES = 24;
    const files: Record<string, string> = {};
    for (let i = 1; i <= ISSUES; i++) {
      files[`bulletins/2021/${String(i).padStart(3, '0')}.md`] =
        `---\nissue: ${i}\ntotal: ${100 + i}\ndate: 2021-01-${String(i).padStart(2, '0')}\n---\n\n# 全省安全生产工作会议召开\n\n` + '会议要求，各地各部门要压实安全生产责任。\n\n'.repeat(30);
    }
    const dir = await tempProject(files);
    const dist = path.join(dir, 'dist');
    const run = spawnBuild(dir, ['--format', 'html,pdf']);
    let sentAt = 0;
    await new Promise<void>((resolve) => {
      let busy = false;
      const poll = setInterval(async () => {
        if (busy) return;
        busy = true;
        // The first PDF written: printing has begun, most issues are still to come.
        if ((await walk(dist)).some((f) => f.endsWith('.pdf'))) {
          clearInterval(poll);
          sentAt = Date.now();
          run.child.kill('SIGINT');
          resolve();
        }
        busy = false;
      }, 20);
    });
    const end = await run.done;
    expect(end.code).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    const left = await walk(dist);
    expect(left.filter((f) => f.endsWith('.pdf')).length).toBeLessThan(ISSUES);
    expect(left.filter((f) => f.endsWith('.tmp') || f.endsWith(LOCK_NAME))).toEqual([]);
    await checkOutputs(dist);
  });
});
