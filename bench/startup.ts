// Start-up figures of the compiled CLI, as whole processes (what an editor waits for): the
// median of RUNS runs each, after one warm-up, on a copy of the three demo issues.
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/bulletin.js');
const RUNS = 7;

/** Targets on the reference machine (2 cores), in milliseconds, median of the runs. */
export const STARTUP_TARGETS = [
  { name: 'bulletin --version', args: ['--version'], ms: 150 },
  { name: 'bulletin check（3 期 demos）', args: ['check'], ms: 400 },
  { name: 'bulletin build --format html（3 期）', args: ['build', '--format', 'html', '--out', 'dist-bench'], ms: 600 },
] as const;

export interface StartupRow {
  name: string;
  medianMs: number;
  runsMs: number[];
  targetMs: number;
  ok: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function startupBench(): Promise<StartupRow[]> {
  // The compiled code is what users run: build it from the current sources first.
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-startup-'));
  try {
    await cp(path.join(ROOT, 'bulletins'), path.join(dir, 'bulletins'), { recursive: true });
    return STARTUP_TARGETS.map((t) => {
      const runsMs: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const started = process.hrtime.bigint();
        const r = spawnSync(process.execPath, [BIN, ...t.args], { cwd: dir, encoding: 'utf8' });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (r.status !== 0) throw new Error(`${t.name} 失败 failed（${r.status}）：${r.stderr}`);
        if (i > 0) runsMs.push(ms); // the first run warms the file cache
      }
      const medianMs = median(runsMs);
      return { name: t.name, medianMs, runsMs, targetMs: t.ms, ok: medianMs <= t.ms };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatStartup(rows: StartupRow[]): string {
  const lines = rows.map((r) => `${r.ok ? '✓' : '✗'} ${r.name}：中位数 median ${r.medianMs.toFixed(0)} ms（${RUNS} 次 runs：${r.runsMs.map((m) => m.toFixed(0)).join(' ')}），目标 target ≤ ${r.targetMs} ms${r.ok ? '' : ' 未达标 missed'}`);
  return `启动 start-up（整个进程 whole process）：\n${lines.join('\n')}\n\n`;
}
