// Issue 23: `check --strict` (the CI gate) passes correctly written real issues: the demos and the
// sample issue jx-2021-064.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { captureIo, copyInto, FIXTURES, tempProject } from '../helpers/project.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('check --strict on real issues', () => {
  it('passes the demos', async () => {
    const dir = await tempProject();
    await copyInto(dir, path.join(ROOT, 'bulletins'), 'bulletins');
    const r = await check({ io: captureIo(dir), strict: true });
    expect(r.sources).toBe(3);
    expect({ exitCode: r.exitCode, errors: r.errors, warnings: r.warnings }).toEqual({ exitCode: 0, errors: 0, warnings: 0 });
  });

  it('passes the sample issue', async () => {
    const dir = await tempProject({ 'bulletins/2021/064.md': await readFile(path.join(FIXTURES, 'samples/jx-2021-064.md')) });
    const r = await check({ io: captureIo(dir), strict: true });
    expect(r.files?.flatMap((f) => f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`))).toEqual([]);
    expect(r.exitCode).toBe(0);
  });
});
