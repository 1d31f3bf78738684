import type { Blockquote, Heading, List, Paragraph, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { report } from '../../diagnostics/report.js';
import * as rules from '../../diagnostics/rules.js';
import type { Block } from '../../model/bulletin.js';
import { placeOf, type Positioned, type TransformContext } from './context.js';
import { inlines, plain, rawHtml } from './inlines.js';
import { phraseSpacesIn } from './phraseSpaces.js';

/** Nesting of blockquotes and lists; a bulletin uses two or three at most. */
export const MAX_DEPTH = 12;
const NOTE = /^(编者按|按：|按:)/;

/** The model's blocks of one Markdown block: a picture alone in its paragraph is a figure, a blockquote opening with 编者按 a note. */
export function blocks(ctx: TransformContext, node: RootContent): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [paragraph(ctx, node)];
    case 'heading': {
      const h = node as Heading;
      if (h.depth > 3) report(ctx.file, rules.headingDepth, { depth: h.depth }, placeOf(h));
      const children = phraseSpacesIn(inlines(ctx, h.children));
      return [{ type: 'heading', depth: h.depth === 2 ? 2 : 3, children, text: plain(children), place: placeOf(h) }];
    }
    case 'blockquote': {
      const q = node as Blockquote;
      const inner = nested(ctx, q.children, q);
      const isNote = NOTE.test(toString(q).trim());
      return [{ type: isNote ? 'note' : 'quote', blocks: inner, place: placeOf(q) }];
    }
    case 'list': {
      const l = node as List;
      return [{ type: 'list', ordered: l.ordered === true, start: l.start ?? 1, items: l.children.map((item) => nested(ctx, item.children, item)), place: placeOf(l) }];
    }
    case 'table': {
      const t = node as Table;
      return [{ type: 'table', align: (t.align ?? []).map((a) => a ?? null), rows: t.children.map((row) => row.children.map((cell) => inlines(ctx, cell.children))), place: placeOf(t) }];
    }
    case 'code':
      return [{ type: 'code', value: node.value, place: placeOf(node) }];
    case 'thematicBreak':
      return [{ type: 'rule', place: placeOf(node) }];
    case 'html':
      rawHtml(ctx, node);
      return [];
    default:
      // definition, footnoteDefinition and the rest: nothing on the page.
      return [];
  }
}

function paragraph(ctx: TransformContext, node: Paragraph): Block {
  const children = inlines(ctx, node.children);
  if (children.length === 1 && children[0]?.type === 'image') {
    const img = children[0];
    return { type: 'figure', src: img.src, alt: img.alt, caption: img.alt, place: placeOf(node) };
  }
  return { type: 'paragraph', children, text: plain(children), place: placeOf(node) };
}

/** Blocks inside a blockquote or list item, one level deeper; refused beyond MAX_DEPTH (reported once). */
function nested(ctx: TransformContext, nodes: RootContent[], at: Positioned): Block[] {
  if (ctx.depth >= MAX_DEPTH) {
    if (!ctx.tooDeep) {
      ctx.tooDeep = true;
      report(ctx.file, rules.bodyTooDeep, { limit: MAX_DEPTH }, placeOf(at));
    }
    return [];
  }
  ctx.depth++;
  try {
    return nodes.flatMap((n) => blocks(ctx, n));
  } finally {
    ctx.depth--;
  }
}
