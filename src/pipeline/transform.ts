import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Config } from '../config/schema.js';
import type { FrontMatter } from '../model/frontMatter.js';
import type { Bulletin, DistributionLine } from '../model/bulletin.js';
import { articles } from './transform/articles.js';
import type { TransformContext } from './transform/context.js';

export { MAX_DEPTH } from './transform/blocks.js';
export { MAX_ARTICLES, isSourceLine } from './transform/articles.js';
export { plain } from './transform/inlines.js';

export interface TransformOptions {
  config: Config;
  /** Absolute project root: images must stay inside it. */
  root: string;
  /** Project-relative source path with forward slashes. */
  source: string;
  /** Output-relative folder where this issue's images go, e.g. "2021/064.assets". */
  assetsDir: string;
}

/** Joins a distribution value and closes the line with "。" unless it already ends a sentence. */
export function distributionText(value: string | string[]): string {
  const text = Array.isArray(value) ? value.join('，') : value;
  return /[。！？]$/.test(text) ? text : `${text}。`;
}

export function resolveDistribution(map: Record<string, string | string[]>): DistributionLine[] {
  return Object.entries(map).map(([label, value]) => ({ label, text: distributionText(value) }));
}

/**
 * Turns the Markdown tree and the validated front matter into the document model, resolving
 * defaults from the config. Its passes are one concern each (transform/): articles (titles,
 * subtitles, source lines) → blocks → inlines, with links and pictures checked as they come.
 * Structural problems are reported on the file. Pure: it never touches the file system
 * (pictures are checked on disk by resolveAssets).
 */
export function transform(file: VFile, tree: Root, fm: FrontMatter, options: TransformOptions): Bulletin | undefined {
  const { config } = options;
  const ctx: TransformContext = { file, options, images: [], imageNames: new Map(), depth: 0, tooDeep: false };
  const found = articles(ctx, tree);
  if (file.messages.some((m) => m.fatal === true)) return undefined;
  return {
    source: options.source,
    title: fm.title ?? config.title,
    publisher: fm.publisher ?? config.publisher,
    marker: fm.marker ?? config.marker,
    issue: fm.issue,
    total: fm.total,
    date: fm.date,
    printed: fm.printed ?? fm.date,
    ...(fm.series ? { series: fm.series } : {}),
    ...(fm.copies !== undefined ? { copies: fm.copies } : {}),
    distribution: resolveDistribution(fm.distribution ?? config.distribution),
    articles: found,
    images: ctx.images,
  };
}
