// The HTML edition on screens, measured in the browser: a phone (390 × 844) gets the document
// reflowed (no horizontal scrolling, body text ≥ 16 px, the masthead within the width), a
// desktop (1280 × 900) the A4 sheet; the issue page, the index and a series page have no
// accessibility violation (axe-core) and no HTML error (Nu HTML Checker, vnu-jar).
import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/browser.js';
import { build } from '../../src/core/build.js';
import { captureIo, tempProject } from '../helpers/project.js';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');
let dir = '';
let browser: Browser;
const PAGES = ['2021/065.html', 'index.html', 'series/省安全生产专项整治三年行动专刊.html'];

/** An issue whose heading wraps at both widths: two word groups, as editors write them. */
const LONG_HEADING = '---\nissue: 2\ntotal: 233\ndate: 2022-01-17\n---\n\n# 标题\n\n## 省安委会第一专项巡查组进驻南昌市开展巡查　省安委会部署下一阶段专项整治工作\n\n正文。\n';

beforeAll(async () => {
  dir = await tempProject({ 'bulletins/2022/002.md': LONG_HEADING });
  await cp(path.join(ROOT, 'bulletins'), path.join(dir, 'bulletins'), { recursive: true });
  expect((await build({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
  browser = await launchBrowser({ env: process.env });
});
afterAll(async () => browser?.close());

async function open(rel: string, width: number, height: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setBypassCSP(true); // for axe's script only; the pages keep their own CSP otherwise
  await page.setViewport({ width, height });
  await page.goto(pathToFileURL(path.join(dir, 'dist', rel)).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

describe('the HTML edition on screens', () => {
  it('on a 390 px phone: no horizontal scroll, body text ≥ 16 px, masthead within the width, tables scroll in their box', async () => {
    for (const rel of ['2021/064.html', '2021/065.html', '2022/001.html', 'index.html']) {
      const page = await open(rel, 390, 844);
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        paragraph: parseFloat(getComputedStyle(document.querySelector('.sheet p:not(.source-line)') ?? document.body).fontSize),
        masthead: document.querySelector('.masthead-title')?.getBoundingClientRect().right ?? 0,
        tables: [...document.querySelectorAll('.sheet table')].map((t) => getComputedStyle(t.parentElement!).overflowX),
      }));
      expect(m.scroll, rel).toBeLessThanOrEqual(390);
      expect(m.paragraph, rel).toBeGreaterThanOrEqual(16);
      expect(m.masthead, rel).toBeLessThanOrEqual(390);
      for (const overflow of m.tables) expect(overflow, rel).toBe('auto');
      await page.close();
    }
  });

  it('on a 390 px phone: a 本期要目 entry that wraps keeps its characters a character apart (not justified across the line)', async () => {
    const page = await open('2021/065.html', 390, 844);
    const lines = await page.evaluate(() => {
      const item = [...document.querySelectorAll('.toc li')].find((li) => li.getClientRects().length && li.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(li).lineHeight));
      if (!item) return null;
      // The left edges of the characters of the entry's first line.
      const range = document.createRange();
      const lefts: Array<{ top: number; left: number; size: number }> = [];
      const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.textContent!.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const r = range.getBoundingClientRect();
          lefts.push({ top: Math.round(r.top), left: r.left, size: parseFloat(getComputedStyle(node.parentElement!).fontSize) });
        }
      }
      const first = lefts.filter((l) => l.top === lefts[0]!.top);
      return first.slice(1).map((l, i) => (l.left - first[i]!.left) / l.size);
    });
    expect(lines, 'an entry of 065 wraps on a phone').not.toBeNull();
    for (const step of lines!) expect(step).toBeLessThan(1.1);
    await page.close();
  });

  it('a heading that wraps is not spread letter by letter (justified), on a phone or a desktop', async () => {
    for (const [w, h] of [[390, 844], [1280, 900]] as const) {
      const page = await open('2022/002.html', w, h);
      const steps = await page.evaluate(() => {
        const heading = document.querySelector('.sheet h2')!;
        const range = document.createRange();
        const chars: Array<{ top: number; left: number }> = [];
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.textContent!.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const r = range.getBoundingClientRect();
            chars.push({ top: Math.round(r.top), left: r.left });
          }
        }
        const size = parseFloat(getComputedStyle(heading).fontSize);
        const first = chars.filter((c) => c.top === chars[0]!.top);
        return { lines: new Set(chars.map((c) => c.top)).size, steps: first.slice(1).map((c, i) => (c.left - first[i]!.left) / size) };
      });
      expect(steps.lines, `${w}px: the heading wraps`).toBeGreaterThan(1);
      // A character apart (justified, a balanced first line was spread to 1.3–2.5 characters a step).
      for (const step of steps.steps) expect(step, `${w}px: ${steps.steps.map((s) => s.toFixed(2)).join(' ')}`).toBeLessThan(1.1);
      await page.close();
    }
  });

  it('the index on a 390 px phone is a list of cards: articles across the width, then 期号 and date, then the files', async () => {
    const phone = await open('index.html', 390, 844);
    const card = await phone.evaluate(() => {
      const row = document.querySelector('tbody tr')!;
      const cell = (selector: string) => {
        const r = row.querySelector(selector)!.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, width: r.width };
      };
      return {
        scroll: document.documentElement.scrollWidth,
        display: getComputedStyle(row).display,
        header: document.querySelector('thead')!.getBoundingClientRect().height,
        articles: cell('td.articles'),
        number: cell('td.num'),
        files: cell('td.files'),
        pdf: row.querySelector('td.files a')?.textContent,
      };
    });
    expect(card.scroll).toBeLessThanOrEqual(390);
    expect(card.display).toBe('flex');
    expect(card.header).toBeLessThanOrEqual(1);
    // The articles take the card's width, above the numbers; the files below them.
    expect(card.articles.width).toBeGreaterThan(300);
    expect(card.articles.bottom).toBeLessThanOrEqual(card.number.top + 1);
    expect(card.files.top).toBeGreaterThanOrEqual(card.number.bottom - 1);
    expect(card.pdf).toBe('HTML');
    await phone.close();
    const desktop = await open('index.html', 1280, 900);
    expect(await desktop.evaluate(() => getComputedStyle(document.querySelector('tbody tr')!).display)).toBe('table-row');
    await desktop.close();
  });

  it('an issue page links the index, its files and its neighbours, in all and in its series, and every link leads to a page', async () => {
    const html = await readFile(path.join(dir, 'dist/2022/001.html'), 'utf8');
    expect(html).toContain('<li><a href="../index.html">全部各期</a></li>');
    expect(html).toContain('<li><a rel="prev" href="../2021/065.html">上一期（2021年第65期）</a></li>');
    expect(html).toContain('<li><a rel="next" href="002.html">下一期（2022年第2期）</a></li>');
    expect(html).toContain('<li><a href="../2021/064.html">省安全生产专项整治三年行动专刊上一期（第108期）</a></li>');
    const page = await open('2021/065.html', 390, 844);
    const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('.issue-nav a')].map((a) => a.href));
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const href of links) expect(existsSync(fileURLToPath(href)), href).toBe(true);
    await page.close();
  });

  it('on a 1280 px desktop: the A4 text block, 156 mm wide', async () => {
    const page = await open('2021/064.html', 1280, 900);
    const width = await page.evaluate(() => document.querySelector('.sheet')!.getBoundingClientRect().width);
    expect(Math.abs(width - (156 * 96) / 25.4)).toBeLessThan(1);
    await page.close();
  });

  it('shows a shared link’s title and description (Open Graph)', async () => {
    const html = await readFile(path.join(dir, 'dist/2021/065.html'), 'utf8');
    expect(html).toContain('<meta property="og:title" content="江西应急管理简报 2021年第65期（总第231期）">');
    expect(html).toContain('<meta property="og:description" content="全省防汛应急演练圆满完成；萍乡市开展危险化学品企业安全检查">');
  });

  it('links each issue’s PDF from the index and the series page, inside a main landmark', async () => {
    for (const rel of PAGES.slice(1)) {
      const html = await readFile(path.join(dir, 'dist', rel), 'utf8');
      expect(html).toMatch(/<main>[\s\S]*<\/main>/);
    }
    await build({ io: captureIo(dir), formats: ['html', 'pdf'], paths: ['bulletins/2022/001.md'] });
    expect(await readFile(path.join(dir, 'dist/index.html'), 'utf8')).toContain('<a href="2022/001.pdf">PDF</a>');
    expect(await readFile(path.join(dir, 'dist', PAGES[2]!), 'utf8')).toContain('<a href="../2022/001.pdf">PDF</a>');
  });

  it('has no axe-core violation on an issue page, the index and a series page, at both widths', async () => {
    const axe = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const rel of PAGES) {
      for (const [w, h] of [[390, 844], [1280, 900]] as const) {
        const page = await open(rel, w, h);
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () => {
          const r = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
          return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
        });
        expect(violations, `${rel} at ${w}px`).toEqual([]);
        await page.close();
      }
    }
  });

  it('has no Nu HTML Checker error on an issue page, the index and a series page', async () => {
    const jar = path.join(path.dirname(require.resolve('vnu-jar')), 'build/dist/vnu.jar');
    const files = PAGES.map((rel) => path.join(dir, 'dist', rel));
    const { stdout, stderr } = await promisify(execFile)('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 16 << 20 });
    expect(JSON.parse(stdout || stderr).messages).toEqual([]);
  });
});
