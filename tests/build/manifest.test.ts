// The manifest across runs: a deleted source takes its outputs with it; a source that fails
// today keeps its last good outputs and entry; a tampered manifest cannot delete outside dist.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { captureIo, tempProject } from '../helpers/project.js';

const issue = (n: number, date: string) => `---\nissue: ${n}\ntotal: ${n + 10}\ndate: ${date}\n---\n\n# 标题${n}\n\n正文。\n`;
const sources = (manifest: string) => (JSON.parse(manifest) as { issues: Array<{ source: string }> }).issues.map((i) => i.source);

describe('manifest across runs', () => {
  it('drops a deleted issue and its files, keeps a failing one', async () => {
    const dir = await tempProject({ 'bulletins/001.md': issue(1, '2021-01-04'), 'bulletins/002.md': issue(2, '2021-01-11'), 'bulletins/003.md': issue(3, '2021-01-18') });
    expect((await build({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    await rm(path.join(dir, 'bulletins/003.md'));
    await writeFile(path.join(dir, 'bulletins/002.md'), issue(2, '2021-01-11').replace('issue: 2', 'isue: 2'));
    const before = await readFile(path.join(dir, 'dist/002.html'), 'utf8');
    const r = await build({ io: captureIo(dir), formats: ['html'] });
    expect(r.exitCode).toBe(1);
    expect(sources(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8'))).toEqual(['bulletins/001.md', 'bulletins/002.md']);
    expect(existsSync(path.join(dir, 'dist/003.html'))).toBe(false);
    expect(await readFile(path.join(dir, 'dist/002.html'), 'utf8')).toBe(before);
    expect(await readFile(path.join(dir, 'dist/index.html'), 'utf8')).not.toContain('标题3');
  });

  it('never deletes outside the output folder, whatever the manifest says', async () => {
    const dir = await tempProject({ 'bulletins/001.md': issue(1, '2021-01-04'), 'keep.txt': 'precious' });
    const manifest = { generator: 'bulletin', manifestVersion: 1, issues: [{ source: 'bulletins/gone.md', issue: 9, total: 9, date: '2020-01-01', series: null, articles: [], html: { path: '../keep.txt', sha256: '' }, pdf: null }] };
    // The folder is this project's (stamped by a first build); then its manifest is made hostile.
    expect((await build({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    await writeFile(path.join(dir, 'dist/manifest.json'), JSON.stringify(manifest));
    expect((await build({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'keep.txt'), 'utf8')).toBe('precious');
    expect(sources(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8'))).toEqual(['bulletins/001.md']);
  });
});
