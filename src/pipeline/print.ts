import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { isInside } from '../paths.js';
import type { PrintFonts, PrintTier } from '../fonts/printFonts.js';
import { pageRules } from '../layout/geometry.js';
import type { PrintPage } from './render.js';
import { DetailError, details } from '../diagnostics/errors.js';

export interface PrintOptions {
  /** Folders the page may load files from (the output folder); everything else is refused. */
  allowed: string[];
  timeout: number;
  /**
   * Print fonts (fonts/printFonts.ts): @font-face rules that replace the page's own (web-font
   * slices), in two tiers (the common cut and the whole fonts), and the font files they name,
   * which the page may read besides `allowed`.
   */
  fonts?: PrintFonts;
  /**
   * Lay the page out this many times larger and print it scaled back (1 = as is). Chromium puts
   * lines on whole CSS pixels (0.75 pt): a 28.99 pt pitch came out as 28.5 / 29.25 pt. At 4×
   * a pixel is 0.19 pt, and every baseline lies within 0.1 pt of the grid.
   */
  zoom?: number;
}

export interface Layout {
  pages: number;
  /** The 版记 (CSS px): the space left above it on the last page, its height, and whether it took a page of its own. */
  colophon: { space: number; height: number; freshPage: boolean } | null;
  articles: Array<{ index: number; page: number; top: number }>;
  /**
   * Paragraphs the pull-back set tighter (paginate.js, when the body's last line would stand
   * alone on the last page): their place among the body's paragraphs (`.sheet p[data-flow="lines"]`
   * in document order), their text, and the letter-spacing added to them (CSS px, negative).
   * Absent from a project's own paginate.js that does not report it.
   */
  tightened?: Array<{ index: number; text: string; letterSpacing: number }>;
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
  /**
   * Prints the page (rendered structured: render.ts PrintPage) as if at `htmlFile`, its
   * address in the output, with the print fonts of `tier` (printTier: the common cut when the
   * page's ideographs are all in it).
   */
  print(htmlFile: string, page: PrintPage, tier?: PrintTier): Promise<Printed>;
  close(): Promise<void>;
}

/**
 * The print host's own policy: no script of a page runs (no event handler either), and no
 * plug-in. Loads are not limited here but by the tab's request filter, which refuses and counts
 * everything outside the output folder and the print fonts.
 */
const HOST_POLICY = "default-src * file:; style-src * file: 'unsafe-inline'; script-src 'none'; object-src 'none'; base-uri file:; form-action 'none'";

/**
 * A tab that stays open from issue to issue. It holds one print host: a document of the printer's
 * own, loaded once, that declares the print fonts and loads them (0.5 s for the four whole fonts,
 * which a new document would load again). Each issue is swapped in: its style, its <html> and
 * <body> attributes, its body and title, with a <base> at the issue's own address so that its
 * pictures and links resolve as in its page. The pagination script of the issues runs once per
 * host (by the DevTools protocol: the host's policy lets no script of a page run). Every issue is
 * printed this way, the first of a tab as the hundredth, so the bytes do not depend on which tab
 * or turn printed it; finishPdf sets what differs (title, dates, structure ids).
 */
