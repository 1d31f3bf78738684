import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { isInside } from '../paths.js';

export interface PrintOptions {
  /** Folders the page may load files from (the output folder); everything else is refused. */
  allowed: string[];
  timeout: number;
  /**
   * Print fonts (fonts/printFonts.ts): @font-face rules that replace the page's own (web-font
   * slices), and the font files they name, which the page may read besides `allowed`.
   */
  fonts?: { css: string; files: string[] };
  /**
   * Lay the page out this many times larger and print it scaled back (1 = as is). Chromium puts
   * lines on whole CSS pixels (0.75 pt): a 28.99 pt pitch came out as 28.5 / 29.25 pt. At 4×
   * a pixel is 0.19 pt, and every baseline lies within 0.1 pt of the grid.
   */
  zoom?: number;
}

/** The page's @page rules with every length times k (the paper is given to page.pdf instead of `size`). */
export function scalePageRules(css: string, k: number): { css: string; size: { width: string; height: string } } {
  let size = { width: '210mm', height: '297mm' };
  let out = '';
  let i = 0;
  for (;;) {
    const at = css.indexOf('@page', i);
    if (at < 0) break;
    const open = css.indexOf('{', at);
    if (open < 0) break;
    let depth = 0;
    let end = open;
    for (; end < css.length; end++) {
      if (css[end] === '{') depth++;
      else if (css[end] === '}' && --depth === 0) break;
    }
    let block = css.slice(at, end + 1);
    block = block.replace(/(^|[;{\s])size\s*:\s*([^;}]+);?/, (_, lead: string, value: string) => {
      const v = value.trim();
      const two = /^([\d.]+(?:mm|cm|in|pt|px))\s+([\d.]+(?:mm|cm|in|pt|px))$/.exec(v);
      if (two) size = { width: two[1]!, height: two[2]! };
      else if (/^A4\s+landscape$/i.test(v)) size = { width: '297mm', height: '210mm' };
      return lead;
    });
    block = block.replace(/(-?\d*\.?\d+)(mm|cm|in|pt|pc|px|q)\b/gi, (_, n: string, unit: string) => `${Number((Number(n) * k).toFixed(6))}${unit}`);
    out += css.slice(i, at) + block;
    i = end + 1;
  }
  return { css: out + css.slice(i), size };
}

export interface Layout {
  pages: number;
  articles: Array<{ index: number; page: number; top: number }>;
  pitch: number;
  blockHeight: number;
  drift: number;
  width: number;
}

export interface Printed {
  /** The PDF as Chromium wrote it (finishPdf makes it the issue's). */
  raw: Uint8Array;
  layout: Layout;
  /** Requests the renderer refused (network, files outside the output). */
  blocked: string[];
}

/** Prints issues' pages; one per run, shared by the issues printed at the same time. */
export interface Printer {
  print(htmlFile: string): Promise<Printed>;
  close(): Promise<void>;
}

const FONT_FACE = /@font-face\s*\{[^}]*\}/g;

/**
 * A tab that stays open from issue to issue with its document warm: the first issue of a folder
 * is loaded as a page; each next issue of the same folder (same base URL, same template and
 * style) only swaps the body in, and adds the @font-face rules it needs to those already there,
 * so the web-font slices are fetched and decoded once per tab instead of once per issue
 * (measured: 0.36 s load + 0.16 s fonts of a 0.58 s print were the fonts; a warm print is ~5×
 * faster). The printed bytes do not depend on it: finishPdf sets what differs (title, dates,
 * structure ids), as the reproducibility tests check.
 */
class WarmTab {
  private dir: string | undefined;
  private style: string | undefined;
  private faces = new Set<string>();
  private blocked: string[] = [];
  /** The page being loaded, as the printer serves it (its fonts replaced by the print fonts). */
  private document: { url: string; html: string } | undefined;
  /** The paper the page's @page rule asked for, when the printer scales (options.zoom). */
  private paper: { width: string; height: string } | undefined;
  /** Rejects when the tab's renderer crashes: work waiting on it would otherwise hang. */
  private crashed: Promise<never>;
  printed = 0;

