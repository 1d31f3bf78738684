import { readFile } from 'node:fs/promises';
import type { Config } from '../config/schema.js';
import type { Article, Block, Bulletin, Inline } from '../model/bulletin.js';
import { chineseDate } from '../model/dates.js';
import { documentMeta } from './render.js';
import { imageSize } from './imageSize.js';
import { charPitch, GB9704, linePitch } from '../layout/geometry.js';

/**
 * The Word edition of an issue (`--format docx`), built from the document model with the `docx`
 * package: the same 简报 as the PDF — A4, GB/T 9704 margins, 22 × 28 on Word's document grid,
 * masthead, body, colophon framed at the foot of the last page, “— N —” page numbers odd right,
 * even left — in fonts by their official names, so that Word and WPS show it as an office's own
 * template would. Reproducible: see finishDocx.
 */

type Docx = typeof import('docx');

/** Twips (1/20 pt) per millimetre. */
const MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * MM);
/** Half-points, the unit of w:sz. */
const pt = (v: number) => v * 2;
/** Border widths in eighths of a point. */
const rule = (millimetres: number) => Math.round(((millimetres * 72) / 25.4) * 8);

/** The page in Word's units (twips), from the one page geometry (docs/layout.md § Page). */
export const PAGE = {
  width: mm(GB9704.paper.width),
  height: mm(GB9704.paper.height),
  top: mm(GB9704.margins.top),
  left: mm(GB9704.margins.left),
  right: mm(GB9704.margins.right),
  bottom: mm(GB9704.margins.bottom),
  /** The text block: 156 mm wide. */
  block: mm(GB9704.block.width),
  /** 225 mm / 22 lines = 28.99 pt. */
  linePitch: Math.round(linePitch(GB9704) * 20),
  /** 156 mm / 28 characters = 15.79 pt: w:charSpace is (pitch − 16 pt) × 4096. */
  charSpace: Math.round((charPitch(GB9704) - GB9704.type.body) * 4096),
  /**
   * Tracking of body text, in twips: 28 characters of 3号 type fit the 156 mm line only a little
   * tighter than 16 pt each; −0.25 pt (Word counts in 1/20 pt; −0.2 pt would overflow by 0.2 pt)
   * gives 28 a line, as the PDF's −0.21 pt does.
   */
  tracking: Math.round(GB9704.tracking.word * 20),
};

/** Sizes of the Chinese type scale. */
const SIZE = { chuhao: GB9704.type.masthead, erhao: GB9704.type.title, sanhao: GB9704.type.body, sihao: GB9704.type.pageNumber };

/** Fonts by role: the official face, and the name Word should fall back to (fontTable altName). */
export const OFFICIAL = {
  title: { name: '方正小标宋简体', alt: '华文中宋' },
  body: { name: '仿宋_GB2312', alt: '仿宋' },
  kai: { name: '楷体_GB2312', alt: '楷体' },
  hei: { name: '黑体', alt: 'SimHei' },
  figures: { name: '宋体', alt: 'SimSun' },
} as const;
type Role = keyof typeof OFFICIAL;

export interface DocxOptions {
  config: Config;
  /** Whether the 本期要目 list is shown (as in the HTML/PDF). */
  showToc: boolean;
  /** The family Word is asked for, per role (wordFamilies). */
  families: Record<Role, string>;
}

/**
 * The family Word is asked for, per role: a family the config names for the role, else the
 * official face (a font file of the project cannot go into a Word file; its role keeps the
 * official name, which is what the file stands in for).
 */
export function wordFamilies(config: Config): Record<Role, string> {
  const out = {} as Record<Role, string>;
  for (const role of Object.keys(OFFICIAL) as Role[]) out[role] = config.fonts[role]?.family ?? OFFICIAL[role].name;
  return out;
}


