import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { walkFiles } from '../paths.js';
import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { ruleById } from '../catalogue.js';
import type { Config } from '../config/schema.js';
import { report, severityOf, type At } from '../diagnostics/report.js';
import type { KeyLines } from '../archive/keyLines.js';
import type { Bulletin } from '../model/bulletin.js';
import type { FrontMatter } from '../model/frontMatter.js';
import { VERSION } from '../version.js';
import { openEntry, sealEntry, sealer } from './seal.js';

/**
 * What analysing a source found, kept between builds in the output folder so that a source whose
 * bytes, config and tool are unchanged is not parsed and proofread again (on 300 issues that was
 * 1.1 s of a 1.9 s no-op rebuild). The messages are kept as rule ids and arguments and made again
 * from the catalogue; images are still checked on disk every time (resolveAssets). Each entry is
 * sealed (seal.ts) and its shape checked when read: an edited or damaged entry is a miss.
 */
export const ANALYSIS_CACHE_NAME = '.bulletin-analysis.json';

interface StoredMessage {
  rule: string;
  args: unknown;
  severity: 'error' | 'warning' | 'info';
  at?: At;
  actual?: string;
  expected?: string[];
}

export interface Analysed {
  key: string;
  messages: StoredMessage[];
  frontMatter?: FrontMatter;
  lines?: KeyLines;
  bulletin?: Bulletin;
}

export type AnalysisCache = Map<string, Analysed>;

let fingerprint: Promise<string> | undefined;
/** The running code itself (dist-lib or src), so a changed tool never reads an old analysis. */
function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const root = path.basename(here) === 'core' ? path.dirname(here) : here;
    const h = createHash('sha256').update(VERSION);
    for (const file of await walkFiles(root, (e) => (e.isDirectory() ? 'enter' : /\.(js|ts|mjs)$/.test(e.name) ? 'list' : 'skip'), true)) {
      h.update(path.basename(file)).update(await readFile(file));
    }
    return h.digest('hex');
  })();
  return fingerprint;
}

/** The key of one source's analysis: its bytes, where it is, the config, the draft flag and the code. */
export async function analysisKey(text: string, absolute: string, config: Config, draft: boolean): Promise<string> {
  return createHash('sha256')
    .update(await codeFingerprint())
    .update('\0')
    .update(JSON.stringify(config))
    .update('\0')
    .update(absolute)
    .update('\0')
    .update(draft ? 'draft' : '')
    .update('\0')
    .update(text)
    .digest('hex');
}

const SEVERITIES = new Set(['error', 'warning', 'info']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape of a kept analysis, checked before any of it is used (a seal proves who wrote it, not that this code can read it). */
function isAnalysed(v: unknown): v is Analysed {
  if (!isObject(v) || typeof v.key !== 'string' || !Array.isArray(v.messages)) return false;
  for (const m of v.messages as unknown[]) {
    if (!isObject(m) || typeof m.rule !== 'string' || !ruleById(m.rule) || !SEVERITIES.has(m.severity as string)) return false;
    if (m.at !== undefined && (!isObject(m.at) || typeof m.at.line !== 'number' || typeof m.at.column !== 'number')) return false;
  }
  if (v.frontMatter !== undefined && !isObject(v.frontMatter)) return false;
  if (v.lines !== undefined && !isObject(v.lines)) return false;
  if (v.bulletin !== undefined && (!isObject(v.bulletin) || typeof v.bulletin.source !== 'string' || !Array.isArray(v.bulletin.articles) || !Array.isArray(v.bulletin.images))) return false;
  return true;
}

/** What was kept, read entry by entry: an entry whose seal or shape is wrong is left out (a miss). */
export interface KeptAnalysis {
  cache: AnalysisCache;
  /** Sources whose entry was sealed with this user's key and no longer matches it: edited or damaged. */
  rejected: string[];
}

export async function auditAnalysisCache(outDir: string, env: Record<string, string | undefined>): Promise<KeptAnalysis> {
  const cache: AnalysisCache = new Map();
  const rejected: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path.join(outDir, ANALYSIS_CACHE_NAME), 'utf8'));
  } catch {
    return { cache, rejected };
  }
  const sealing = sealer(env);
  if (!isObject(data) || data.version !== 2 || !isObject(data.sources)) return { cache, rejected };
  const ours = data.sealedBy === sealing.id;
  for (const [source, stored] of Object.entries(data.sources)) {
    const value = ours ? openEntry(sealing, source, stored) : undefined;
    if (isAnalysed(value)) cache.set(source, value);
    else if (ours) rejected.push(source);
  }
  return { cache, rejected };
}

export async function readAnalysisCache(outDir: string, env: Record<string, string | undefined>): Promise<AnalysisCache> {
  return (await auditAnalysisCache(outDir, env)).cache;
}

export function serialiseAnalysisCache(cache: AnalysisCache, env: Record<string, string | undefined>): string {
  const sealing = sealer(env);
  const sources = Object.fromEntries([...cache].sort(([a], [b]) => (a < b ? -1 : 1)).map(([source, value]) => [source, sealEntry(sealing, source, value)]));
  return `${JSON.stringify({ version: 2, sealedBy: sealing.id, sources })}\n`;
}

/** What to keep of a compiled source; undefined when a message cannot be made again from the catalogue. */
export function storeAnalysis(key: string, file: VFile, found: { frontMatter?: FrontMatter; lines?: KeyLines; bulletin?: Bulletin }): Analysed | undefined {
  const messages: StoredMessage[] = [];
  for (const m of file.messages) {
    if (!m.ruleId || m.args === undefined || !ruleById(m.ruleId) || m.cause !== undefined) return undefined;
    messages.push({
      rule: m.ruleId,
      args: m.args,
      severity: severityOf(m),
      ...(place(m) ? { at: place(m)! } : {}),
      ...(m.actual !== undefined ? { actual: m.actual } : {}),
      ...(m.expected ? { expected: m.expected } : {}),
    });
  }
  return { key, messages, ...found };
}

function place(m: VFileMessage): At | undefined {
  const p = m.place;
  if (!p) return undefined;
  if ('start' in p) return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
  return { line: p.line, column: p.column };
}

/** The messages of a kept analysis, made again on a fresh file for the source. */
export function restoreMessages(file: VFile, stored: Analysed): void {
  for (const s of stored.messages) {
    const m = report(file, ruleById(s.rule)!, s.args as never, s.at, { severity: s.severity });
    if (s.actual !== undefined) m.actual = s.actual;
    if (s.expected) m.expected = s.expected;
  }
}
