import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { isInside } from '../paths.js';

export interface PrintOptions {
  /** Folders the page may load files from (the output folder); everything else is refused. */
  allowed: string[];
  timeout: number;
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

/**
 * Prints an issue's HTML (already written to `htmlFile`) to PDF: loads it offline (every request
 * outside the output folder refused), waits for every font, paginates, prints with the page's
 * CSS size. finishPdf then makes the bytes the issue's own.
 */
export async function print(browser: Browser, htmlFile: string, options: PrintOptions): Promise<Printed> {
  const page = await browser.newPage();
  const blocked: string[] = [];
  try {
    page.setDefaultTimeout(options.timeout);
    await page.setJavaScriptEnabled(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      let ok = false;
      if (url.startsWith('file:')) {
        const file = fileURLToPath(url);
        ok = options.allowed.some((root) => isInside(root, file));
      }
      if (ok) void request.continue();
      else {
        blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: options.timeout });
    await page.emulateMediaType('print');
    // Load every declared face, not only those the screen layout asked for: the print layout
    // (page-number margin boxes) needs faces the screen never requested.
    const failedFonts = (await page.evaluate(async () => {
      const faces = [...document.fonts];
      const results = await Promise.allSettled(faces.map((f) => f.load()));
      await document.fonts.ready;
      return results.filter((r) => r.status === 'rejected').length;
    })) as number;
    if (failedFonts > 0) throw new Error(`${failedFonts} 个字体文件未能加载`);
    const layout = (await page.evaluate('window.bulletinPaginate()')) as Layout;
    const raw = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: options.timeout });
    return { raw, layout, blocked };
  } finally {
    await page.close().catch(() => {});
  }
}

