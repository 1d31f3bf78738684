import { cp, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Io } from '../../src/core/io.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** A fresh project folder in the system temp dir, with the given files (path → content). */
export async function tempProject(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bulletin-test-'));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

export async function copyInto(dir: string, from: string, to: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, to)), { recursive: true });
  await cp(from, path.join(dir, to), { recursive: true });
}

/** An Io that records what a core function prints. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = process.env): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env,
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    out: () => out,
    err: () => err,
  };
}

/** Runs the CLI in-process (argument parsing, core, rendering) in `dir`; what it printed and its exit code. */
export async function cliIn(dir: string, argv: string[], env: Record<string, string | undefined> = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '' }) {
  const { run } = await import('../../src/cli/main.js');
  const io = captureIo(dir, env);
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/**
 * build() as `bulletin build` runs it, with the CLI's own report (lines per issue, diagnostics,
 * summary, or --json) printed into options.io in Chinese.
 */
export async function printedBuild(options: import('../../src/core/build.js').BuildOptions & { json?: boolean }) {
  const { buildAndReport } = await import('../../src/cli/commands/build.js');
  const { output } = await import('../../src/cli/output.js');
  const { json, ...rest } = options;
  return buildAndReport(rest, output(options.io, 'zh'), { json: json === true });
}
