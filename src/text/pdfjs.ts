type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<Pdfjs> | undefined;

/**
 * pdf.js, bundled into dist-lib with its worker, which runs on the main thread as pdf.js does in
 * Node (globalThis.pdfjsWorker). bulletin reads a PDF's text and drawing operators and never
 * renders one, so the 33 MB @napi-rs/canvas that pdf.js loads for rendering is not installed
 * with bulletin; the warnings pdf.js prints when it loads without it (“Cannot load
 * "@napi-rs/canvas"”, “Cannot polyfill `DOMMatrix`”…) are held back, and only those.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && /^Warning: Cannot (load "@napi-rs\/canvas"|polyfill )/.test(args[0]))) warn(...args);
    };
    try {
      const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return pdfjs;
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}