class WarmTab {
  /** The print fonts the host has declared now. */
  private tier: PrintTier = 'common';
  /** The pagination script run in the host; another script means a new host. */
  private script: string | undefined;
  private style: string | undefined;
  private faces = new Set<string>();
  private blocked: string[] = [];
  /** The host document while it is loading, served from memory at its address. */
  private host: { url: string; html: string } | undefined;
  private hosted = false;
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
    const fontFiles = new Set(options.fonts ? [...options.fonts.common.files, ...options.fonts.whole.files] : []);
    page.setDefaultTimeout(options.timeout);
    await page.setJavaScriptEnabled(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (tab.host && url === tab.host.url && request.isNavigationRequest()) {
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: tab.host.html });
        return;
      }
      let ok = false;
      if (url.startsWith('file:')) {
        const file = fileURLToPath(url);
        ok = options.allowed.some((root) => isInside(root, file)) || fontFiles.has(file);
      }
      if (ok) void request.continue();
      else {
        tab.blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    return tab;
  }

  private cdp: Promise<CDPSession> | undefined;

  /** The tab's own DevTools session, for the print command. */
  private session(): Promise<CDPSession> {
    this.cdp ??= this.page.createCDPSession();
    return this.cdp;
  }

  /** Loads the print host and its fonts, so the first issue finds them ready. */
  prime(): Promise<void> {
    return Promise.race([this.hosting(undefined), this.crashed]);
  }

  print(htmlFile: string, page: PrintPage, tier: PrintTier = 'whole'): Promise<Printed> {
    return Promise.race([this.printing(htmlFile, page, tier), this.crashed]);
  }

  private async hosting(script: string | undefined): Promise<void> {
    const { page, options } = this;
    const dir = options.allowed[0] ?? process.cwd();
    const url = pathToFileURL(path.join(dir, '.bulletin-print-host.html')).href;
    this.host = {
      url,
      html: `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${HOST_POLICY}"><base href="${url}"><style id="bulletin-fonts">${options.fonts?.common.css ?? ''}</style><style id="bulletin-style"></style><title></title></head><body></body></html>`,
    };
    try {
      await page.goto(url, { waitUntil: 'load', timeout: options.timeout });
    } finally {
      this.host = undefined;
    }
    await page.emulateMediaType('print');
    this.style = undefined;
    this.faces = new Set();
    this.tier = 'common';
    // Load every declared face, not only those a layout asked for: the print layout
    // (page-number margin boxes) needs faces the screen never requested.
    await this.loadFonts();
    if (script !== undefined) await page.evaluate(script);
    this.script = script;
    this.hosted = true;
  }

  private async loadFonts(): Promise<void> {
    const failed = (await this.page.evaluate(async () => {
      const results = await Promise.allSettled([...document.fonts].map((f) => f.load()));
      await document.fonts.ready;
      return results.filter((r) => r.status === 'rejected').length;
    })) as number;
    if (failed > 0) throw new DetailError(details.fontsNotLoaded(failed));
  }

  private async printing(htmlFile: string, parts: PrintPage, tier: PrintTier): Promise<Printed> {
    const { page, options } = this;
    this.blocked = [];
    if (!this.hosted || (this.script !== undefined && this.script !== parts.script)) await this.hosting(parts.script);
    else if (this.script === undefined) {
      await page.evaluate(parts.script);
      this.script = parts.script;
    }
    // The @page rules come from the page's geometry: at 1/zoom when the page is laid out zoomed
    // (Chromium keeps neither @page lengths nor `size` under scale; the paper goes to the print call).
    const zoom = options.zoom ?? 1;
    const g = parts.geometry;
    const paper = zoom !== 1 ? g.paper : undefined;
    const style = zoom !== 1 ? `${pageRules(g, { scale: 1 / zoom, size: false })}\n${parts.style}\nhtml { zoom: ${zoom}; }` : `${pageRules(g)}\n${parts.style}`;
    const added = options.fonts ? [] : parts.faces.filter((f) => !this.faces.has(f));
    for (const f of added) this.faces.add(f);
    const restyle = style !== this.style;
    this.style = style;
    // The other tier's fonts replace this one's (loaded once per host, then from its memory cache).
    const refont = options.fonts && tier !== this.tier ? options.fonts[tier].css : null;
    this.tier = tier;
    const swapped = await page.evaluate(
      async (base: string, fontFaces: string | null, added: string[], style: string | null, lang: string, bodyClass: string, inner: string, title: string) => {
        // (No named helper functions in here: a page function is sent as text, and tsx's name
        // keeping would wrap them in a __name the page does not have.)
        document.querySelector('base')!.setAttribute('href', base);
        if (fontFaces !== null) document.getElementById('bulletin-fonts')!.textContent = fontFaces;
        if (added.length) document.getElementById('bulletin-fonts')!.appendChild(document.createTextNode(added.join('\n')));
        if (style !== null) document.getElementById('bulletin-style')!.textContent = style;
        for (const name of document.documentElement.getAttributeNames()) document.documentElement.removeAttribute(name);
        for (const name of document.body.getAttributeNames()) document.body.removeAttribute(name);
        if (lang) document.documentElement.setAttribute('lang', lang);
        if (bodyClass) document.body.setAttribute('class', bodyClass);
        document.body.innerHTML = inner;
        // A script element swapped in never runs nor loads: one with an address is refused.
        const refused: string[] = [];
        for (const script of document.body.querySelectorAll('script')) {
          if (script.src) refused.push(script.src);
          script.remove();
        }
        document.title = title;
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
        // Every declared face is loaded, not only those the layout asked for: the print layout
        // (page-number margin boxes) needs faces the screen never requested.
        const fonts = await Promise.allSettled([...document.fonts].map((f) => f.load()));
        await document.fonts.ready;
        const failed = fonts.filter((r) => r.status === 'rejected').length;
        const paginate = (window as unknown as { bulletinPaginate?: () => unknown }).bulletinPaginate;
        if (failed > 0 || typeof paginate !== 'function') return { refused, failed, layout: null };
        return { refused, failed, layout: paginate() };
      },
      pathToFileURL(htmlFile).href,
      refont,
      added,
      restyle ? style : null,
      parts.lang,
      parts.bodyClass,
      parts.body,
      parts.title,
    );
    this.blocked.push(...swapped.refused);
    if (swapped.failed > 0) throw new DetailError(details.fontsNotLoaded(swapped.failed));
    if (!swapped.layout) throw new DetailError(details.noPaginateScript());
    const layout = swapped.layout as Layout;
    const raw = await printToPdf(await this.session(), paper ? { paper, scale: 1 / zoom } : {}, options.timeout);
    this.printed++;
    return { raw, layout, blocked: this.blocked };
  }
}

