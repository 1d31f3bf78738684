import { readFile } from 'node:fs/promises';
import type { Block } from '../../model/bulletin.js';
import { GB9704 } from '../../layout/geometry.js';
import { imageSize } from '../imageSize.js';
import { inlines, PAGE, pt, SIZE, type DocxBlock, type DocxInline, type Kit, type Role } from './kit.js';

/** A body paragraph: justified, first line indented two characters. */
function para(k: Kit, children: DocxInline[], extra: Record<string, unknown> = {}) {
  return k.P({ children, alignment: k.d.AlignmentType.BOTH, indent: { firstLineChars: 200, firstLine: pt(SIZE.sanhao) * 20 }, ...extra });
}

/** A picture of the issue at its printed size: at most the block's width and 12 lines high, keeping the proportions. */
async function imageOf(k: Kit, src: string) {
  const from = k.b.images.find((i) => i.to === src)?.from;
  if (!from) return undefined;
  const data = await readFile(from);
  const size = imageSize(data);
  if (!size) return undefined;
  const maxW = GB9704.block.width * (96 / 25.4);
  const maxH = ((12 * PAGE.linePitch) / 1440) * 96;
  const scale = Math.min(1, maxW / size.width, maxH / size.height);
  return new k.d.ImageRun({ type: size.type, data, transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) } } as never);
}

/** The model's blocks as Word paragraphs and tables, in a role's face (楷体 in a 编者按). */
export async function blocks(k: Kit, list: Block[], role: Role): Promise<DocxBlock[]> {
  const { d, P, run } = k;
  const { AlignmentType, BorderStyle } = d;
  const out: DocxBlock[] = [];
  for (const block of list) {
    switch (block.type) {
      case 'paragraph':
        out.push(para(k, inlines(k, block.children, role)));
        break;
      case 'heading':
        // Outline levels: Word's navigation pane lists the headings, and import reads them back.
        out.push(para(k, inlines(k, block.children, block.depth === 2 ? 'hei' : 'kai'), { keepNext: true, outlineLevel: block.depth === 2 ? 1 : 2 }));
        break;
      case 'note':
        out.push(...(await blocks(k, block.blocks, 'kai')));
        break;
      case 'quote':
        out.push(...(await blocks(k, block.blocks, role)));
        break;
      case 'list':
        block.items.forEach((item, i) => {
          const mark = block.ordered ? `${block.start + i}. ` : '• ';
          const first = item.find((x) => x.type === 'paragraph');
          const text = first && first.type === 'paragraph' ? first.children : [];
          out.push(P({ children: [run(mark, role), ...inlines(k, text, role)], alignment: AlignmentType.BOTH, indent: { left: pt(SIZE.sanhao) * 20 * 2, hanging: pt(SIZE.sanhao) * 10 } }));
        });
        break;
      case 'table':
        out.push(table(k, block, role));
        break;
      case 'figure': {
        const image = await imageOf(k, block.src);
        out.push(P({ children: image ? [image] : [run(block.alt, role)], alignment: AlignmentType.CENTER, keepNext: !!block.caption }));
        if (block.caption) out.push(P({ children: [run(block.caption, 'kai', SIZE.sihao)], alignment: AlignmentType.CENTER }));
        break;
      }
      case 'code':
        for (const line of block.value.split('\n')) out.push(P({ children: [run(line, role)] }));
        break;
      case 'rule':
        out.push(P({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 } } }));
        break;
    }
  }
  return out;
}

/** A table of the body: ruled all round, the first row a header in 黑体, 四号 type, each column aligned as the source says. */
function table(k: Kit, block: Extract<Block, { type: 'table' }>, role: Role) {
  const { d, P } = k;
  const { AlignmentType, BorderStyle } = d;
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const align = (c: number) => (block.align[c] === 'center' ? AlignmentType.CENTER : block.align[c] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
  return new d.Table({
    width: { size: PAGE.block, type: d.WidthType.DXA },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: block.rows.map(
      (row, r) =>
        new d.TableRow({
          tableHeader: r === 0,
          cantSplit: true,
          children: row.map((cell, c) => new d.TableCell({ children: [P({ children: inlines(k, cell, r === 0 ? 'hei' : role, SIZE.sihao), alignment: align(c) })] })),
        }),
    ),
  });
}
