// Shared helpers of the hardening tests: temp projects, a captured Io, the CLI as a child.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/core/io.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(REPO, 'bin', 'bulletin.js');
export const FIXTURES = path.join(REPO, 'tests', 'fixtures');
export const SAMPLE = path.join(FIXTURES, 'samples', 'jx-2021-064.md');

export const FRONT = '---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n';

export async function tempDir(prefix = 'bulletin-hardening-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A temp project holding the given files (relative path → content). */
export async function tempProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return dir;
}

export interface CapturedIo extends Io {
  out: () => string;
  err: () => string;
}

export function captureIo(cwd: string): CapturedIo {
  let out = '';
  let err = '';
  return {
    cwd,
    env: { ...process.env },
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    out: () => out,
    err: () => err,
  };
}

export interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/bulletin.js …` in `cwd` to its end. */
export function runCli(args: string[], cwd: string, timeout = 120_000): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Lines of a stack trace ("    at fn (file:1:2)"). */
export const STACK_LINE = /^\s{4}at /m;
