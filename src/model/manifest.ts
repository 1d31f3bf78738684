import { createHash } from 'node:crypto';
import type { Bulletin } from './bulletin.js';

export interface OutputFile {
  path: string;
  sha256: string;
}

export interface ManifestEntry {
  source: string;
  issue: number;
  total: number;
  date: string;
  series: { name: string; number: number } | null;
  articles: string[];
  html: OutputFile | null;
  /** `browser`: the product and version that printed it (“HeadlessChrome/147.0.7727.15”): the same bytes are promised for the same browser. */
  pdf: (OutputFile & { pages: number; browser: string }) | null;
  /** The Word edition (`--format docx`); absent in manifests written before it existed. */
  docx?: OutputFile | null;
  /** The OFD edition (`--format ofd`, converted from the PDF); absent in manifests written before it existed. */
  ofd?: (OutputFile & { pages: number }) | null;
  /** Built with --draft while the source still holds 【待补】. */
  draft?: boolean;
}

export interface Manifest {
  generator: 'bulletin';
  manifestVersion: 1;
  issues: ManifestEntry[];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function manifestEntry(b: Bulletin, html: OutputFile | null, pdf: ManifestEntry['pdf'], docx: OutputFile | null = null, ofd: ManifestEntry['ofd'] = null): ManifestEntry {
  return {
    source: b.source,
    issue: b.issue,
    total: b.total,
    date: b.date,
    series: b.series ? { name: b.series.name, number: b.series.number } : null,
    articles: b.articles.map((a) => a.title),
    html,
    pdf,
    docx,
    ...(ofd ? { ofd } : {}),
  };
}

/** Entries in a stable order: by total, then source. */
export function sortEntries(entries: ManifestEntry[]): ManifestEntry[] {
  return [...entries].sort((a, b) => a.total - b.total || a.source.localeCompare(b.source, 'en'));
}

export function serialiseManifest(entries: ManifestEntry[]): string {
  const manifest: Manifest = { generator: 'bulletin', manifestVersion: 1, issues: sortEntries(entries) };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads a manifest written earlier; anything unreadable counts as none. */
export function parseManifest(text: string): ManifestEntry[] {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    return Array.isArray(value.issues) ? value.issues : [];
  } catch {
    return [];
  }
}
