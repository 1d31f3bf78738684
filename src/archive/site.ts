import type nunjucks from 'nunjucks';
import type { Config } from '../config/schema.js';
import { sortEntries, type ManifestEntry } from '../model/manifest.js';

export interface SiteOptions {
  config: Config;
  version: string;
  /** SOURCE_DATE_EPOCH, when set, dates the feed; otherwise the newest issue does. */
  sourceDateEpoch?: string;
  /** @font-face rules covering `text` for a page in `htmlDir` (output-relative). */
  fontCss: (htmlDir: string, text: string) => string;
}

/** A series page's file name: the name itself, with characters no file system takes replaced. */
export function seriesFile(name: string): string {
  return `${name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.html`;
}

function byYear(entries: ManifestEntry[]) {
  const newest = [...sortEntries(entries)].reverse();
  const years = [...new Set(newest.map((e) => e.date.slice(0, 4)))];
  return years.map((year) => ({ year, issues: newest.filter((e) => e.date.startsWith(year)) }));
}

function feedUpdated(entries: ManifestEntry[], epoch: string | undefined): string {
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000).toISOString().replace('.000Z', 'Z');
  const latest = entries.map((e) => e.date).sort().at(-1) ?? '1970-01-01';
  return `${latest}T00:00:00+08:00`;
}

/**
 * The published archive from the manifest: index.html (every issue by year, newest first; a
 * draft marked 草稿), one page per series, and an Atom feed (without drafts). Output depends only on the entries and the config.
 */
export function renderSite(env: nunjucks.Environment, entries: ManifestEntry[], options: SiteOptions): Record<string, string> {
  const { config } = options;
  env.addFilter('year', (date: string) => date.slice(0, 4));
  env.addFilter('atomDate', (date: string) => `${date}T00:00:00+08:00`);
  const names = [...new Set(entries.flatMap((e) => (e.series ? [e.series.name] : [])))].sort();
  const seriesList = names.map((name) => ({ name, file: encodeURIComponent(seriesFile(name)) }));
  const common = { title: config.title, colors: config.colors, seriesList, version: options.version };
  const pageText = (heading: string, list: ManifestEntry[]) =>
    heading + names.join('') + JSON.stringify(list) + '第期总专刊日期文章下载年月日全部各期订阅（Atom）HTMLPDF0123456789草稿';
  const page = (heading: string, list: ManifestEntry[], root: '' | '../') =>
    env.render('index.njk', { ...common, heading, years: byYear(list), root, fontCss: options.fontCss(root ? 'series' : '', pageText(heading, list)) });
  const files: Record<string, string> = {
    'index.html': page(`${config.title}（全部各期）`, entries, ''),
    'feed.xml': env.render('feed.xml.njk', {
      ...common,
      publisher: config.publisher,
      feedId: `urn:bulletin:${encodeURIComponent(config.title)}`,
      updated: feedUpdated(entries, options.sourceDateEpoch),
      base: config.baseUrl ?? '',
      // A draft (built with --draft, still holding 【待补】) is marked 草稿 in the index, never sent to subscribers.
      entries: [...sortEntries(entries)].reverse().filter((e) => !e.draft),
    }),
  };
  for (const name of names) {
    const issues = entries.filter((e) => e.series?.name === name);
    files[`series/${seriesFile(name)}`] = page(name, issues, '../');
  }
  return files;
}
