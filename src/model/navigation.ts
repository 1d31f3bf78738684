import path from 'node:path';
import type { FrontMatter } from './frontMatter.js';

/** A link of an issue page's navigation. */
export interface NavLink {
  href: string;
  label: string;
}

/** What an issue page links to: the index, its own PDF and Word files, the issues before and after it (in all, and in its series). */
export interface IssueNav {
  index: string;
  pdf?: string;
  docx?: string;
  previous?: NavLink;
  next?: NavLink;
  series?: { name: string; previous?: NavLink; next?: NavLink };
}

/** An issue of the archive as the navigation needs it: where its page goes, and its numbers. */
export interface NavIssue {
  stem: string;
  frontMatter: Pick<FrontMatter, 'issue' | 'total' | 'date' | 'series'>;
}

const label = (f: NavIssue['frontMatter']) => `${f.date.slice(0, 4)}年第${f.issue}期`;

/**
 * Each issue's navigation, from the whole archive (so a one-issue build links like a full one):
 * the issues in running-number order, and within a series in its own numbers' order. Hrefs are
 * relative to the issue's page.
 */
export function issueNavigation(archive: NavIssue[], formats: string[]): (stem: string) => IssueNav {
  const ordered = [...archive].sort((a, b) => a.frontMatter.total - b.frontMatter.total || a.frontMatter.date.localeCompare(b.frontMatter.date) || a.stem.localeCompare(b.stem));
  return (stem) => {
    const dir = path.posix.dirname(stem);
    const href = (to: string) => path.posix.relative(dir, to);
    const link = (other: NavIssue | undefined, text = label): NavLink | undefined => (other ? { href: href(`${other.stem}.html`), label: text(other.frontMatter) } : undefined);
    const at = ordered.findIndex((i) => i.stem === stem);
    const self = ordered[at];
    const nav: IssueNav = {
      index: href('index.html'),
      ...(formats.includes('pdf') ? { pdf: `${path.posix.basename(stem)}.pdf` } : {}),
      ...(formats.includes('docx') ? { docx: `${path.posix.basename(stem)}.docx` } : {}),
    };
    if (!self) return nav;
    const previous = link(ordered[at - 1]);
    const next = link(ordered[at + 1]);
    if (previous) nav.previous = previous;
    if (next) nav.next = next;
    const name = self.frontMatter.series?.name;
    if (name) {
      const series = ordered.filter((i) => i.frontMatter.series?.name === name).sort((a, b) => a.frontMatter.series!.number - b.frontMatter.series!.number);
      const s = series.findIndex((i) => i.stem === stem);
      const seriesLabel = (f: NavIssue['frontMatter']) => `第${f.series!.number}期`;
      const sp = link(series[s - 1], seriesLabel);
      const sn = link(series[s + 1], seriesLabel);
      nav.series = { name, ...(sp ? { previous: sp } : {}), ...(sn ? { next: sn } : {}) };
    }
    return nav;
  };
}
