import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { sha256, type ManifestEntry } from '../model/manifest.js';
import { packageVersion as installedVersion, walkFiles } from '../paths.js';
import type { Bulletin } from '../model/bulletin.js';
import { BUILTIN_TEMPLATES, VERSION } from '../version.js';
import { FONT_PACKAGES, SHIPPED_FONTS } from '../fonts/fonts.js';
import { readRegularFile } from '../text/regularFile.js';
import { openEntry, sealEntry, sealer } from './seal.js';

/**
 * Incremental builds: an issue's outputs are rebuilt only when something they depend on changed
 * — its source and images, the config, the templates (built-in and the project's), the font
 * packages and project font files, the formats asked for, the tool's version and the browser.
 * The inputs' hash per issue and the outputs it made live in `<out>/.bulletin-cache.json`, each
 * entry sealed (seal.ts); an issue whose hash matches, whose entry's seal and shape hold and whose
 * outputs still hold the recorded bytes is not built again.
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
  // The faces the package ships (fonts/), known by the packages and code that made them.
  packages.push(`fonts/${await readFile(path.join(SHIPPED_FONTS, 'manifest.json'), 'utf8').then((t) => sha(t), () => 'none')}`);
  return sha(VERSION, JSON.stringify(inputs.config), [...inputs.formats].sort().join(','), String(inputs.draft), inputs.pdfa ? 'pdfa' : '', inputs.browser, templates.join('\n'), fontFiles.join('\n'), packages.join('\n'));
}

/** An issue's own inputs on top of the run's: its source text and its images' bytes. */
export async function issueKey(run: string, sourceText: string, b: Bulletin, stem: string, nav = ''): Promise<string> {
  const images: string[] = [];
  for (const image of b.images) images.push(`${image.to}:${sha(inputBytes(image.from))}`);
  return sha(run, stem, sourceText, images.join('\n'), nav);
}

/** How the browser is known without starting it: the executable's size and time, or the package's version. */
export async function browserIdentity(executable: string | undefined, bundled: boolean): Promise<string> {
  if (!executable) return 'none';
  if (bundled) return `@sparticuz/chromium@${packageVersion('@sparticuz/chromium')}`;
  const s = await stat(executable).catch(() => undefined);
  return s ? `${executable}:${s.size}:${s.mtimeMs}` : `${executable}:missing`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX64 = /^[0-9a-f]{64}$/;
const EXTENSIONS = { html: '.html', pdf: '.pdf', docx: '.docx', ofd: '.ofd' } as const;

/** An output's path as a manifest may name it: relative, inside the output folder, of its format. */
function safeOutputPath(p: unknown, format: keyof typeof EXTENSIONS): boolean {
  if (typeof p !== 'string' || !p.endsWith(EXTENSIONS[format]) || p.includes('\\') || p.startsWith('/') || /^[a-z]:/i.test(p)) return false;
  return p.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !/[\u0000-\u001f]/.test(part));
}

/**
 * A manifest entry of the expected shape whose outputs lie inside the output folder, each of its
 * own format (an entry read from a cache or an old manifest: it decides links and removals).
 */
export function isSafeEntry(e: unknown, source?: string): e is ManifestEntry {
  if (!isObject(e) || typeof e.source !== 'string' || (source !== undefined && e.source !== source)) return false;
  if (!Number.isSafeInteger(e.issue) || !Number.isSafeInteger(e.total) || typeof e.date !== 'string' || !Array.isArray(e.articles)) return false;
  if (!e.articles.every((a) => typeof a === 'string')) return false;
  if (e.series !== null && e.series !== undefined && !(isObject(e.series) && typeof e.series.name === 'string' && Number.isSafeInteger(e.series.number))) return false;
  for (const format of ['html', 'pdf', 'docx', 'ofd'] as const) {
    const output = e[format];
    if (output === null || output === undefined) continue;
    if (!isObject(output) || !safeOutputPath(output.path, format) || typeof output.sha256 !== 'string' || !HEX64.test(output.sha256)) return false;
  }
  return true;
}

/**
 * The build cache, entry by entry: an entry whose seal (seal.ts) does not match, or whose shape is
 * wrong, is left out and the issue is built again. Never throws: a missing or damaged file is empty.
 */
export async function readCache(outDir: string, env: Record<string, string | undefined>): Promise<CacheFile> {
  const cache: CacheFile = { version: 1, issues: {} };
  try {
    const data = JSON.parse(await readFile(path.join(outDir, CACHE_NAME), 'utf8')) as unknown;
    const sealing = sealer(env);
    if (!isObject(data) || data.version !== 2 || data.sealedBy !== sealing.id || !isObject(data.issues)) return cache;
    for (const [source, stored] of Object.entries(data.issues)) {
      const value = openEntry(sealing, source, stored);
      if (isObject(value) && typeof value.key === 'string' && isSafeEntry(value.entry, source)) cache.issues[source] = { key: value.key, entry: value.entry };
    }
  } catch {
    // none yet, or unreadable: everything is built
  }
  return cache;
}

/** Sources whose entry in the build cache was sealed with this user's key and no longer matches it (verify). */
export async function auditCache(outDir: string, env: Record<string, string | undefined>): Promise<string[]> {
  try {
    const data = JSON.parse(await readFile(path.join(outDir, CACHE_NAME), 'utf8')) as unknown;
    const sealing = sealer(env);
    if (!isObject(data) || data.version !== 2 || data.sealedBy !== sealing.id || !isObject(data.issues)) return [];
    return Object.entries(data.issues).flatMap(([source, stored]) => {
      const value = openEntry(sealing, source, stored);
      return isObject(value) && typeof value.key === 'string' && isSafeEntry(value.entry, source) ? [] : [source];
    });
  } catch {
    return [];
  }
}

export function serialiseCache(cache: CacheFile, env: Record<string, string | undefined>): string {
  const sealing = sealer(env);
  const issues = Object.fromEntries(
    Object.entries(cache.issues)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([source, hit]) => [source, sealEntry(sealing, source, hit)]),
  );
  return `${JSON.stringify({ version: 2, sealedBy: sealing.id, issues }, null, 1)}\n`;
}

/**
 * The entry recorded for these inputs, when it names this issue's own outputs (`stem` and the
 * format's extension) and every one of them still holds its bytes.
 */
export async function unchanged(cache: CacheFile, source: string, key: string, outDir: string, formats: string[], stem: string): Promise<ManifestEntry | undefined> {
  const hit = cache.issues[source];
  if (!hit || hit.key !== key) return undefined;
  for (const format of formats as Array<'html' | 'pdf' | 'docx' | 'ofd'>) {
    const output = hit.entry[format];
    if (!output || output.path !== `${stem}${EXTENSIONS[format]}`) return undefined;
    const bytes = await readFile(path.join(outDir, output.path)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== output.sha256) return undefined;
  }
  return hit.entry;
}
