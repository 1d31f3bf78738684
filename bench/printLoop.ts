// Where the time of printing goes: a minimal print loop over bulletin's own HTML files, with one
// step added at a time. `npm run bench -- --loop DIR` runs it over DIR/dist/**/*.html (a project
// built with --format html); the full bench uses `printFloor` as its floor.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../src/browser/browser.js';

export interface LoopOptions {
  /** A new tab per issue (as bulletin did), else `pages` reused tabs. */
  newTab: boolean;
  /** Request interception with a round trip to Node per request. */
  intercept: boolean;
  /** Tagged (accessible) PDF. */
  tagged: boolean;
  /** Run bulletin's pagination script before printing. */
  paginate: boolean;
  pages: number;
}

export function htmlFiles(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'assets') walk(full);
      else if (e.name.endsWith('.html') && /^\d+/.test(e.name)) out.push(full);
    }
  };
  walk(dist);
  return out.sort();
}

async function printOne(page: Page, file: string, o: LoopOptions): Promise<number> {
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.emulateMediaType('print');
  await page.evaluate(async () => {
    await Promise.allSettled([...document.fonts].map((f) => f.load()));
    await document.fonts.ready;
  });
  if (o.paginate) await page.evaluate('window.bulletinPaginate()');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: o.tagged });
  return pdf.length;
}

async function preparePage(browser: Browser, o: LoopOptions): Promise<Page> {
  const page = await browser.newPage();
  if (o.intercept) {
    await page.setRequestInterception(true);
    page.on('request', (r) => void (r.url().startsWith('file:') ? r.continue() : r.abort('blockedbyclient')));
  }
  return page;
}

/** Prints every file with the loop's options; issues per second. */
export async function printLoop(browser: Browser, files: string[], o: LoopOptions): Promise<{ perSecond: number; seconds: number }> {
  const started = performance.now();
  const queue = [...files];
  const worker = async () => {
    let page = o.newTab ? undefined : await preparePage(browser, o);
    for (let file = queue.shift(); file; file = queue.shift()) {
      if (o.newTab) page = await preparePage(browser, o);
      await printOne(page!, file, o);
      if (o.newTab) await page!.close();
    }
    if (!o.newTab) await page!.close();
  };
  await Promise.all(Array.from({ length: o.pages }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: files.length / seconds, seconds };
}

/** The floor for the bench: the same HTML over reused tabs, nothing else. */
export async function printFloor(files: string[], pages = os.cpus().length): Promise<{ perSecond: number; seconds: number }> {
  const browser = await launchBrowser({ env: process.env });
  try {
    return await printLoop(browser, files, { newTab: false, intercept: false, tagged: false, paginate: false, pages });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2]!;
  const files = htmlFiles(path.join(dir, 'dist'));
  const browser = await launchBrowser({ env: process.env });
  const base: LoopOptions = { newTab: false, intercept: false, tagged: false, paginate: false, pages: os.cpus().length };
  const variants: Array<[string, Partial<LoopOptions>]> = [
    ['reused tabs, nothing else (floor)', {}],
    ['+ pagination script', { paginate: true }],
    ['+ tagged PDF', { paginate: true, tagged: true }],
    ['+ request interception', { paginate: true, tagged: true, intercept: true }],
    ['+ a new tab per issue (bulletin today)', { paginate: true, tagged: true, intercept: true, newTab: true }],
    ['floor with 1 tab', { pages: 1 }],
    ['floor with 4 tabs', { pages: 4 }],
  ];
  await printLoop(browser, files.slice(0, 4), base); // warm-up
  for (const [name, o] of variants) {
    const r = await printLoop(browser, files, { ...base, ...o });
    process.stdout.write(`${name.padEnd(42)} ${r.perSecond.toFixed(2)} issues/s (${r.seconds.toFixed(1)} s, ${files.length} issues)\n`);
  }
  await browser.close();
}
