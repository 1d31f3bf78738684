// A batch survives the browser: a tab (renderer) or the whole browser killed mid-batch fails the
// one issue it was printing; the issues after it are printed (on a new tab, or a new browser).
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateBrowser } from '../../src/browser/browser.js';
import { build, type BuildEvent } from '../../src/core/build.js';
import { captureIo, tempProject } from '../helpers/project.js';

const issue = (n: number) => `---\nissue: ${n}\ntotal: ${100 + n}\ndate: 2021-01-${String(n * 2).padStart(2, '0')}\n---\n\n# 全省安全生产工作会议召开\n\n会议强调，要压实安全生产责任。\n`;

/** Every process below `pid` (Linux /proc), with its command line. */
function descendants(pid: number): Array<{ pid: number; cmd: string }> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid: Number(d), ppid, cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ') }];
      } catch {
        return [];
      }
    });
  const out: Array<{ pid: number; cmd: string }> = [];
  const walk = (p: number) => {
    for (const c of all.filter((x) => x.ppid === p)) {
      out.push(c);
      walk(c.pid);
    }
  };
  walk(pid);
  return out;
}

/** A project of five issues and a browser wrapper that records the browser's pid. */
async function setUp() {
  const files: Record<string, string> = {};
  for (let n = 1; n <= 5; n++) files[`bulletins/2021/00${n}.md`] = issue(n);
  const dir = await tempProject(files);
  const real = (await locateBrowser({ env: process.env })).executablePath;
  const wrapper = path.join(dir, 'browser.sh');
  const pidFile = path.join(dir, 'browser.pid');
  await writeFile(wrapper, `#!/bin/sh\necho $$ >> "${pidFile}"\nexec "${real}" "$@"\n`);
  await chmod(wrapper, 0o755);
  return { dir, wrapper, pidFile };
}

async function buildKilling(kill: (browserPid: number) => void) {
  const { dir, wrapper, pidFile } = await setUp();
  let killed = false;
  const onEvent = (e: BuildEvent) => {
    if (e.type === 'issue' && e.status === 'built' && !killed) {
      killed = true;
      // At once, while the next issue is on its way to the tab (the event is told synchronously).
      kill(Number(readFileSync(pidFile, 'utf8').trim().split('\n')[0]));
    }
  };
  const result = await build({ io: captureIo(dir), browser: wrapper, concurrency: 1, onEvent });
  const launches = (await readFile(pidFile, 'utf8')).trim().split('\n').length;
  return { result, launches };
}

function outcome(result: Awaited<ReturnType<typeof build>>) {
  const failed = result.issues.filter((i) => !i.entry);
  return {
    printed: result.issues.filter((i) => i.entry?.pdf).length,
    failed: failed.map((i) => i.file.messages.find((m) => m.fatal)?.ruleId),
  };
}

/**
 * The issue being printed when the kill lands fails (print-failed, exit 1); when the kill falls
 * between two prints none does. Either way every other issue is printed.
 */
function expectOneLost(result: Awaited<ReturnType<typeof build>>) {
  const { printed, failed } = outcome(result);
  expect(failed.length).toBeLessThanOrEqual(1);
  expect(failed.every((id) => id === 'print-failed')).toBe(true);
  expect(printed).toBe(5 - failed.length);
  expect(result.exitCode).toBe(failed.length ? 1 : 0);
}

describe('a batch and its browser', () => {
  it('a tab killed mid-batch fails one issue; the others are printed on a new tab', async () => {
    const { result, launches } = await buildKilling((pid) => {
      for (const r of descendants(pid).filter((p) => p.cmd.includes('--type=renderer'))) process.kill(r.pid, 'SIGKILL');
    });
    expectOneLost(result);
    expect(launches).toBe(1);
  });

  it('the browser killed mid-batch fails one issue; a new browser prints the rest', async () => {
    const { result, launches } = await buildKilling((pid) => process.kill(pid, 'SIGKILL'));
    expectOneLost(result);
    expect(launches).toBe(2);
  });
});
