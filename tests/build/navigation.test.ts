// An issue page links to the index, its own PDF and Word files, and the issues before and after
// it, in all and in its series; the index marks a draft 草稿 and the feed leaves it out.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueNavigation, type NavIssue } from '../../src/model/navigation.js';
import { cliIn, tempProject } from '../helpers/project.js';

const SERIES = '省安全生产专项整治三年行动专刊';
const issue = (stem: string, issue: number, total: number, date: string, series?: number): NavIssue => ({ stem, frontMatter: { issue, total, date, ...(series ? { series: { name: SERIES, number: series } } : {}) } });

describe('issueNavigation', () => {
  const archive = [issue('2022/001', 1, 232, '2022-01-10', 109), issue('2021/064', 64, 230, '2021-06-25', 108), issue('2021/065', 65, 231, '2021-07-02')];

  it('links the index, the files made in this run, the neighbours by running number and in the series', () => {
    const nav = issueNavigation(archive, ['html', 'pdf', 'docx']);
    expect(nav('2021/065')).toEqual({
      index: '../index.html',
      pdf: '065.pdf',
      docx: '065.docx',
      previous: { href: '064.html', label: '2021年第64期' },
      next: { href: '../2022/001.html', label: '2022年第1期' },
    });
    expect(nav('2022/001')).toEqual({
      index: '../index.html',
      pdf: '001.pdf',
      docx: '001.docx',
      previous: { href: '../2021/065.html', label: '2021年第65期' },
      series: { name: SERIES, previous: { href: '../2021/064.html', label: '第108期' } },
    });
    expect(issueNavigation(archive, ['html'])('2021/064')).toEqual({
      index: '../index.html',
      next: { href: '065.html', label: '2021年第65期' },
      series: { name: SERIES, next: { href: '../2022/001.html', label: '第109期' } },
    });
  });
});

const source = (n: number, date: string, body = '正文。') => `---\nissue: ${n}\ntotal: ${n}\ndate: ${date}\n---\n\n# 第${n}期标题\n\n${body}\n`;

describe('the built pages', () => {
  it('a one-issue build links its neighbours like a full one, and a new neighbour rebuilds the page', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': source(1, '2021-01-04'), 'bulletins/2021/002.md': source(2, '2021-01-11') });
    expect((await cliIn(dir, ['build', '--format', 'html'])).code).toBe(0);
    const page = () => readFile(path.join(dir, 'dist/2021/002.html'), 'utf8');
    expect(await page()).toContain('<li><a href="../index.html">全部各期</a></li>');
    expect(await page()).toContain('<li><a rel="prev" href="001.html">上一期（2021年第1期）</a></li>');
    expect(await page()).not.toContain('rel="next"');
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(dir, 'bulletins/2021/003.md'), source(3, '2021-01-18')));
    const again = await cliIn(dir, ['build', '--format', 'html']);
    expect(again.out).toContain('✓ bulletins/2021/002.md');
    expect(await page()).toContain('<li><a rel="next" href="003.html">下一期（2021年第3期）</a></li>');
    const one = await cliIn(dir, ['build', '--format', 'html', '--out', 'one', 'bulletins/2021/002.md']);
    expect(one.code).toBe(0);
    expect(await readFile(path.join(dir, 'one/2021/002.html'), 'utf8')).toContain('<li><a rel="next" href="003.html">下一期（2021年第3期）</a></li>');
  });

  it('a --draft issue is marked 草稿 in the index and left out of the feed', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': source(1, '2021-01-04'), 'bulletins/2021/002.md': source(2, '2021-01-11', '【待补】') });
    expect((await cliIn(dir, ['build', '--format', 'html', '--draft'])).code).toBe(0);
    const index = await readFile(path.join(dir, 'dist/index.html'), 'utf8');
    expect(index).toContain('<td class="num">第2期<span class="draft">草稿</span></td>');
    expect(index).toContain('<td class="num">第1期</td>');
    const feed = await readFile(path.join(dir, 'dist/feed.xml'), 'utf8');
    expect(feed).toContain('2021年第1期');
    expect(feed).not.toContain('2021年第2期');
  });
});
