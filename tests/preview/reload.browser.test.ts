// In a real Chromium: the preview page runs its reload script under the adjusted CSP (no
// violation), and shows the saved source by itself: its body swapped in, in the same document
// (the fonts it decoded and the reader's place kept), no reload.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/browser.js';
import { preview } from '../../src/core/preview.js';
import { captureIo, FIXTURES, tempProject } from '../helpers/project.js';

it('reloads the open page on save, without CSP violations', async () => {
  const original = await readFile(path.join(FIXTURES, 'samples/jx-2021-064.md'), 'utf8');
  const dir = await tempProject({ 'bulletins/2021/064.md': original });
  const session = await preview({ io: captureIo(dir), port: 0 });
  const browser = await launchBrowser({ env: process.env });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${session.url}2021/064.html`, { waitUntil: 'load' });
    // The script ran; had the CSP blocked it, the console says so and no reload comes.
    await new Promise((r) => setTimeout(r, 500));
    expect(problems).toEqual([]);
    let navigated = 0;
    page.on('framenavigated', () => navigated++);
    await page.evaluate(() => ((window as unknown as { kept: number }).kept = 1));
    await writeFile(path.join(dir, 'bulletins/2021/064.md'), original.replace('经省政府同意', '经省人民政府同意'));
    await page.waitForFunction(() => document.body.innerText.includes('经省人民政府同意'), { timeout: 15_000 });
    // The same document: no navigation, the page's own state still there.
    expect(navigated).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { kept?: number }).kept)).toBe(1);
    expect(await page.title()).toContain('江西应急管理简报');
    expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
  } finally {
    await browser.close();
    await session.close();
  }
});
