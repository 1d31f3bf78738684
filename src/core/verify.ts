import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { locateProject } from '../config/locate.js';
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
   * file the sources build to is not in the output folder; cache: an entry of a kept cache was
   * edited or damaged (builds do not use it).
   */
  kind: 'html' | 'pdf' | 'docx' | 'ofd' | 'missing' | 'file' | 'absent' | 'cache';
  expected: string | null;
  actual: string | null;
  /** The file concerned, relative to the output folder (file, absent, cache). */
  file?: string;
}

/**
 * Rebuilds every issue of a manifest into a temporary folder with no cache at all (neither the
 * output folder's nor the project's) and compares: the manifest's sha256 of each output with the
 * rebuilt one, and every file of the output folder with the rebuilt folder, byte for byte (pages,
 * listing, feed, manifest, fonts, images). A hand-edited output, or one built from an edited cache,
 * is reported; so is an edited entry of the output folder's caches. Files the sources do not build
 * to are listed apart (extra), without failing.
 */
export interface VerifyResult {
  exitCode: number;
  /** Issues the manifest lists. */
  checked: number;
  differences: Difference[];
  /**
   * Files of the output folder the sources do not build to (relative): told, not failed on. An
   * incremental build leaves some behind by design (a font slice no page uses any more, the
   * image of an earlier version), and a file of bulletin's name is replaced when built again.
   */
  extra: string[];
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
  const place = locateProject(io.cwd, io.config);
  const { config } = await loadConfig(place, (abs) => displayPath(io, abs));
  const manifestPath = options.manifest !== undefined ? path.resolve(io.cwd, options.manifest) : path.resolve(place.root, config.out, 'manifest.json');
  const outDir = path.dirname(manifestPath);
  const entries = await readManifest(manifestPath);
  if (entries.length === 0) {
    return { exitCode: 1, checked: 0, differences: [], extra: [], error: bulletinError('ManifestMissing', [displayPath(io, manifestPath)]) };
  }
  const formats: Format[] = [];
  if (entries.some((e) => e.html)) formats.push('html');
  if (entries.some((e) => e.pdf)) formats.push('pdf');
  if (entries.some((e) => e.docx)) formats.push('docx');
  if (entries.some((e) => e.ofd)) formats.push('ofd');
  const temp = await mkdtemp(path.join(tmpdir(), 'bulletin-verify-'));
  const differences: Difference[] = [];
  const extra: string[] = [];
  try {
    // --force: no cache is read, neither in the temporary folder nor in the project's output folder.
    const rebuilt = await build({ io, paths: entries.map((e) => path.resolve(place.root, e.source)), out: temp, formats, force: true });
    if (rebuilt.error) return { exitCode: rebuilt.exitCode, checked: 0, differences: [], extra: [], error: rebuilt.error };
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
    // One cause, one line: an output whose manifest sha256 already differs is not told again as a
    // file, nor the manifest itself when an entry of it already differs (or cannot be rebuilt).
    const told = new Set<string>();
    for (const d of differences) {
      if (d.kind === 'html' || d.kind === 'pdf' || d.kind === 'docx' || d.kind === 'ofd') told.add(entries.find((e) => e.source === d.source)?.[d.kind]?.path ?? '');
    }
    if (differences.length > 0) told.add('manifest.json');
    for (const [rel, file] of published) {
      if (told.has(rel)) continue;
      const source = ownerOf.get(rel) ?? rel;
      const other = made.get(rel);
      if (!other) {
        extra.push(rel);
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
  return { exitCode: differences.length ? 1 : 0, checked: entries.length, differences, extra, outDir };
}