/** Inches of a length in mm, counted as puppeteer's page.pdf counts them (3.78 CSS px a millimetre). */
const inches = (mm: number): number => (mm * 3.78) / 96;

/**
 * Page.printToPDF in one round trip: the PDF comes back in the answer (base64) rather than as a
 * stream read in small pieces, each a message to and from the browser, as page.pdf does. With a
 * paper, the page's own @page size is set aside for it (the printer scales, see PrintOptions.zoom).
 */
async function printToPdf(session: CDPSession, o: { paper?: { width: number; height: number }; scale?: number }, timeout: number): Promise<Uint8Array> {
  let timer: NodeJS.Timeout | undefined;
  const printing = session.send('Page.printToPDF', {
    transferMode: 'ReturnAsBase64',
    printBackground: true,
    generateTaggedPDF: true,
    marginTop: 0,
    marginBottom: 0,
    marginLeft: 0,
    marginRight: 0,
    ...(o.paper ? { preferCSSPageSize: false, paperWidth: inches(o.paper.width), paperHeight: inches(o.paper.height), scale: o.scale ?? 1 } : { preferCSSPageSize: true }),
  });
  try {
    const { data } = await Promise.race([
      printing,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DetailError(details.printTimeout(timeout))), timeout);
      }),
    ]);
    return Buffer.from(data, 'base64');
  } finally {
    clearTimeout(timer);
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

  /**
   * Opens up to `count` tabs and loads the print host with its fonts in each, before there is
   * anything to print (a cold build does it while its sources are read). A tab that fails to
   * prime is closed; the print opens another and says why.
   */
  async prime(count = this.size): Promise<void> {
    const opening: Array<Promise<void>> = [];
    while (this.open < Math.min(count, this.size) && !this.closed) {
      this.open++;
      opening.push(
        (async () => {
          const tab = await WarmTab.open(await this.liveBrowser(), this.options).catch((error: unknown) => {
            this.open--;
            throw error;
          });
          try {
            await tab.prime();
            this.release(tab, true);
          } catch {
            this.release(tab, false);
          }
        })(),
      );
    }
    await Promise.allSettled(opening);
  }

  async print(htmlFile: string, page: PrintPage, tier?: PrintTier): Promise<Printed> {
    const tab = await this.acquire();
    let healthy = false;
    try {
      const printed = await tab.print(htmlFile, page, tier);
      healthy = true;
      return printed;
    } finally {
      this.release(tab, healthy);
    }
  }

  /**
   * Stops lending tabs. The tabs themselves go with their browser, which the pool's owner closes
   * next: closed one by one first, each left puppeteer waiting 100 ms for a frame swap that never
   * comes, and kept a finished run's process alive that long.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
    this.idle.length = 0;
    await this.relaunching?.then((b) => b.close()).catch(() => {});
  }
}

