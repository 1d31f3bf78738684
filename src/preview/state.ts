import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { defaultConfig } from '../config/schema.js';
import { hasErrors } from '../diagnostics/report.js';
import { FONTS_DIR, fontFaces, resolveFonts, slicesFor, type RoleFont } from '../fonts/fonts.js';
import type { ManifestEntry } from '../model/manifest.js';
import { writeCacheFileSync } from '../paths.js';
import type { Lang } from '../diagnostics/rules.js';
import { errorPage, indexPage, PAGE_TEXTS, withDiagnostics, type FontsFor, type IndexRow } from './pages.js';

export interface IssueState {
  source: string;
  stem: string;
  file: VFile;
  label?: string;
  html?: string;
  pdf?: string;
}

/**
 * What the preview shows, between builds: each issue's state, the problems of the last build
 * (the config's diagnostics, a failure), the generation the open pages reload on, and the pages
 * the server makes itself (the index, an issue's errors).
 */
export class PreviewState {
  readonly issues = new Map<string, IssueState>();
  readonly problems: { files: VFile[]; failure?: string } = { files: [] };
  /** The sources of the last full build (an edit of another file rebuilds everything). */
  chosen = new Set<string>();
  sourcesDir: string;
  title = '简报';
  url = '';
  private generation = 0;

  constructor(
    root: string,
    /** The private folder the preview builds into and serves. */
    readonly outDir: string,
    /** The language of the preview's own pages and panels. */
    private readonly lang: Lang = 'zh',
  ) {
    this.sourcesDir = path.resolve(root, 'bulletins');
    this.bodyFont = resolveFonts(defaultConfig, root).find((f) => f.role === 'body');
  }

  buildId(): string {
    return String(this.generation);
  }

  /** A build is over: open pages reload. */
  advance(): void {
    this.generation++;
  }

  /** The address of an output (relative to the served folder). */
  href(rel: string): string {
    return `${this.url}${rel.split('/').map(encodeURIComponent).join('/')}`;
  }

  /** Records an issue of a build; returns its state. */
  record(file: VFile, entry: ManifestEntry | undefined, stem: string): IssueState {
    const state: IssueState = {
      source: file.path,
      stem,
      file,
      ...(entry ? { label: PAGE_TEXTS[this.lang].label(entry.date.slice(0, 4), entry.issue, entry.total), html: entry.html?.path } : {}),
      ...(entry?.pdf ? { pdf: entry.pdf.path } : {}),
    };
    this.issues.set(stem, state);
    return state;
  }

  /** The page the server makes itself for `pathname`: the index, or an issue's errors instead of its stale page. */
  page(pathname: string): string | undefined {
    const { problems } = this;
    if (pathname === '/') return indexPage(this.title, this.rows(), problems, this.buildId(), this.fontsFor, this.lang);
    const m = /^\/(.+)\.(html|pdf)$/.exec(pathname);
    const issue = m?.[1] ? this.issues.get(m[1]) : undefined;
    if (issue && (hasErrors(issue.file) || problems.files.some(hasErrors) || problems.failure)) {
      return errorPage([...problems.files, issue.file], problems.failure, this.buildId(), this.fontsFor, this.lang);
    }
    return undefined;
  }

  /** A built issue page as served: its diagnostics over it, its 【待补】 marked. */
  decorate(pathname: string, html: string): string {
    const m = /^\/(.+)\.html$/.exec(pathname);
    const issue = m?.[1] ? this.issues.get(m[1]) : undefined;
    return issue ? withDiagnostics(html, issue.file, this.lang) : html;
  }

  private rows(): IndexRow[] {
    return [...this.issues.values()].map((i) => ({
      source: i.source,
      ...(i.label ? { label: i.label } : {}),
      href: this.href(`${i.stem}.html`),
      ...(i.pdf ? { pdfHref: this.href(i.pdf) } : {}),
      errors: i.file.messages.filter((m) => m.fatal === true).length,
      warnings: i.file.messages.filter((m) => m.fatal === false).length,
    }));
  }

  // The preview's own pages use the bundled body font too, copied next to the built issues.
  private readonly bodyFont: RoleFont | undefined;
  private readonly fontsFor: FontsFor = (text) => {
    if (!this.bodyFont) return '';
    const faces = fontFaces([{ font: this.bodyFont, used: slicesFor(this.bodyFont, text).used }], FONTS_DIR, '');
    for (const f of faces.files) {
      const target = path.join(this.outDir, ...f.to.split('/'));
      if (!existsSync(target)) writeCacheFileSync(target, readFileSync(f.from));
    }
    return faces.css.replaceAll(`url("${FONTS_DIR}/`, `url("/${FONTS_DIR}/`);
  };
}
