import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Io } from '../../src/core/io.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const samples = path.join(root, 'tests/fixtures/samples');
export const scenarios = path.join(root, 'tests/fixtures/import');

export function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'bulletin-import-'));
}

/** An Io that records what a core function prints. */
export function captureIo(cwd: string): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env: {},
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    out: () => out,
    err: () => err,
  };
}

/** A source split into its parsed front matter and its Markdown body. */
export function splitSource(text: string): { front: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error('no front matter');
  return { front: (parse(m[1] ?? '') ?? {}) as Record<string, unknown>, body: m[2] ?? '' };
}
