type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<Pdfjs> | undefined;

/**
 * pdf.js, bundled into dist-lib with its worker, which runs on the main thread as pdf.js does in
 * Node (globalThis.pdfjsWorker): not the 41 MB pdfjs-dist package. The DOMMatrix that reading a
 * PDF's drawing (OFD) needs comes from @napi-rs/canvas, an optional dependency of bulletin as it
 * was of pdfjs-dist; where it could not be installed, text is still read, and the warnings pdf.js
 * prints on loading without it (“Cannot load "@napi-rs/canvas"”, “Cannot polyfill `DOMMatrix`”…)
 * are held back, and only those: the OFD step then says what failed.
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
