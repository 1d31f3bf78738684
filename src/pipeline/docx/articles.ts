import type { Article } from '../../model/bulletin.js';
import { blocks } from './blocks.js';
import { PAGE, SIZE, type DocxBlock, type Kit } from './kit.js';

/** 报核: each article's title (outline level 1), subtitle, blocks and source line. */
export async function articles(k: Kit): Promise<DocxBlock[]> {
  const out: DocxBlock[] = [];
  for (const a of k.b.articles) out.push(...(await article(k, a)));
  return out;
}

async function article(k: Kit, a: Article): Promise<DocxBlock[]> {
  const { d, P, run, untracked } = k;
  const { AlignmentType } = d;
  const head = [
    P({ children: [run(a.title, 'title', SIZE.erhao, untracked)], alignment: AlignmentType.CENTER, keepNext: true, outlineLevel: 0, spacing: { before: PAGE.linePitch } }),
    ...(a.subtitle ? [P({ children: [run(a.subtitle, 'kai')], alignment: AlignmentType.CENTER, keepNext: true })] : []),
    P({ children: [], keepNext: true }),
  ];
  const rest = await blocks(k, a.blocks, 'body');
  const source = a.source ? [P({ children: [run(a.source, 'body')], alignment: AlignmentType.RIGHT })] : [];
  return [...head, ...rest, ...source];
}
