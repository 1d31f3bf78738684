import type { Block, Inline } from '../../model/bulletin.js';
import { GB9704 } from '../../layout/geometry.js';
import { exactly, inlines, PAGE, pt, SIZE, type DocxBlock, type DocxInline, type Kit, type Role } from './kit.js';
import { picture } from './pictures.js';

/** A body paragraph: justified, first line indented two characters. */
function para(k: Kit, children: DocxInline[], extra: Record<string, unknown> = {}) {
  return k.P({ children, alignment: k.d.AlignmentType.BOTH, indent: { firstLineChars: 200, firstLine: pt(SIZE.sanhao) * 20 }, ...extra });
}

/** CSS px per inch, and the grid's line in CSS px. */
const PX = 96;
const LINE_PX = (PAGE.linePitch / 1440) * PX;

/** A picture's printed size in CSS px, as bulletin.css sizes it: its own size, at most the block's width and the figure's lines high, in proportion. */
function printed(width: number, height: number): { width: number; height: number } {
  const maxW = (GB9704.block.width / 25.4) * PX;
  const maxH = GB9704.figure.maxLines * LINE_PX;
  const scale = Math.min(1, maxW / width, maxH / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * A figure as the print sets it: the picture at its printed size at the top, the caption (one
 * line) right under it, the rest of the whole lines the print rounds the figure up to after
 * them. In Word: the picture's paragraph exactly as high as the picture (so that Word and
 * LibreOffice, which place a picture differently inside a taller exact line, both put it where
 * the print does), the caption's one line, and a paragraph as high as the rest; kept together.
 * For a picture Word cannot carry: its alt text, and a warning on the source.
 */
async function figure(k: Kit, block: Extract<Block, { type: 'figure' }>, role: Role): Promise<DocxBlock[]> {
  const { d, P, run } = k;
  const captioned = (keepNext: boolean) => (block.caption ? [P({ children: [run(block.caption, 'kai', GB9704.type.caption, k.untracked)], alignment: d.AlignmentType.CENTER, keepNext, spacing: exactly(1) })] : []);
  const image = k.b.images.find((i) => i.to === block.src);
  const found = image ? await picture(image.from, (w, h) => printed(w, h).width, k.faces).catch(() => 'unreadable' as const) : 'unreadable';
  if (typeof found === 'string') {
    k.dropped.push({ url: image?.url ?? block.src, place: block.place, reason: found });
    // The alt text is shown once, as the caption, when it is the caption.
    const alt = block.caption === block.alt ? [] : [P({ children: [run(block.alt, role)], alignment: d.AlignmentType.CENTER, keepNext: !!block.caption })];
    return [...alt, ...captioned(false)];
  }
  const caption = captioned(true);
  const size = printed(found.width, found.height);
  const options = found.type === 'svg'
    ? { type: 'svg', data: found.data, fallback: { type: 'png', data: found.fallback }, transformation: size }
    : { type: found.type, data: found.data, transformation: size };
  // Twips: a CSS px is 15. The figure's whole lines as paginate.js rounds them (ceil, less 0.01).
  const pictureTwips = size.height * 15;
  const lines = Math.max(1, Math.ceil((size.height + (caption.length ? LINE_PX : 0)) / LINE_PX - 0.01));
  const rest = lines * PAGE.linePitch - pictureTwips - (caption.length ? PAGE.linePitch : 0);
  return [
    P({ children: [new d.ImageRun(options as never)], alignment: d.AlignmentType.CENTER, keepNext: true, spacing: { line: 240, lineRule: 'auto', before: 0, after: 0 }, run: { size: 2 } } as never),
    ...caption,
    ...(rest > 0 ? [P({ children: [], spacing: { line: rest, lineRule: 'exact', before: 0, after: 0 }, run: { size: 2 } } as never)] : []),
  ];
}

/** The model's blocks as Word paragraphs and tables, in a role's face (楷体 in a 编者按). */
export async function blocks(k: Kit, list: Block[], role: Role): Promise<DocxBlock[]> {
  const { d, P, run } = k;
  const { AlignmentType, BorderStyle } = d;
  const out: DocxBlock[] = [];
  for (const block of list) {
    switch (block.type) {
      case 'paragraph':
        out.push(para(k, inlines(k, block.children, role, SIZE.sanhao, k.tracking(block))));
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
          const tracking = first && first.type === 'paragraph' ? k.tracking(first) : {};
          out.push(P({ children: [run(mark, role, SIZE.sanhao, tracking), ...inlines(k, text, role, SIZE.sanhao, tracking)], alignment: AlignmentType.BOTH, indent: { left: pt(SIZE.sanhao) * 20 * 2, hanging: pt(SIZE.sanhao) * 10 } }));
        });
        break;
      case 'table':
        out.push(table(k, block, role));
        break;
      case 'figure':
        out.push(...(await figure(k, block, role)));
        break;
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

/** A table's rules: 0.5 pt, in twips. */
const RULE = 10;

/** The text of inlines. */
const textOf = (nodes: Inline[]): string => nodes.map((n) => ('value' in n ? n.value : 'children' in n ? textOf(n.children) : 'alt' in n ? n.alt : '')).join('');

/**
 * A table of the body: ruled all round, the first row a header in 黑体, 四号 type, each column
 * aligned as the source says. A row whose cells hold one line each is exactly one line of the
 * grid high, rules included (the print draws them inside the line), so the text after the
 * table stays on the grid; a row that wraps is at least that.
 */
function table(k: Kit, block: Extract<Block, { type: 'table' }>, role: Role) {
  const { d, P } = k;
  const columns = Math.max(1, ...block.rows.map((r) => r.length));
  const room = (GB9704.block.width * (72 / 25.4)) / columns - 8;
  const oneLine = (row: Inline[][]) => row.every((cell) => [...textOf(cell)].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6), 0) * GB9704.type.table <= room);
  const { AlignmentType, BorderStyle } = d;
  const border = { style: BorderStyle.SINGLE, size: RULE / 2.5, color: '000000' };
  const align = (c: number) => (block.align[c] === 'center' ? AlignmentType.CENTER : block.align[c] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
  return new d.Table({
    width: { size: PAGE.block, type: d.WidthType.DXA },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: block.rows.map(
      (row, r) =>
        new d.TableRow({
          tableHeader: r === 0,
          cantSplit: true,
          // Less the table's top and bottom rules on its first and last rows: LibreOffice adds them to the rows' height.
          height: { value: PAGE.linePitch - (r === 0 ? RULE : 0) - (r === block.rows.length - 1 ? RULE : 0), rule: oneLine(row) ? d.HeightRule.EXACT : d.HeightRule.ATLEAST },
          children: row.map((cell, c) => new d.TableCell({ children: [P({ children: inlines(k, cell, r === 0 ? 'hei' : role, SIZE.sihao), alignment: align(c) })] })),
        }),
    ),
  });
}
