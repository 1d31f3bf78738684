// The numbering fixture archives through `bulletin check` (exit codes as the issue states:
// errors → 1, gaps are warnings → 0, or 1 with --strict), and `bulletin new` on the demo archive.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { newIssue } from '../../src/core/newIssue.js';
import { captureIo, cliIn, copyInto, FIXTURES, tempProject } from '../helpers/project.js';

const NUMBERING = path.join(FIXTURES, 'numbering');

describe('check over the numbering fixture archives', () => {
  it.each(readdirSync(NUMBERING).sort())('%s', async (scenario) => {
    const root = path.join(NUMBERING, scenario);
    const expected = JSON.parse(readFileSync(path.join(root, 'expected.json'), 'utf8')) as Array<{ severity: string }>;
    const errors = expected.filter((e) => e.severity === 'error').length;
    const warnings = expected.filter((e) => e.severity === 'warning').length;
    const io = captureIo(root);
    const r = await check({ io });
    expect(r.errors).toBe(errors);
    expect(r.exitCode).toBe(errors > 0 ? 1 : 0);
    expect((await check({ io: captureIo(root), strict: true })).exitCode).toBe(errors + warnings > 0 ? 1 : 0);
  });
});

describe('bulletin new on the demo archive', () => {
  const DEMOS = path.resolve(import.meta.dirname, '../../bulletins');

  it('creates the next issue, then the next, restarting at a new year and counting the series', async () => {
    const dir = await tempProject();
    await copyInto(dir, DEMOS, 'bulletins');
    const first = await newIssue({ io: captureIo(dir), date: '2022-01-17' });
    expect(first).toMatchObject({ exitCode: 0, path: 'bulletins/2022/002.md' });
    expect(await readFile(path.join(dir, 'bulletins/2022/002.md'), 'utf8')).toMatch(/^---\nissue: 2\ntotal: 233\ndate: 2022-01-17\n/);
    const second = await newIssue({ io: captureIo(dir), date: '2022-01-24', series: '省安全生产专项整治三年行动专刊' });
    expect(second).toMatchObject({ exitCode: 0, path: 'bulletins/2022/003.md' });
    const text = await readFile(path.join(dir, 'bulletins/2022/003.md'), 'utf8');
    expect(text).toMatch(/^---\nissue: 3\ntotal: 234\ndate: 2022-01-24\nseries:\n  name: 省安全生产专项整治三年行动专刊\n  number: 110\n/);
    const nextYear = await newIssue({ io: captureIo(dir), date: '2023-01-03' });
    expect(nextYear).toMatchObject({ exitCode: 0, path: 'bulletins/2023/001.md' });
    expect(await readFile(path.join(dir, 'bulletins/2023/001.md'), 'utf8')).toMatch(/^---\nissue: 1\ntotal: 235\n/);
    // The archive the editor now has is consistent: check reports nothing but the 【待补】
    // title and body of each new issue, which block the build until they are written.
    const result = await check({ io: captureIo(dir) });
    expect(result).toMatchObject({ exitCode: 1, errors: 6, warnings: 0 });
    expect((await cliIn(dir, ['check'])).err.match(/ placeholder$/gm)?.length).toBe(6);
  });
});
