import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { build, type Format } from './build.js';
import { displayPath, type Io } from './io.js';
import { bulletinError } from '../diagnostics/errors.js';
import { readManifest } from './publish.js';
import { ANALYSIS_CACHE_NAME, auditAnalysisCache } from './analysisCache.js';
import { auditCache, CACHE_NAME } from './cache.js';
import { LOCK_NAME } from './lock.js';
import { STAMP_NAME } from './outputFolder.js';
import { sha256 } from '../model/manifest.js';
import { walkFiles } from '../paths.js';

export interface VerifyOptions {
  /** The manifest to prove; default: manifest.json in the output folder. */
  manifest?: string;
  io: Io;
}

export interface Difference {
  source: string;
  /**
   * html/pdf/docx/ofd: the manifest's sha256 is not what the sources build to; missing: the issue
   * cannot be rebuilt; file: a file of the output folder differs from the one rebuilt; absent: a
   * file the sources build to is not in the output folder; extra: a file in the output folder the
   * sources do not build to; cache: an entry of a kept cache was edited or damaged (builds do not
   * use it).
   */
  kind: 'html' | 'pdf' | 'docx' | 'ofd' | 'missing' | 'file' | 'absent' | 'extra' | 'cache';
  expected: string | null;
  actual: string | null;
  /** The file concerned, relative to the output folder (file, absent, extra, cache). */
  file?: string;
}

/**
 * Rebuilds every issue of a manifest into a temporary folder with no cache at all (neither the
 * output folder's nor the project's) and compares: the manifest's sha256 of each output with the
 * rebuilt one, and every file of the output folder with the rebuilt folder, byte for byte (pages,
 * listing, feed, manifest, fonts, images). A hand-edited output, or one built from an edited cache,
 * is reported; so is an edited entry of the output folder's caches.
 */
export interface VerifyResult {
  exitCode: number;
  /** Issues the manifest lists. */
  checked: number;
  differences: Difference[];
  /** The output folder compared (absolute): the manifest's folder. */
  outDir?: string;
  /** No manifest, or an empty one. */
  error?: unknown;
}

/** bulletin's own files in an output folder, which are not outputs: caches, stamp, lock, temporaries, shard manifests. */
function isControlFile(rel: string): boolean {
  const name = rel.split('/').pop() ?? '';
  return (
    rel === CACHE_NAME ||
    rel === ANALYSIS_CACHE_NAME ||
    rel === STAMP_NAME ||
    name === LOCK_NAME ||
    name.startsWith(`${LOCK_NAME}.`) ||
    /^\..+\.[0-9a-f]{8}\.tmp$/.test(name) ||
    /^manifest\.shard-\d+-of-\d+\.json$/.test(rel)
  );
}

async function outputsUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await walkFiles(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    if (!isControlFile(rel)) files.set(rel, file);
  }
  return files;
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const { io } = options;
  const { config } = await loadConfig(io.cwd, (abs) => displayPath(io, abs));
  const manifestPath = path.resolve(io.cwd, options.manifest ?? path.join(config.out, 'manifest.json'));
  const outDir = path.dirname(manifestPath);
  const entries = await readManifest(manifestPath);
  if (entries.length === 0) {
    return { exitCode: 1, checked: 0, differences: [], error: bulletinError('ManifestMissing', [displayPath(io, manifestPath)]) };
  }
  const formats: Format[] = [];
  if (entries.some((e) => e.html)) formats.push('html');
  if (entries.some((e) => e.pdf)) formats.push('pdf');
  if (entries.some((e) => e.docx)) formats.push('docx');
  if (entries.some((e) => e.ofd)) formats.push('ofd');
  const temp = await mkdtemp(path.join(tmpdir(), 'bulletin-verify-'));
  const differences: Difference[] = [];
  try {
    // --force: no cache is read, neither in the temporary folder nor in the project's output folder.
    const rebuilt = await build({ io, paths: entries.map((e) => e.source), out: temp, formats, force: true });
    if (rebuilt.error) return { exitCode: rebuilt.exitCode, checked: 0, differences: [], error: rebuilt.error };
    const bySource = new Map(rebuilt.issues.flatMap((i) => (i.entry ? [[i.entry.source, i.entry] as const] : [])));
    for (const e of entries) {
      const again = bySource.get(e.source);
      if (!again) {
        differences.push({ source: e.source, kind: 'missing', expected: null, actual: null });
        continue;
      }
      for (const kind of ['html', 'pdf', 'docx', 'ofd'] as const) {
        const expected = e[kind]?.sha256 ?? null;
        const actual = again[kind]?.sha256 ?? null;
        if (expected !== null && expected !== actual) differences.push({ source: e.source, kind, expected, actual });
      }
    }
    // Every file, byte for byte: what the manifest does not describe (listing, feed, fonts,
    // images, the manifest itself) and what was edited after it was written.
    const ownerOf = new Map<string, string>();
    for (const e of entries) for (const kind of ['html', 'pdf', 'docx', 'ofd'] as const) if (e[kind]) ownerOf.set(e[kind].path, e.source);
    const published = await outputsUnder(outDir);
    const made = await outputsUnder(temp);
    for (const [rel, file] of published) {
      const source = ownerOf.get(rel) ?? rel;
      const other = made.get(rel);
      if (!other) {
        differences.push({ source, kind: 'extra', expected: null, actual: sha256(await readFile(file)), file: rel });
        continue;
      }
      const [mine, theirs] = await Promise.all([readFile(file), readFile(other)]);
      if (!mine.equals(theirs)) differences.push({ source, kind: 'file', expected: sha256(theirs), actual: sha256(mine), file: rel });
    }
    for (const [rel, file] of made) {
      if (!published.has(rel)) differences.push({ source: ownerOf.get(rel) ?? rel, kind: 'absent', expected: sha256(await readFile(file)), actual: null, file: rel });
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  // Kept entries that no longer match their seal: builds take them as misses, but someone edited them.
  const analysis = await auditAnalysisCache(outDir, io.env);
  for (const source of analysis.rejected) {
    differences.push({ source: displayPath(io, source), kind: 'cache', expected: null, actual: null, file: ANALYSIS_CACHE_NAME });
  }
  for (const source of await auditCache(outDir, io.env)) differences.push({ source, kind: 'cache', expected: null, actual: null, file: CACHE_NAME });
  return { exitCode: differences.length ? 1 : 0, checked: entries.length, differences, outDir };
}