  private constructor(
    readonly page: Page,
    private readonly options: PrintOptions,
  ) {
    this.crashed = new Promise<never>((_, reject) => page.once('error', (error) => reject(error)));
    this.crashed.catch(() => {});
  }

  static async open(browser: Browser, options: PrintOptions): Promise<WarmTab> {
    const page = await browser.newPage();
    const tab = new WarmTab(page, options);
    page.setDefaultTimeout(options.timeout);
    await page.setJavaScriptEnabled(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (tab.document && url === tab.document.url && request.isNavigationRequest()) {
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: tab.document.html });
        return;
      }
      let ok = false;
      if (url.startsWith('file:')) {
        const file = fileURLToPath(url);
        ok = options.allowed.some((root) => isInside(root, file)) || (options.fonts?.files.includes(file) ?? false);
      }
      if (ok) void request.continue();
      else {
        tab.blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    return tab;
  }

  print(htmlFile: string): Promise<Printed> {
    return Promise.race([this.printing(htmlFile), this.crashed]);
  }

  private async printing(htmlFile: string): Promise<Printed> {
    const { page, options } = this;
    this.blocked = [];
    const html = await readFile(htmlFile, 'utf8');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const faces = options.fonts ? [options.fonts.css] : (style.match(FONT_FACE) ?? []);
    const rest = style.replace(FONT_FACE, '').replace(/\s+/g, ' ').trim();
    const body = /<body([^>]*)>([\s\S]*)<\/body>/.exec(html);
    if (this.dir === path.dirname(htmlFile) && this.style === rest && body) {
      const added = faces.filter((f) => !this.faces.has(f));
      for (const f of added) this.faces.add(f);
      const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
      await page.evaluate(
        async (added: string[], attributes: string, inner: string, title: string) => {
          let fonts = document.getElementById('bulletin-warm-fonts');
          if (!fonts) {
            fonts = document.createElement('style');
            fonts.id = 'bulletin-warm-fonts';
            document.head.appendChild(fonts);
          }
          fonts.appendChild(document.createTextNode(added.join('\n')));
          const template = document.createElement('template');
          template.innerHTML = `<body${attributes}></body>`;
          const fresh = template.content.firstElementChild;
          for (const name of document.body.getAttributeNames()) document.body.removeAttribute(name);
          for (const name of fresh?.getAttributeNames() ?? []) document.body.setAttribute(name, fresh!.getAttribute(name) ?? '');
          document.body.innerHTML = inner;
          for (const script of document.body.querySelectorAll('script')) script.remove();
          const t = document.createElement('textarea');
          t.innerHTML = title;
          document.title = t.value;
          // The new body's pictures load after the swap: the layout waits for them, as a page
          // load ("load") does, or a figure is measured before it has its height.
          await Promise.all(
            [...document.images].map((img) =>
              img.complete
                ? img.decode().catch(() => {})
                : new Promise((done) => {
                    img.addEventListener('load', done, { once: true });
                    img.addEventListener('error', done, { once: true });
                  }),
            ),
          );
        },
        added,
        body[1] ?? '',
        body[2] ?? '',
        title,
      );
    } else {
      const url = pathToFileURL(htmlFile).href;
      if (options.fonts || (options.zoom ?? 1) !== 1) {
        const fonts = options.fonts?.css;
        const zoom = options.zoom ?? 1;
        this.document = {
          url,
          html: html.replace(/<style>([\s\S]*?)<\/style>/, (_, own: string) => {
            let css = fonts !== undefined ? `${fonts}\n${own.replace(FONT_FACE, '')}` : own;
            if (zoom !== 1) {
              const scaled = scalePageRules(css, 1 / zoom);
              this.paper = scaled.size;
              css = `${scaled.css}\nhtml { zoom: ${zoom}; }`;
            }
            return `<style>${css}</style>`;
          }),
        };
      }
      try {
        await page.goto(url, { waitUntil: 'load', timeout: options.timeout });
      } finally {
        this.document = undefined;
      }
      await page.emulateMediaType('print');
      this.dir = path.dirname(htmlFile);
      this.style = rest;
      this.faces = new Set(faces);
      await page.evaluate(() => document.getElementById('bulletin-warm-fonts')?.remove());
    }
    // Load every declared face, not only those the screen layout asked for: the print layout
    // (page-number margin boxes) needs faces the screen never requested.
    const failedFonts = (await page.evaluate(async () => {
      const results = await Promise.allSettled([...document.fonts].map((f) => f.load()));
      await document.fonts.ready;
      return results.filter((r) => r.status === 'rejected').length;
    })) as number;
    if (failedFonts > 0) throw new Error(`${failedFonts} 个字体文件未能加载`);
    const layout = (await page.evaluate('window.bulletinPaginate()')) as Layout;
    const zoom = options.zoom ?? 1;
    const raw = await page.pdf({
      ...(zoom !== 1 && this.paper ? { preferCSSPageSize: false, width: this.paper.width, height: this.paper.height, scale: 1 / zoom } : { preferCSSPageSize: true }),
      printBackground: true,
      tagged: true,
      timeout: options.timeout,
    });
    this.printed++;
    return { raw, layout, blocked: this.blocked };
  }
}

