import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { locateProject } from '../config/locate.js';
import { build, type Format } from './build.js';
import { displayPath, type Io } from './io.js';
import { bulletinError } from '../diagnostics/errors.js';
import { readManifest } from './publish.js';

export interface VerifyOptions {
  /** The manifest to prove; default: manifest.json in the output folder. */
  manifest?: string;
  io: Io;
}

export interface Difference {
  source: string;
  kind: 'html' | 'pdf' | 'docx' | 'ofd' | 'missing';
  expected: string | null;
  actual: string | null;
}

/**
 * Rebuilds every issue of a manifest into a temporary folder and compares sha256: proves a
 * published issue is what these sources, templates and tool version produce.
 */
export interface VerifyResult {
  exitCode: number;
  /** Issues the manifest lists. */
  checked: number;
  differences: Difference[];
  /** No manifest, or an empty one. */
  error?: unknown;
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const { io } = options;
  const place = locateProject(io.cwd, io.config);
  const { config } = await loadConfig(place, (abs) => displayPath(io, abs));
  const manifestPath = options.manifest !== undefined ? path.resolve(io.cwd, options.manifest) : path.resolve(place.root, config.out, 'manifest.json');
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
    const rebuilt = await build({ io, paths: entries.map((e) => path.resolve(place.root, e.source)), out: temp, formats });
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
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return { exitCode: differences.length ? 1 : 0, checked: entries.length, differences };
}
