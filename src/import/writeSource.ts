import type { Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkStringify from 'remark-stringify';
import remarkGfm from 'remark-gfm';
import { stringify } from 'yaml';
import { defaultConfig } from '../config/schema.js';
import type { ImportModel } from './model.js';
import { NUMBER } from './patterns.js';

/** What the import could not find: `bulletin check` names each, and build waits for it. */
export const PENDING = '【待补】';

/**
 * Front matter in the contract's key order, without values equal to the preset's defaults; the
 * required fields the text did not give are written as 【待补】, never left out.
 */
export function frontMatter(model: ImportModel): Record<string, unknown> {
  const f = model.front;
  const out: Record<string, unknown> = {};
  out.issue = f.issue ?? PENDING;
  out.total = f.total ?? PENDING;
  out.date = f.date ?? PENDING;
  if (f.series) out.series = { name: f.series.name, number: f.series.number };
  if (f.title !== undefined && f.title !== defaultConfig.title) out.title = f.title;
  if (f.publisher !== undefined && f.publisher !== defaultConfig.publisher) out.publisher = f.publisher;
  if (f.marker !== undefined && f.marker !== defaultConfig.marker) out.marker = f.marker;
  if (f.distribution) out.distribution = f.distribution;
  if (f.printed !== undefined && f.printed !== f.date) out.printed = f.printed;
  if (f.copies !== undefined) out.copies = f.copies;
  return out;
}

const text = (value: string) => ({ type: 'text' as const, value });

/** The body as an mdast tree: `#` title, "——" subtitle, `##`/`###` headings, paragraphs. */
export function bodyTree(model: ImportModel): Root {
  const children: RootContent[] = [];
  for (const article of model.articles) {
    children.push({ type: 'heading', depth: 1, children: [text(article.title ?? `${PENDING}标题`)] });
    if (article.subtitle !== undefined) children.push({ type: 'paragraph', children: [text(article.subtitle)] });
    article.blocks.forEach((block, i) => {
      if (block.type === 'heading') children.push({ type: 'heading', depth: block.depth ?? 2, children: [text(block.text)] });
      else if (block.type === 'table' && block.rows?.length) {
        const width = Math.max(...block.rows.map((r) => r.length));
        const [, ...body] = block.rows;
        // Columns of numbers are set flush right, as a 简报 prints them.
        const align = Array.from({ length: width }, (_, c) => (body.length && body.every((r) => NUMBER.test(r[c] ?? '')) ? ('right' as const) : null));
        children.push({
          type: 'table',
          align,
          children: block.rows.map((row) => ({ type: 'tableRow', children: Array.from({ length: width }, (_, c) => ({ type: 'tableCell', children: [text(row[c] ?? '')] })) })),
        });
      } else if (block.type === 'figure') {
        // The picture taken out of a Word file, next to the source; else not in the text: a
        // file to supply, which `check` names.
        const url = block.image?.name ? `images/${block.image.name}` : `images/${PENDING}${i + 1}.png`;
        children.push({ type: 'paragraph', children: [{ type: 'image', url, alt: block.text }] });
      } else if (i === 0 && /^编者按[：:]/.test(block.text)) children.push({ type: 'blockquote', children: [{ type: 'paragraph', children: [text(block.text)] }] });
      else children.push({ type: 'paragraph', children: [text(block.text)] });
    });
  }
  return { type: 'root', children };
}

const markdown = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-' });

/** The source text of one issue: YAML front matter and Markdown body. */
export function writeSource(model: ImportModel): string {
  const yaml = stringify(frontMatter(model), { lineWidth: 0 });
  const body = markdown.stringify(bodyTree(model));
  return `---\n${yaml}---\n\n${body}`;
}