/**
 * The batch printer: one browser, `size` warm tabs (a tab per core by default), each reused from
 * issue to issue. A tab that fails (a crash, a timeout) fails only the issue it was printing and
 * is replaced; a browser that died is started again (`relaunch`) for the issues after it; a tab
 * is also replaced after `recycleAfter` issues, so memory stays flat.
 */
export class TabPool implements Printer {
  private idle: WarmTab[] = [];
  private waiting: Array<(tab: WarmTab | undefined) => void> = [];
  private open = 0;
  private closed = false;
  private relaunching: Promise<Browser> | undefined;

  constructor(
    private browser: Browser,
    private readonly options: PrintOptions,
    private readonly size = 2,
    private readonly recycleAfter = 200,
    private readonly relaunch?: () => Promise<Browser>,
  ) {}

  /** The browser now printing (another one after a relaunch). */
  get current(): Browser {
    return this.browser;
  }

  private async liveBrowser(): Promise<Browser> {
    if (this.browser.connected || !this.relaunch) return this.browser;
    // The browser died: its tabs are gone with it; one new browser for everyone waiting.
    this.open -= this.idle.length;
    this.idle = [];
    this.relaunching ??= this.relaunch().then((b) => {
      this.browser = b;
      this.relaunching = undefined;
      return b;
    });
    return this.relaunching;
  }

  private async acquire(): Promise<WarmTab> {
    if (this.closed) throw new Error('the printer is closed');
    const browser = await this.liveBrowser();
    const tab = this.idle.pop();
    if (tab) return tab;
    if (this.open < this.size) {
      this.open++;
      try {
        return await WarmTab.open(browser, this.options);
      } catch (error) {
        this.open--;
        throw error;
      }
    }
    const next = await new Promise<WarmTab | undefined>((resolve) => this.waiting.push(resolve));
    return next ?? this.acquire();
  }

  private release(tab: WarmTab, healthy: boolean): void {
    if (!healthy || this.closed || tab.printed >= this.recycleAfter || tab.page.isClosed()) {
      this.open--;
      void tab.page.close().catch(() => {});
      this.waiting.shift()?.(undefined);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(tab);
    else this.idle.push(tab);
  }

  async print(htmlFile: string): Promise<Printed> {
    const tab = await this.acquire();
    let healthy = false;
    try {
      const printed = await tab.print(htmlFile);
      healthy = true;
      return printed;
    } finally {
      this.release(tab, healthy);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
    await Promise.all(this.idle.splice(0).map((t) => t.page.close().catch(() => {})));
    await this.relaunching?.then((b) => b.close()).catch(() => {});
  }
}

/** Prints one issue's HTML on a fresh tab (doctor, tests, a single issue). */
export async function print(browser: Browser, htmlFile: string, options: PrintOptions): Promise<Printed> {
  const pool = new TabPool(browser, options, 1);
  try {
    return await pool.print(htmlFile);
  } finally {
    await pool.close();
  }
}
