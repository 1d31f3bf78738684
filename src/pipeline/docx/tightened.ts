import type { Article, Block, Bulletin, Inline } from '../../model/bulletin.js';
import { GB9704 } from '../../layout/geometry.js';
import { GETA } from '../render.js';

/** A paragraph the print set tighter, as paginate.js tells it (print.ts Layout.tightened). */
export interface Tightened {
  /** Its place among the body's paragraphs, in document order. */
  index: number;
  /** Its text as printed (for the check that the model's paragraph is the same one). */
  text: string;
  /** The letter-spacing added, CSS px (negative). */
  letterSpacing: number;
}

type Paragraph = Extract<Block, { type: 'paragraph' }>;

/** What the print sets as a body paragraph: a model paragraph, or an article's source line. */
export type FlowParagraph = Paragraph | Article;

/** The text a paragraph prints: its characters, no pictures, no line breaks. */
const printedText = (nodes: Inline[]): string =>
  nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.value : 'children' in n ? printedText(n.children) : '')).join('');

/** Text compared without what the print's markup adds or the reader cannot see. */
const comparable = (text: string) => [...text.replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff]/g, '')];

/** Whether the printed text is the model's: the same characters, 〓 where the print had no face for one (missingGlyph). */
function same(model: string, printed: string): boolean {
  const [m, p] = [comparable(model), comparable(printed)];
  return m.length === p.length && m.every((ch, i) => ch === p[i] || p[i] === GETA);
}

function walk(blocks: Block[], out: Array<{ key: FlowParagraph; text: string }>): void {
  for (const block of blocks) {
    if (block.type === 'paragraph') out.push({ key: block, text: printedText(block.children) });
    else if (block.type === 'note' || block.type === 'quote') walk(block.blocks, out);
    else if (block.type === 'list') for (const item of block.items) walk(item, out);
  }
}

/**
 * The body's paragraphs in the order the print holds them: blocks.njk sets every paragraph (in
 * notes, quotes and list items too) as a `<p data-flow="lines">`, sheet.njk each article's
 * source line after its blocks.
 */
export function flowParagraphs(b: Bulletin): Array<{ key: FlowParagraph; text: string }> {
  const out: Array<{ key: FlowParagraph; text: string }> = [];
  for (const a of b.articles) {
    walk(a.blocks, out);
    if (a.source) out.push({ key: a, text: a.source });
  }
  return out;
}

/**
 * The tracking (twips, w:spacing) of each paragraph the print set tighter: the geometry's
 * tracking plus what the pull-back added (CSS px × 0.75 = pt), in whole twentieths of a point
 * as Word stores it, rounded down (the Word paragraph is never set looser than the print's, so
 * that it loses its last line as the print's did). A paragraph whose text is not the model's
 * (a project's own templates ordering paragraphs otherwise) is left as it is.
 */
export function tightenedTracking(b: Bulletin, tightened: Tightened[] = []): Map<FlowParagraph, number> {
  const flow = flowParagraphs(b);
  const out = new Map<FlowParagraph, number>();
  for (const t of tightened) {
    const p = flow[t.index];
    if (!p || !same(p.text, t.text) || !(t.letterSpacing < 0)) continue;
    out.set(p.key, Math.floor((GB9704.tracking + t.letterSpacing * 0.75) * 20));
  }
  return out;
}
