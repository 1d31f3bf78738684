import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { report } from '../../diagnostics/report.js';
import * as rules from '../../diagnostics/rules.js';
import type { Article } from '../../model/bulletin.js';
import { blocks } from './blocks.js';
import { placeOf, type TransformContext } from './context.js';
import { inlines, plain, rawHtml } from './inlines.js';
import { phraseSpaces } from './phraseSpaces.js';

/** Articles (`# 标题`) in one issue; a bulletin has a handful. */
export const MAX_ARTICLES = 100;
const SUBTITLE = /^——/;

/**
 * The articles: each `# 标题` opens one; a “——” paragraph right after the title is its
 * subtitle; a closing paragraph wholly in brackets is its source line. Body before the first
 * title, an empty title, too many articles or none are reported.
 */
export function articles(ctx: TransformContext, tree: Root): Article[] {
  const { file } = ctx;
  const found: Article[] = [];
  let current: Article | undefined;
  let orphanReported = false;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      const title = phraseSpaces(plain(inlines(ctx, node.children)).trim());
      if (!title) report(file, rules.articleTitleEmpty, {}, placeOf(node));
      if (found.length === MAX_ARTICLES) report(file, rules.tooManyArticles, { limit: MAX_ARTICLES }, placeOf(node));
      current = { index: found.length + 1, title, blocks: [], place: placeOf(node) };
      found.push(current);
      continue;
    }
    if (!current) {
      if (node.type === 'html') {
        rawHtml(ctx, node);
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
    current.blocks.push(...blocks(ctx, node));
  }
  if (found.length === 0 && !orphanReported) report(file, rules.bodyNoArticle, {}, { line: 1, column: 1 });
  for (const article of found) {
    const last = article.blocks.at(-1);
    if (last?.type === 'paragraph' && isSourceLine(last.text)) {
      article.source = last.text.trim();
      article.blocks.pop();
    }
  }
  return found;
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
