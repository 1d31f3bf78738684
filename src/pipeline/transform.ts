import path from 'node:path';
import type { Root, RootContent, PhrasingContent, Paragraph, Heading, Table, List, Blockquote } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import type { Config } from '../config/schema.js';
import type { FrontMatter } from '../model/frontMatter.js';
import type { Article, Block, Bulletin, DistributionLine, Inline, Place } from '../model/bulletin.js';
import { isInside } from '../paths.js';

export interface TransformOptions {
  config: Config;
  /** Absolute project root: images must stay inside it. */
  root: string;
  /** Project-relative source path with forward slashes. */
  source: string;
  /** Output-relative folder where this issue's images go, e.g. "2021/064.assets". */
  assetsDir: string;
}

const SUBTITLE = /^——/;
/** Nesting of blockquotes and lists; a bulletin uses two or three at most. */
export const MAX_DEPTH = 12;
/** Articles (`# 标题`) in one issue; a bulletin has a handful. */
export const MAX_ARTICLES = 100;
const NOTE = /^(编者按|按：|按:)/;

/** Joins a distribution value and closes the line with "。" unless it already ends a sentence. */
export function distributionText(value: string | string[]): string {
  const text = Array.isArray(value) ? value.join('，') : value;
  return /[。！？]$/.test(text) ? text : `${text}。`;
}

export function resolveDistribution(map: Record<string, string | string[]>): DistributionLine[] {
  return Object.entries(map).map(([label, value]) => ({ label, text: distributionText(value) }));
}

