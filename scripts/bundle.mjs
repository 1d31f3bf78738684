// Compiles src/ into dist-lib/ for the package: one ES module per entry plus shared chunks, so
// that a start of `bulletin` reads a few files instead of several hundred (check on the demos:
// 0.42 s → 0.24 s). Modules that are large, load data files of their own or are needed by one
// command only stay in node_modules and are imported where used. puppeteer-core is bundled into
// the lazily loaded chunks of the PDF path: as hundreds of files it took 200–276 ms to load,
// bundled 105–135 ms, on every PDF build. @cantoo/pdf-lib (the maintained fork of pdf-lib) is bundled too, into a chunk of its own that
// finishPdf loads only for a PDF of an unusual shape (it edits Chromium's file itself).
// Type-checking and declarations come from `tsc -p tsconfig.build.json`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const external = [
  '@sparticuz/chromium',
  'pdfjs-dist',
  'fontkit',
  'subset-font',
  'docx',
  'mammoth',
  'jszip',
  '@xmldom/xmldom',
  'opencc-js',
  'iconv-lite',
  'chokidar',
  'cli-progress',
  '@resvg/resvg-wasm',
];

/**
 * puppeteer-core's @puppeteer/browsers imports proxy-agent for downloading browsers, which
 * bulletin never does (the bundled Chromium comes from npm): 1.9 MB of JavaScript (a PAC
 * interpreter among it) that every PDF build compiled. It is replaced by a stub that refuses.
 */
const noDownloads = {
  name: 'no-browser-downloads',
  setup(b) {
    b.onResolve({ filter: /^proxy-agent$/ }, () => ({ path: 'proxy-agent', namespace: 'bulletin-stub' }));
    b.onLoad({ filter: /^proxy-agent$/, namespace: 'bulletin-stub' }, () => ({
      contents: "export class ProxyAgent { constructor() { throw new Error('bulletin does not download browsers'); } }",
      loader: 'js',
    }));
  },
};

/**
 * puppeteer-core's launcher imports its WebSocket transport (and with it `ws`, 130 KB) for a
 * browser reached by address; bulletin always talks to its browser over a pipe. `ws` is replaced
 * by a stub that refuses, so every PDF build stops compiling it before the browser starts.
 */
const pipeOnly = {
  name: 'pipe-only',
  setup(b) {
    b.onResolve({ filter: /^ws$/ }, () => ({ path: 'ws', namespace: 'bulletin-stub' }));
    b.onLoad({ filter: /^ws$/, namespace: 'bulletin-stub' }, () => ({
      contents: "export default class WebSocket { constructor() { throw new Error('bulletin talks to its browser over a pipe'); } }",
      loader: 'js',
    }));
  },
};

rmSync('dist-lib', { recursive: true, force: true, maxRetries: 3 });
await build({
  entryPoints: { 'cli/main': 'src/cli/main.ts', index: 'src/index.ts' },
  outdir: 'dist-lib',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  // CommonJS dependencies bundled into ES modules (nunjucks) call require().
  banner: { js: "import { createRequire as __bulletinRequire } from 'node:module'; const require = __bulletinRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'eof',
  plugins: [noDownloads, pipeOnly],
});
