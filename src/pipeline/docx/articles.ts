import type { Article } from '../../model/bulletin.js';
import { GB9704 } from '../../layout/geometry.js';
import { balancedLines } from '../../text/words.js';
import { blocks } from './blocks.js';
import { exactly, PAGE, SIZE, type DocxBlock, type DocxInline, type Kit, type Role } from './kit.js';

/** 报核: each article's title (outline level 1), subtitle, blocks and source line; a line of space before every article but the first (or before the first too, after 本期要目). */
export async function articles(k: Kit, afterToc: boolean): Promise<DocxBlock[]> {
  const out: DocxBlock[] = [];
  for (const [i, a] of k.b.articles.entries()) out.push(...(await article(k, a, i > 0 || afterToc)));
  return out;
}

/** Lines broken where the PDF breaks them (balancedLines: the same words, the same balance), as runs with line breaks. */
export function brokenLines(k: Kit, text: string, role: Role, size: number, tracking: number, extra: Record<string, unknown> = {}): DocxInline[] {
  const perLine = (GB9704.block.width * (72 / 25.4)) / (size + tracking);
  return balancedLines(text, perLine).map((line, i) => k.run(line, role, size, { ...extra, ...(i > 0 ? { break: 1 } : {}) }));
}

async function article(k: Kit, a: Article, spaced: boolean): Promise<DocxBlock[]> {
  const { d, P } = k;
  const { AlignmentType } = d;
  // The line after the head is space after its last paragraph: LibreOffice moves a chain of
  // paragraphs kept with the next (title, empty line) to the next page even when it and two
  // lines of the paragraph after fit at the foot of a page.
  const after = { ...exactly(1), after: PAGE.linePitch };
  const head = [
    // The line of space before an article: a paragraph of its own (space before a paragraph is
    // dropped at the top of a page in Word), not kept with the title: LibreOffice moves an
    // empty paragraph kept with the next to the next page with its chain even when all fit.
    ...(spaced ? [P({ children: [] })] : []),
    P({ children: brokenLines(k, a.title, 'title', SIZE.erhao, 0, k.untracked), alignment: AlignmentType.CENTER, keepNext: true, outlineLevel: 0, ...(a.subtitle ? {} : { spacing: after }) }),
    ...(a.subtitle ? [P({ children: brokenLines(k, a.subtitle, 'kai', SIZE.sanhao, GB9704.tracking), alignment: AlignmentType.CENTER, keepNext: true, spacing: after })] : []),
  ];
  const rest = await blocks(k, a.blocks, 'body');
  const source = a.source ? [P({ children: [k.run(a.source, 'body', SIZE.sanhao, k.tracking(a))], alignment: AlignmentType.RIGHT })] : [];
  return [...head, ...rest, ...source];
}
