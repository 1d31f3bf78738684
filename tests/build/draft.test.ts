// 【待补】 blocks a build until it is written; `--draft` builds it anyway, marked as a draft on
// every page and in the manifest.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletin } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { tempProject } from '../helpers/project.js';

/** The run's duration varies; everything else of the summary is checked exactly. */
const seconds = (text: string) => text.replace(/（\d+\.\d 秒）/g, '（… 秒）');

describe('unfinished sources', () => {
  it('bulletin new then bulletin build: exit 1, each 【待补】 named, nothing written', async () => {
    const dir = await tempProject();
    expect((await bulletin(dir, ['new', '--date', '2021-06-28'])).code).toBe(0);
    const r = await bulletin(dir, ['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  9:3     错误  还有待补的内容：“【待补】”  placeholder\n');
    expect(r.stderr).toContain('  11:1    错误  还有待补的内容：“【待补】”  placeholder\n');
    expect(seconds(r.stdout)).toBe('✗ bulletins/2021/001.md：2 个错误，未生成\n1 期有错误，未生成（… 秒）\n');
    expect(existsSync(path.join(dir, 'dist/2021/001.html')) || existsSync(path.join(dir, 'dist/2021/001.pdf'))).toBe(false);
  });

  it('--draft builds it, with 草稿 on every page and draft: true in the manifest', async () => {
    const dir = await tempProject({
      'bulletins/a.md': `---\nissue: 1\ntotal: 1\ndate: 2021-06-28\n---\n\n# 【待补】标题\n\n${'【待补】正文，段与段之间空一行。\n\n'.repeat(40)}`,
      'bulletins/b.md': '---\nissue: 2\ntotal: 2\ndate: 2021-07-05\n---\n\n# 标题\n\n正文。\n',
    });
    const r = await bulletin(dir, ['build', '--draft']);
    expect(r.code).toBe(0);
    const pages = await readPdf(await readFile(path.join(dir, 'dist/a.pdf')));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.items.map((i) => i.str).join('').replace(/\s+/g, '')).toContain('草稿');
    const manifest = JSON.parse(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8'));
    expect(manifest.issues.map((e: { source: string; draft?: boolean }) => [e.source, e.draft ?? false])).toEqual([
      ['bulletins/a.md', true],
      ['bulletins/b.md', false],
    ]);
    // A finished source built with --draft is not a draft.
    expect(await readFile(path.join(dir, 'dist/b.html'), 'utf8')).not.toContain('class="draft-mark"');
    expect(await readFile(path.join(dir, 'dist/a.html'), 'utf8')).toContain('<div class="draft-mark" aria-hidden="true">草稿</div>');
    expect((await readPdf(await readFile(path.join(dir, 'dist/b.pdf')))).map((p) => p.items.map((i) => i.str).join('')).join('').replace(/\s+/g, '')).not.toContain('草稿');
  });
});
