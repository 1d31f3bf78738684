import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { parseManifest, serialiseManifest, type ManifestEntry } from '../model/manifest.js';
import { renderSite } from '../archive/site.js';
import { templateEnvironment } from '../pipeline/render.js';
import type { Writer } from '../pipeline/write.js';
import { VERSION } from '../version.js';
import { fontFaces, resolveFonts, slicesFor, FONTS_DIR } from '../fonts/fonts.js';

export interface Shard {
  index: number;
  count: number;
}

export function shardManifestName(shard: Shard): string {
  return `manifest.shard-${shard.index}-of-${shard.count}.json`;
}

export async function readManifest(file: string): Promise<ManifestEntry[]> {
  return parseManifest(await readFile(file, 'utf8').catch(() => ''));
}

/** Later entries replace earlier ones of the same source. */
export function mergeEntries(...lists: ManifestEntry[][]): ManifestEntry[] {
  const bySource = new Map<string, ManifestEntry>();
  for (const list of lists) for (const e of list) bySource.set(e.source, e);
  return [...bySource.values()];
}

/** Writes manifest.json, index.html, the series pages and feed.xml for the given entries. */
export async function publish(writer: Writer, root: string, config: Config, entries: ManifestEntry[], env: Record<string, string | undefined>): Promise<void> {
  const manifest = writer.write('manifest.json', serialiseManifest(entries));
  manifest.catch(() => {});
  // The listing pages use the bundled fonts too: no page of the archive depends on the
  // fonts of the reader's machine.
  const fonts = resolveFonts(config, root).filter((f) => f.role === 'body' || f.role === 'hei');
  const copies = new Map<string, string>();
  const fontCss = (htmlDir: string, text: string): string => {
    const faces = fontFaces(
      fonts.map((font) => ({ font, used: slicesFor(font, text).used })),
      FONTS_DIR,
      htmlDir,
    );
    for (const f of faces.files) copies.set(f.to, f.from);
    return faces.css;
  };
  const site = renderSite(templateEnvironment(path.join(root, 'templates'), env), entries, {
    config,
    version: VERSION,
    sourceDateEpoch: env.SOURCE_DATE_EPOCH,
    fontCss,
  });
  // Written side by side: each file is whole or absent on its own (Writer), and a file at a time
  // waited for every open, write, flush and rename in turn (60 ms of a one-issue build).
  await Promise.all([
    manifest,
    ...[...copies].sort().map(([to, from]) => writer.copyShared(from, to)),
    ...Object.entries(site).map(([rel, text]) => writer.write(rel, text)),
  ]);
}
