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
  const head = [
    P({ children: brokenLines(k, a.title, 'title', SIZE.erhao, 0, k.untracked), alignment: AlignmentType.CENTER, keepNext: true, outlineLevel: 0, spacing: { ...exactly(1), before: spaced ? PAGE.linePitch : 0 } }),
    ...(a.subtitle ? [P({ children: brokenLines(k, a.subtitle, 'kai', SIZE.sanhao, GB9704.tracking.word), alignment: AlignmentType.CENTER, keepNext: true })] : []),
    P({ children: [], keepNext: true }),
  ];
  const rest = await blocks(k, a.blocks, 'body');
  const source = a.source ? [P({ children: [k.run(a.source, 'body')], alignment: AlignmentType.RIGHT })] : [];
  return [...head, ...rest, ...source];
}
