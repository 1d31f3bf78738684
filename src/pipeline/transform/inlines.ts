import type { PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { report } from '../../diagnostics/report.js';
import * as rules from '../../diagnostics/rules.js';
import type { Inline } from '../../model/bulletin.js';
import { placeOf, type Positioned, type TransformContext } from './context.js';
import { collectImage } from './images.js';
import { safeHref } from './links.js';

/** The model's inlines of Markdown phrasing content: raw HTML reported and dropped, links and pictures checked. */
export function inlines(ctx: TransformContext, nodes: PhrasingContent[]): Inline[] {
  return nodes.flatMap((n) => inline(ctx, n));
}

function inline(ctx: TransformContext, node: PhrasingContent): Inline[] {
  switch (node.type) {
    case 'text':
      return [{ type: 'text', value: node.value }];
    case 'strong':
      return [{ type: 'strong', children: inlines(ctx, node.children) }];
    case 'emphasis':
      return [{ type: 'emphasis', children: inlines(ctx, node.children) }];
    case 'delete':
      return [{ type: 'delete', children: inlines(ctx, node.children) }];
    case 'inlineCode':
      return [{ type: 'code', value: node.value }];
    case 'break':
      return [{ type: 'break' }];
    case 'html':
      rawHtml(ctx, node);
      return [];
    case 'link': {
      const children = inlines(ctx, node.children);
      const href = safeHref(ctx, node.url, node);
      return href === undefined ? children : [{ type: 'link', href, children }];
    }
    case 'image': {
      const src = collectImage(ctx, node.url, node);
      return src === undefined ? [] : [{ type: 'image', src, alt: node.alt ?? '' }];
    }
    default:
      // footnoteReference, linkReference, imageReference and the rest: their text.
      return [{ type: 'text', value: toString(node) }];
  }
}

/** HTML in Markdown is never output: reported where it stands. */
export function rawHtml(ctx: TransformContext, node: Positioned & { value: string }): void {
  report(ctx.file, rules.rawHtml, { html: node.value.trim().slice(0, 40) }, placeOf(node));
}

/** The plain text of inlines (a picture counts as its alt text). */
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