/** Renders an issue to .docx bytes (before finishDocx makes them reproducible). */
export async function renderDocx(b: Bulletin, options: DocxOptions): Promise<Uint8Array> {
  const d: Docx = await import('docx');
  const { Paragraph, TextRun, AlignmentType, BorderStyle, TabStopType } = d;
  const P = (options: ConstructorParameters<Docx['Paragraph']>[0] & object) => new Paragraph(options);
  const font = options.families;
  const colors = options.config.colors;
  const hex = (c: string) => c.replace('#', '').toUpperCase();

  /** A run in a role's face: the East Asian slot carries the Chinese font, Latin text follows it. */
  const run = (text: string, role: Role, size = SIZE.sanhao, extra: Record<string, unknown> = {}) =>
    new TextRun({ text, font: { eastAsia: font[role], ascii: font[role], hAnsi: font[role], hint: 'eastAsia' } as never, size: pt(size), characterSpacing: PAGE.tracking, ...extra });
  /** Masthead, titles and colophon are set without the body's tracking, as in bulletin.css. */
  const untracked = { characterSpacing: 0 };

  const inlines = (nodes: Inline[], role: Role, size = SIZE.sanhao): Array<InstanceType<Docx['TextRun']> | InstanceType<Docx['ExternalHyperlink']>> =>
    nodes.flatMap((n) => {
      switch (n.type) {
        case 'text':
        case 'code':
          return [run(n.value, role, size)];
        case 'strong':
          return inlines(n.children, 'hei', size);
        case 'emphasis':
          return inlines(n.children, 'kai', size);
        case 'delete':
          return inlines(n.children, role, size);
        case 'link':
          return [new d.ExternalHyperlink({ link: n.href, children: inlines(n.children, role, size).filter((r): r is InstanceType<Docx['TextRun']> => r instanceof TextRun) })];
        case 'break':
          return [new TextRun({ break: 1 })];
        case 'image':
          return [run(n.alt, role, size)];
      }
    });

  const indent2 = { firstLineChars: 200, firstLine: pt(SIZE.sanhao) * 20 };
  const para = (children: ReturnType<typeof inlines>, extra: Record<string, unknown> = {}) =>
    P({ children, alignment: AlignmentType.BOTH, indent: indent2, ...extra });

  const imageOf = async (src: string) => {
    const from = b.images.find((i) => i.to === src)?.from;
    if (!from) return undefined;
    const data = await readFile(from);
    const size = imageSize(data);
    if (!size) return undefined;
    // As in print: at most the block's width and 12 lines high, keeping the proportions.
    const maxW = 156 * (96 / 25.4);
    const maxH = ((12 * PAGE.linePitch) / 1440) * 96;
    const scale = Math.min(1, maxW / size.width, maxH / size.height);
    return new d.ImageRun({ type: size.type, data, transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) } } as never);
  };

  async function blocks(list: Block[], role: Role): Promise<Array<InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>>> {
    const out: Array<InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>> = [];
    for (const block of list) {
      switch (block.type) {
        case 'paragraph':
          out.push(para(inlines(block.children, role)));
          break;
        case 'heading':
          // Outline levels: Word's navigation pane lists the headings, and import reads them back.
          out.push(para(inlines(block.children, block.depth === 2 ? 'hei' : 'kai'), { keepNext: true, outlineLevel: block.depth === 2 ? 1 : 2 }));
          break;
        case 'note':
          out.push(...(await blocks(block.blocks, 'kai')));
          break;
        case 'quote':
          for (const p of await blocks(block.blocks, role)) out.push(p);
          break;
        case 'list':
          block.items.forEach((item, i) => {
            const mark = block.ordered ? `${block.start + i}. ` : '• ';
            const first = item.find((x) => x.type === 'paragraph');
            const text = first && first.type === 'paragraph' ? first.children : [];
            out.push(P({ children: [run(mark, role), ...inlines(text, role)], alignment: AlignmentType.BOTH, indent: { left: pt(SIZE.sanhao) * 20 * 2, hanging: pt(SIZE.sanhao) * 10 } }));
          });
          break;
        case 'table': {
          const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
          out.push(
            new d.Table({
              width: { size: PAGE.block, type: d.WidthType.DXA },
              borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
              rows: block.rows.map(
                (row, r) =>
                  new d.TableRow({
                    tableHeader: r === 0,
                    cantSplit: true,
                    children: row.map(
                      (cell, c) =>
                        new d.TableCell({
                          children: [
                            P({
                              children: inlines(cell, r === 0 ? 'hei' : role, SIZE.sihao),
                              alignment: block.align[c] === 'center' ? AlignmentType.CENTER : block.align[c] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                            }),
                          ],
                        }),
                    ),
                  }),
              ),
            }),
          );
          break;
        }
        case 'figure': {
          const image = await imageOf(block.src);
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

  // 报头 (masthead)
  const masthead = [
    P({ children: b.marker ? [run(b.marker, 'hei', SIZE.sanhao, untracked)] : [] }),
    P({
      children: [run(b.title, 'title', SIZE.chuhao, { color: hex(colors.masthead), characterSpacing: Math.round(SIZE.chuhao * 0.08 * 20) })],
      alignment: AlignmentType.CENTER,
    }),
    P({ children: [run(`第${b.issue}期（总第${b.total}期）`, 'body', SIZE.sanhao, untracked)], alignment: AlignmentType.CENTER }),
    ...(b.series ? [P({ children: [run(`${b.series.name}（${b.series.number}）`, 'body', SIZE.sanhao, untracked)], alignment: AlignmentType.CENTER })] : []),
    P({
      children: [run(b.publisher, 'body', SIZE.sanhao, untracked), run(`\t${chineseDate(b.date)}`, 'body', SIZE.sanhao, untracked)],
      tabStops: [{ type: TabStopType.RIGHT, position: PAGE.block }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: hex(colors.rule), space: 4 } },
    }),
  ];

  // 本期要目
  const toc = options.showToc
    ? [
        P({ children: [run('本期要目', 'hei')], alignment: AlignmentType.CENTER, spacing: { before: PAGE.linePitch } }),
        ...b.articles.map((a) => P({ children: [run('◆', 'kai'), run(a.title, 'kai')], indent: { left: pt(SIZE.sanhao) * 20 * 2, hanging: pt(SIZE.sanhao) * 20 } })),
      ]
    : [];

  // 报核 (body)
  const body: Array<InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>> = [];
  for (const a of b.articles) body.push(...(await article(a)));
  async function article(a: Article) {
    const head = [
      P({ children: [run(a.title, 'title', SIZE.erhao, untracked)], alignment: AlignmentType.CENTER, keepNext: true, outlineLevel: 0, spacing: { before: PAGE.linePitch } }),
      ...(a.subtitle ? [P({ children: [run(a.subtitle, 'kai')], alignment: AlignmentType.CENTER, keepNext: true })] : []),
      P({ children: [], keepNext: true }),
    ];
    const rest = await blocks(a.blocks, 'body');
    const source = a.source ? [P({ children: [run(a.source, 'body')], alignment: AlignmentType.RIGHT })] : [];
    return [...head, ...rest, ...source];
  }

  // 报尾 (colophon): a table floated to the foot of the last page's text block (tblpYSpec
  // bottom, anchored to the margin), one row per line, ruled 0.35 mm above and below and
  // 0.25 mm between lines, as GB/T 9704 §7.4 draws it.
  const thick = { style: BorderStyle.SINGLE, size: rule(GB9704.colophon.outerRule), color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: rule(GB9704.colophon.innerRule), color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const oneChar = pt(SIZE.sihao) * 10;
  const lineSpacing = { line: Math.round(SIZE.sihao * 1.6 * 20), lineRule: d.LineRuleType.EXACT, before: 40, after: 40 };
  const colophonRows: InstanceType<Docx['Paragraph']>[] = [
    ...b.distribution.map((line) =>
      P({ children: [run(`${line.label}：`, 'body', SIZE.sihao, untracked), run(line.text, 'body', SIZE.sihao, untracked)], alignment: AlignmentType.BOTH, indent: { left: oneChar * 3, hanging: oneChar * 3 }, spacing: lineSpacing }),
    ),
    P({
      children: [run(b.publisher, 'body', SIZE.sihao, untracked), run(`\t${chineseDate(b.printed)}印发`, 'body', SIZE.sihao, untracked)],
      tabStops: [{ type: TabStopType.RIGHT, position: PAGE.block - 2 * oneChar }],
      spacing: lineSpacing,
    }),
    ...(b.copies ? [P({ children: [run(`（共印${b.copies}份）`, 'body', SIZE.sihao, untracked)], alignment: AlignmentType.RIGHT, spacing: lineSpacing })] : []),
  ];
  const colophon = new d.Table({
    width: { size: PAGE.block, type: d.WidthType.DXA },
    columnWidths: [PAGE.block],
    layout: d.TableLayoutType.FIXED,
    float: {
      horizontalAnchor: d.TableAnchorType.MARGIN,
      verticalAnchor: d.TableAnchorType.MARGIN,
      relativeHorizontalPosition: d.RelativeHorizontalPosition.CENTER,
      relativeVerticalPosition: d.RelativeVerticalPosition.BOTTOM,
      overlap: d.OverlapType.NEVER,
    },
    borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: thin, insideVertical: none },
    margins: { left: oneChar, right: oneChar, top: 0, bottom: 0 },
    rows: colophonRows.map((paragraph) => new d.TableRow({ cantSplit: true, children: [new d.TableCell({ children: [paragraph], width: { size: PAGE.block, type: d.WidthType.DXA } })] })),
  });

  const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], side: 'left' | 'right') =>
    new d.Footer({
      children: [
        P({
          alignment,
          indent: { [side]: pt(SIZE.sihao) * 10 },
          children: [new TextRun({ children: ['— ', d.PageNumber.CURRENT, ' —'], font: { eastAsia: font.figures, ascii: font.figures, hAnsi: font.figures } as never, size: pt(SIZE.sihao) })],
        }),
      ],
    });

  const meta = documentMeta(b);
  const document = new d.Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join('；'),
    description: `${b.title} 第${b.issue}期（总第${b.total}期）`,
    revision: 1,
    evenAndOddHeaderAndFooters: options.config.pageNumbers,
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: font.body, ascii: font.body, hAnsi: font.body } as never, size: pt(SIZE.sanhao) },
          paragraph: { spacing: { line: 240, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, left: PAGE.left, right: PAGE.right, bottom: PAGE.bottom, header: mm(15), footer: mm(GB9704.paper.height - GB9704.margins.top - GB9704.block.height - GB9704.pageNumber.below) - pt(SIZE.sihao) * 10 },
          },
          grid: { type: d.DocumentGridType.LINES, linePitch: PAGE.linePitch, charSpace: PAGE.charSpace },
        },
        ...(options.config.pageNumbers ? { footers: { default: pageNumber(AlignmentType.RIGHT, 'right'), even: pageNumber(AlignmentType.LEFT, 'left') } } : {}),
        // A document ends with a paragraph: Word adds one after a final table anyway.
        children: [...masthead, ...toc, ...body, colophon, P({ children: [] })],
      },
    ],
  });
  return new Uint8Array(await d.Packer.toBuffer(document));
}
