import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { sha256, type ManifestEntry } from '../model/manifest.js';
import { packageVersion as installedVersion, walkFiles } from '../paths.js';
import type { Bulletin } from '../model/bulletin.js';
import { BUILTIN_TEMPLATES, VERSION } from '../version.js';
import { FONT_PACKAGES } from '../fonts/fonts.js';
import { readRegularFile } from '../text/regularFile.js';

/**
 * Incremental builds: an issue's outputs are rebuilt only when something they depend on changed
 * — its source and images, the config, the templates (built-in and the project's), the font
 * packages and project font files, the formats asked for, the tool's version and the browser.
 * The inputs' hash per issue and the outputs it made live in `<out>/.bulletin-cache.json`; an
 * issue whose hash matches and whose outputs still hold the recorded bytes is not built again.
 */

export const CACHE_NAME = '.bulletin-cache.json';

export interface CacheFile {
  version: 1;
  issues: Record<string, { key: string; entry: ManifestEntry }>;
}

const sha = (...parts: Array<string | Uint8Array>) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

async function filesUnder(dir: string): Promise<string[]> {
  return (await walkFiles(dir)).sort();
}

function packageVersion(name: string): string {
  try {
    return installedVersion(name);
  } catch {
    return 'missing';
  }
}

export interface RunInputs {
  config: Config;
  root: string;
  formats: string[];
  draft: boolean;
  /** PDFs as PDF/A-2b. */
  pdfa?: boolean;
  /** Who prints the PDF: its executable and that file's size and time (or the bundled package's version). */
  browser: string;
}

/** Inputs above this are hashed by what they are, not read: the stages that use them refuse them. */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The bytes of an input file to hash, or a word for what it is instead: a FIFO or a device is
 * never read (the one would block, the other never end), nor a missing or oversized file.
 */
function inputBytes(file: string): Buffer {
  try {
    const read = readRegularFile(file, MAX_INPUT_BYTES);
    return read.kind === 'file' ? read.bytes : Buffer.from(read.kind);
  } catch {
    return Buffer.from('missing');
  }
}

/** What every issue of a run depends on alike, hashed once per run. */
export async function runKey(inputs: RunInputs): Promise<string> {
  const templates: string[] = [];
  for (const dir of [BUILTIN_TEMPLATES, path.join(inputs.root, 'templates')]) {
    for (const file of await filesUnder(dir)) templates.push(`${path.relative(dir, file)}:${sha(inputBytes(file))}`);
  }
  const fontFiles: string[] = [];
  for (const role of ['title', 'body', 'kai', 'hei', 'figures'] as const) {
    const file = inputs.config.fonts[role]?.file;
    if (file) fontFiles.push(`${role}:${sha(inputBytes(path.resolve(inputs.root, file)))}`);
  }
  // The OFD edition is read from the PDF by pdf.js and zipped by JSZip: their versions count when it is made.
  const ofd = inputs.formats.includes('ofd') ? ['pdfjs-dist', 'jszip', 'fontkit'] : [];
  const packages = [...FONT_PACKAGES, 'docx', '@cantoo/pdf-lib', ...ofd].map((p) => `${p}@${packageVersion(p)}`);
  return sha(VERSION, JSON.stringify(inputs.config), [...inputs.formats].sort().join(','), String(inputs.draft), inputs.pdfa ? 'pdfa' : '', inputs.browser, templates.join('\n'), fontFiles.join('\n'), packages.join('\n'));
}

/** An issue's own inputs on top of the run's: its source text and its images' bytes. */
export async function issueKey(run: string, sourceText: string, b: Bulletin, stem: string): Promise<string> {
  const images: string[] = [];
  for (const image of b.images) images.push(`${image.to}:${sha(inputBytes(image.from))}`);
  return sha(run, stem, sourceText, images.join('\n'));
}

/** How the browser is known without starting it: the executable's size and time, or the package's version. */
export async function browserIdentity(executable: string | undefined, bundled: boolean): Promise<string> {
  if (!executable) return 'none';
  if (bundled) return `@sparticuz/chromium@${packageVersion('@sparticuz/chromium')}`;
  const s = await stat(executable).catch(() => undefined);
  return s ? `${executable}:${s.size}:${s.mtimeMs}` : `${executable}:missing`;
}

export async function readCache(outDir: string): Promise<CacheFile> {
  try {
    const value = JSON.parse(await readFile(path.join(outDir, CACHE_NAME), 'utf8')) as CacheFile;
    if (value.version === 1 && value.issues && typeof value.issues === 'object') return value;
  } catch {
    // none yet, or unreadable: everything is built
  }
  return { version: 1, issues: {} };
}

export function serialiseCache(cache: CacheFile): string {
  const issues = Object.fromEntries(Object.entries(cache.issues).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, issues }, null, 1)}\n`;
}

/** The entry recorded for these inputs, when every output it names still holds its bytes. */
export async function unchanged(cache: CacheFile, source: string, key: string, outDir: string, formats: string[]): Promise<ManifestEntry | undefined> {
  const hit = cache.issues[source];
  if (!hit || hit.key !== key) return undefined;
  for (const format of formats as Array<'html' | 'pdf' | 'docx' | 'ofd'>) {
    const output = hit.entry[format];
    if (!output) return undefined;
    const bytes = await readFile(path.join(outDir, output.path)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== output.sha256) return undefined;
  }
  return hit.entry;
}