function placeOf(node: { position?: { start: { line: number; column: number } } }): Place {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/**
 * Turns the Markdown tree and the validated front matter into the document model, resolving
 * defaults from the config. Structural problems are reported on the file. Pure: it never
 * touches the file system (images are checked on disk by resolveAssets).
 */
export function transform(file: VFile, tree: Root, fm: FrontMatter, options: TransformOptions): Bulletin | undefined {
  const { config } = options;
  const images: Bulletin['images'] = [];
  const imageNames = new Map<string, string>();
  const articles: Article[] = [];
  let current: Article | undefined;
  let orphanReported = false;

  const inlineOf = (nodes: PhrasingContent[]): Inline[] => nodes.flatMap((n) => inline(n));

  const inline = (node: PhrasingContent): Inline[] => {
    switch (node.type) {
      case 'text':
        return [{ type: 'text', value: node.value }];
      case 'strong':
        return [{ type: 'strong', children: inlineOf(node.children) }];
      case 'emphasis':
        return [{ type: 'emphasis', children: inlineOf(node.children) }];
      case 'delete':
        return [{ type: 'delete', children: inlineOf(node.children) }];
      case 'inlineCode':
        return [{ type: 'code', value: node.value }];
      case 'break':
        return [{ type: 'break' }];
      case 'html':
        rawHtml(node);
        return [];
      case 'link': {
        const children = inlineOf(node.children);
        const href = safeHref(node.url, node);
        return href === undefined ? children : [{ type: 'link', href, children }];
      }
      case 'image': {
        const src = image(node.url, node);
        return src === undefined ? [] : [{ type: 'image', src, alt: node.alt ?? '' }];
      }
      case 'footnoteReference':
      case 'linkReference':
      case 'imageReference':
        return [{ type: 'text', value: toString(node) }];
      default:
        return [{ type: 'text', value: toString(node) }];
    }
  };

  function rawHtml(node: { value: string; position?: { start: { line: number; column: number } } }) {
    report(file, rules.rawHtml, { html: node.value.trim().slice(0, 40) }, placeOf(node));
  }

  function safeHref(url: string, node: { position?: { start: { line: number; column: number } } }): string | undefined {
    const trimmed = url.trim();
    // Browsers drop tabs and newlines inside a URL and read \ as /: "java&#9;script:" and
    // "\\host" must be judged as they will be read.
    const probe = trimmed.replace(/[\u0000-\u0020\u007f]/g, '').replace(/\\/g, '/');
    if (/^(https?:|mailto:)/i.test(trimmed) || trimmed.startsWith('#')) return trimmed;
    if (/^[a-z][a-z0-9+.-]*:/i.test(probe) || probe.startsWith('//')) {
      report(file, rules.linkUnsafe, { url: trimmed.slice(0, 40) }, placeOf(node));
      return undefined;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(probe.split(/[?#]/)[0] ?? '');
    } catch {
      report(file, rules.linkMalformed, { url: trimmed.slice(0, 40) }, placeOf(node));
      return undefined;
    }
    const target = path.resolve(path.dirname(file.data.absolute ?? ''), decoded);
    if (!isInside(options.root, target)) {
      report(file, rules.linkOutside, { url: trimmed.slice(0, 40) }, placeOf(node));
      return undefined;
    }
    return trimmed;
  }

  function image(url: string, node: { position?: { start: { line: number; column: number } } }): string | undefined {
    const trimmed = url.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || path.isAbsolute(trimmed)) {
      report(file, rules.imageNotRelative, { url: trimmed.slice(0, 60) }, placeOf(node));
      return undefined;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(trimmed);
    } catch {
      decoded = trimmed;
    }
    // Whether it exists, stays inside the project through links and is an image: resolveAssets.
    const absolute = path.resolve(path.dirname(file.data.absolute ?? ''), decoded);
    const known = imageNames.get(absolute);
    if (known) return known;
    const base = path.basename(absolute);
    let name = base;
    for (let n = 2; [...imageNames.values()].includes(`${options.assetsDir}/${name}`); n++) name = `${n}-${base}`;
    const to = `${options.assetsDir}/${name}`;
    imageNames.set(absolute, to);
    images.push({ from: absolute, to, url: trimmed, place: placeOf(node) });
    return to;
  }

  function paragraph(node: Paragraph): Block {
    const children = inlineOf(node.children);
    if (children.length === 1 && children[0]?.type === 'image') {
      const img = children[0];
      return { type: 'figure', src: img.src, alt: img.alt, caption: img.alt, place: placeOf(node) };
    }
    return { type: 'paragraph', children, text: plain(children), place: placeOf(node) };
  }

  let depth = 0;
  let tooDeep = false;
  /** Blocks inside a blockquote or list item, one level deeper; refused beyond MAX_DEPTH. */
  function nested(nodes: RootContent[], at: { position?: { start: { line: number; column: number } } }): Block[] {
    if (depth >= MAX_DEPTH) {
      if (!tooDeep) {
        tooDeep = true;
        report(file, rules.bodyTooDeep, { limit: MAX_DEPTH }, placeOf(at));
      }
      return [];
    }
    depth++;
    try {
      return nodes.flatMap(block);
    } finally {
      depth--;
    }
  }

  function block(node: RootContent): Block[] {
    switch (node.type) {
      case 'paragraph':
        return [paragraph(node)];
      case 'heading': {
        const h = node as Heading;
        if (h.depth > 3) {
          report(file, rules.headingDepth, { depth: h.depth }, placeOf(h));
        }
        const children = inlineOf(h.children);
        return [{ type: 'heading', depth: h.depth === 2 ? 2 : 3, children, text: plain(children), place: placeOf(h) }];
      }
      case 'blockquote': {
        const q = node as Blockquote;
        const blocks = nested(q.children, q);
        const isNote = NOTE.test(toString(q).trim());
        return [{ type: isNote ? 'note' : 'quote', blocks, place: placeOf(q) }];
      }
      case 'list': {
        const l = node as List;
        return [
          {
            type: 'list',
            ordered: l.ordered === true,
            start: l.start ?? 1,
            items: l.children.map((item) => nested(item.children, item)),
            place: placeOf(l),
          },
        ];
      }
      case 'table': {
        const t = node as Table;
        return [
          {
            type: 'table',
            align: (t.align ?? []).map((a) => a ?? null),
            rows: t.children.map((row) => row.children.map((cell) => inlineOf(cell.children))),
            place: placeOf(t),
          },
        ];
      }
      case 'code':
        return [{ type: 'code', value: node.value, place: placeOf(node) }];
      case 'thematicBreak':
        return [{ type: 'rule', place: placeOf(node) }];
      case 'html':
        rawHtml(node);
        return [];
      case 'definition':
      case 'footnoteDefinition':
        return [];
      default:
        return [];
    }
  }

  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      const title = plain(inlineOf(node.children)).trim();
      if (!title) {
        report(file, rules.articleTitleEmpty, {}, placeOf(node));
      }
      if (articles.length === MAX_ARTICLES) {
        report(file, rules.tooManyArticles, { limit: MAX_ARTICLES }, placeOf(node));
      }
      current = { index: articles.length + 1, title, blocks: [], place: placeOf(node) };
      articles.push(current);
      continue;
    }
    if (!current) {
      if (node.type === 'html') {
        rawHtml(node);
        continue;
      }
      if (node.type === 'definition') continue;
      if (!orphanReported) {
        orphanReported = true;
        report(file, rules.bodyBeforeTitle, {}, placeOf(node));
      }
      continue;
    }
    if (current.blocks.length === 0 && current.subtitle === undefined && node.type === 'paragraph' && SUBTITLE.test(toString(node))) {
      current.subtitle = toString(node).trim();
      continue;
    }
    current.blocks.push(...block(node));
  }

  if (articles.length === 0 && !orphanReported) {
    report(file, rules.bodyNoArticle, {}, { line: 1, column: 1 });
  }
  for (const article of articles) {
    const last = article.blocks.at(-1);
    if (last?.type === 'paragraph' && isSourceLine(last.text)) {
      article.source = last.text.trim();
      article.blocks.pop();
    }
  }

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
    articles,
    images,
  };
}

/** "（上饶市应急管理局供稿）": the whole paragraph inside one pair of parentheses. */
export function isSourceLine(text: string): boolean {
  const t = text.trim();
  if (!/^[（(]/.test(t) || !/[）)]$/.test(t)) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') {
      depth--;
      if (depth === 0 && i < t.length - 1) return false;
    }
  }
  return depth === 0;
}

export function plain(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
        case 'code':
          return n.value;
        case 'break':
          return '\n';
        case 'image':
          return n.alt;
        default:
          return plain(n.children);
      }
    })
    .join('');
}
