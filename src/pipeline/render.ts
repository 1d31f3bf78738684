import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import type { Bulletin, Inline } from '../model/bulletin.js';
import type { Config } from '../config/schema.js';
import { chineseDate } from '../model/dates.js';
import { words } from '../text/words.js';
import { CompiledLoader } from './compiledTemplates.js';
import { pageGeometry, pageRules, type PageGeometry } from '../layout/geometry.js';

export { BUILTIN_TEMPLATES } from '../version.js';
import { BUILTIN_TEMPLATES } from '../version.js';
import type { IssueNav } from '../model/navigation.js';

export interface RenderOptions {
  config: Config;
  /** Output-relative folder of the HTML file ("" or "2021"). */
  htmlDir: string;
  /** The page's web-font @font-face rules (chooseFonts): in its style, and for a printer without print fonts. */
  fontFaces: string[];
  version: string;
  /** Characters no font can print (missingGlyph: warning): set as 〓, never left to a system font. */
  unprintable?: Iterable<string>;
  /** The page's navigation on screens (never printed). */
  nav?: IssueNav;
}

/** 〓 (U+3013): the typesetter's mark printed in place of a character no font of its role has. */
export const GETA = '〓';

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
}

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapeMap[c] ?? c);
}

/**
 * Text as HTML whose words (text/words.ts) never break inside: each word of two or more
 * characters is a no-wrap span, so a balanced title breaks only between words.
 */
export function wordsToHtml(text: string): string {
  return words(text)
    .map((w) => ([...w].length > 1 ? `<span class="w">${escapeHtml(w)}</span>` : escapeHtml(w)))
    .join('');
}

/** The last two Han characters of a text and the punctuation after them: the shortest last line a paragraph may end in. */
const TAIL = /\p{Script=Han}{2}[^\p{Script=Han}\p{L}\p{N}\s]*$/u;

/**
 * No 孤字 (docs/layout.md § Body): the last two Han characters of a paragraph and their
 * punctuation are kept on one line (a nowrap span), so its last line never holds one character
 * alone; the line before gives one up and still justifies to the block.
 */
export function keepTailHtml(html: string, text: string): string {
  const tail = TAIL.exec(text)?.[0];
  if (!tail) return html;
  const escaped = escapeHtml(tail);
  return html.endsWith(escaped) ? `${html.slice(0, -escaped.length)}<span class="w">${escaped}</span>` : html;
}

/** Inline nodes to HTML. Every string is escaped; hrefs were vetted by transform. */
export function inlinesToHtml(nodes: Inline[], htmlDir: string, wholeWords = false, keepTail = false): string {
  const last = nodes.at(-1);
  if (keepTail && last?.type === 'text') return inlinesToHtml(nodes.slice(0, -1), htmlDir, wholeWords) + keepTailHtml(escapeHtml(last.value), last.value);
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return wholeWords ? wordsToHtml(n.value) : escapeHtml(n.value);
        case 'code':
          return `<code>${escapeHtml(n.value)}</code>`;
        case 'break':
          return '<br>';
        case 'strong':
          return `<strong>${inlinesToHtml(n.children, htmlDir, wholeWords)}</strong>`;
        case 'emphasis':
          return `<em>${inlinesToHtml(n.children, htmlDir, wholeWords)}</em>`;
        case 'delete':
          return `<del>${inlinesToHtml(n.children, htmlDir)}</del>`;
        case 'link':
          return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer">${inlinesToHtml(n.children, htmlDir)}</a>`;
        case 'image':
          return `<img src="${escapeHtml(path.posix.relative(htmlDir, n.src))}" alt="${escapeHtml(n.alt)}">`;
      }
    })
    .join('');
}

export function documentMeta(b: Bulletin): DocumentMeta {
  const year = b.date.slice(0, 4);
  return {
    title: `${b.title} ${year}年第${b.issue}期（总第${b.total}期）`,
    author: b.publisher,
    subject: b.series ? `${b.series.name}（${b.series.number}）` : `${b.title}（第${b.issue}期）`,
    keywords: b.articles.map((a) => a.title),
  };
}

