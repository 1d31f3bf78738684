import type { Article, Block, Bulletin, Inline } from '../model/bulletin.js';
import type { Role } from './fonts.js';

/**
 * The text each font role prints for an issue, following templates/bulletin.css: titles in the
 * title face; subtitles, ### headings, editor's notes, emphasis, captions and the table of
 * contents in 楷体; the marker, ## headings, strong text and table headers in 黑体; page
 * numbers in the figures face; everything else in the body face.
 */
export function roleTexts(b: Bulletin): Record<Role, string> {
  const out: Record<Role, string[]> = { title: [b.title], body: [], kai: ['◆'], hei: [b.marker, b.draft ? '草稿' : ''], figures: ['— 0123456789'] };
  // Fixed words of the masthead and colophon.
  out.body.push('第期（总）年月日印发共份：', b.publisher, b.series?.name ?? '', b.date, b.printed);
  if (b.articles.length > 1) out.hei.push('本期要目');

  const inline = (nodes: Inline[], role: Role): void => {
    for (const n of nodes) {
      if (n.type === 'text' || n.type === 'code') out[role].push(n.value);
      else if (n.type === 'strong') inline(n.children, 'hei');
      else if (n.type === 'emphasis') inline(n.children, 'kai');
      else if (n.type === 'delete' || n.type === 'link') inline(n.children, role);
      else if (n.type === 'image') out[role].push(n.alt);
    }
  };
  const blocks = (list: Block[], role: Role): void => {
    for (const block of list) {
      switch (block.type) {
        case 'heading':
          inline(block.children, block.depth === 2 ? 'hei' : 'kai');
          break;
        case 'paragraph':
          inline(block.children, role);
          break;
        case 'note':
          blocks(block.blocks, 'kai');
          break;
        case 'quote':
          blocks(block.blocks, role);
          break;
        case 'list':
          for (const item of block.items) blocks(item, role);
          break;
        case 'table':
          block.rows.forEach((row, i) => row.forEach((cell) => inline(cell, i === 0 ? 'hei' : role)));
          break;
        case 'figure':
          out.kai.push(block.caption);
          break;
        case 'code':
          out[role].push(block.value);
          break;
        case 'rule':
          break;
      }
    }
  };
  const article = (a: Article): void => {
    out.title.push(a.title);
    if (b.articles.length > 1) out.kai.push(a.title);
    if (a.subtitle) out.kai.push(a.subtitle);
    blocks(a.blocks, 'body');
    if (a.source) out.body.push(a.source);
  };
  b.articles.forEach(article);
  for (const line of b.distribution) out.body.push(line.label, line.text);
  return { title: out.title.join(''), body: out.body.join(''), kai: out.kai.join(''), hei: out.hei.join(''), figures: out.figures.join('') };
}
