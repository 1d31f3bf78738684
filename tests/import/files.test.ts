import { copyFile, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { cliIn } from '../helpers/project.js';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, samples, tempDir } from './helpers.js';

describe('where import writes', () => {
  it('writes bulletins/<year>/<issue>.md relative to io.cwd and leaves no temp file', async () => {
    const dir = await tempDir();
    await copyFile(path.join(samples, 'jx-2021-064.raw.txt'), path.join(dir, 'a.txt'));
    const result = await importText({ files: ['a.txt'], io: captureIo(dir) });
    expect(result.files[0]?.output).toBe('bulletins/2021/064.md');
    expect(await readdir(path.join(dir, 'bulletins/2021'))).toEqual(['064.md']);
  });

  it('never overwrites without --force, and overwrites with it', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'bulletins/2021'), { recursive: true });
    await writeFile(path.join(dir, 'bulletins/2021/064.md'), 'keep me');
    const io = captureIo(dir);
    const refused = await importText({ files: [path.join(samples, 'jx-2021-064.raw.txt')], io });
    expect(refused.exitCode).toBe(1);
    expect(refused.files[0]?.error?.errorName).toBe('ImportTargetExists');
    expect(await readFile(path.join(dir, 'bulletins/2021/064.md'), 'utf8')).toBe('keep me');
    const forced = await importText({ files: [path.join(samples, 'jx-2021-064.raw.txt')], force: true, io: captureIo(dir) });
    expect(forced.exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'bulletins/2021/064.md'), 'utf8')).toMatch(/^---\nissue: 64\n/);
  });

  it('refuses two inputs of the same issue in one run', async () => {
    const dir = await tempDir();
    const input = path.join(samples, 'jx-2021-064.raw.txt');
    const result = await importText({ files: [input, input], force: true, io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    expect(result.files.map((f) => f.error?.errorName)).toEqual([undefined, 'ImportDuplicateTarget']);
  });

  it('prints JSON with --json', async () => {
    const dir = await tempDir();
    const r = await cliIn(dir, ['import', path.join(samples, 'js-news-2019-07-25.raw.txt'), '--json']);
    const json = JSON.parse(r.out) as { exitCode: number; files: Array<{ output: string; recognised: object; messages: Array<{ ruleId: string }> }> };
    expect(json.exitCode).toBe(0);
    expect(json.files[0]?.output).toBe('bulletins/2019/js-news-2019-07-25.md');
    expect(json.files[0]?.recognised).toEqual({ date: '2019-07-25' });
    expect(json.files[0]?.messages.map((m) => m.ruleId)).toEqual(['import-missing-field', 'import-missing-field', 'import-time-dropped']);
    expect(r.err).toBe('');
  });
});