/** One nunjucks environment per project: project templates first, built-ins after. */
export function templateEnvironment(projectTemplates: string, processEnv: Record<string, string | undefined>): nunjucks.Environment {
  const searchPaths = existsSync(projectTemplates) ? [projectTemplates, BUILTIN_TEMPLATES] : [BUILTIN_TEMPLATES];
  const options = { autoescape: true, throwOnUndefined: false, trimBlocks: false };
  // The project's templates may link within the project, never out of it.
  const confine = { [projectTemplates]: path.dirname(projectTemplates) };
  const env = new nunjucks.Environment(new CompiledLoader(searchPaths, options, processEnv, confine), options);
  env.addFilter('chineseDate', (value: string) => chineseDate(value));
  return env;
}

/** Whether the issue shows a 本期要目 list (config toc: auto shows it from two articles on). */
export function showsToc(config: Config, b: Bulletin): boolean {
  return config.toc === 'always' || (config.toc === 'auto' && b.articles.length >= 2);
}

/**
 * An issue's page as the printer takes it: structured, never HTML text to parse again. The
 * @page rules are not in `style`: the printer makes them from the geometry at its own scale.
 */
export interface PrintPage {
  geometry: PageGeometry;
  /** The page's style without its web-font @font-face rules and @page rules. */
  style: string;
  /** Its web-font @font-face rules, used by a printer that has no print fonts. */
  faces: string[];
  /** The pagination script (templates/paginate.js), run once in the print host. */
  script: string;
  /** <html lang> and <body class> of the page. */
  lang: string;
  bodyClass: string;
  /** The sheet (sheet.njk): the body of the page. */
  body: string;
  title: string;
}

export interface RenderedPage {
  /** The HTML edition: bulletin.njk's page around the sheet. */
  html: string;
  print: PrintPage;
}

/** The HTML of one issue, from the model and the (possibly overridden) templates, and the same page for the printer. */
export function render(env: nunjucks.Environment, b: Bulletin, options: RenderOptions): RenderedPage {
  env.addFilter('inlines', (nodes: Inline[], wholeWords?: boolean, keepTail?: boolean) => new nunjucks.runtime.SafeString(inlinesToHtml(nodes, options.htmlDir, wholeWords === true, keepTail === true)));
  env.addFilter('keepTail', (text: string) => new nunjucks.runtime.SafeString(keepTailHtml(escapeHtml(String(text ?? '')), String(text ?? ''))));
  env.addFilter('words', (text: string) => new nunjucks.runtime.SafeString(wordsToHtml(String(text ?? ''))));
  env.addFilter('relativeAsset', (to: string) => path.posix.relative(options.htmlDir, to));
  const script = env.render('paginate.js', {});
  const scriptHash = createHash('sha256').update(`\n${script}\n`).digest('base64');
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "font-src 'self' file:",
    "img-src 'self' file:",
    `script-src 'sha256-${scriptHash}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const { config } = options;
  const g = pageGeometry(config);
  const showToc = showsToc(config, b);
  const meta = documentMeta(b);
  const context = { b, meta, showToc, colors: config.colors, pageNumbers: config.pageNumbers, version: options.version, g };
  // A Type 3 or foreign font in a print PDF is worse than the mark for a missing character.
  const unprintable = [...(options.unprintable ?? [])];
  const geta = (text: string) => unprintable.reduce((t, ch) => t.split(ch).join(GETA), text);
  const sheet = env.render('sheet.njk', context);
  const css = env.render('bulletin.css', { ...context, pageRules: pageRules(g) });
  const html = env.render('bulletin.njk', { ...context, csp, sheet, style: `${options.fontFaces.join('\n')}\n${css}`, script, nav: options.nav });
  return {
    html: geta(html),
    print: {
      geometry: g,
      style: geta(env.render('bulletin.css', { ...context, pageRules: '' })),
      faces: options.fontFaces,
      script,
      lang: 'zh-CN',
      bodyClass: b.draft ? 'draft' : '',
      body: geta(sheet),
      title: geta(meta.title),
    },
  };
}
