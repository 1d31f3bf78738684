import { chineseDate } from '../../model/dates.js';
import { GB9704 } from '../../layout/geometry.js';
import { exactly, mm, PAGE, pt, rule, SIZE, type DocxBlock, type Kit } from './kit.js';

/** A row of the 版记: 4号 type on 1.6 of its size, with 2 pt above and below (bulletin.css § 报尾). */
const ROW = Math.round((SIZE.sihao * GB9704.colophon.leading + 2 * GB9704.colophon.padding) * 20);

/** Where the print put the 版记: the space above it on the last page and its height (pt), and whether it took a page of its own. */
export interface ColophonPlace {
  space: number;
  height: number;
  freshPage: boolean;
}

/**
 * 报尾 (colophon, GB/T 9704 §7.4 版记): a table in the flow (a floating table is laid out inline
 * by LibreOffice, and a frame of paragraphs is not placed at the foot either), one row per
 * line, ruled 0.35 mm above and below and 0.25 mm between lines. When the PDF of the issue was
 * printed in the same run, an empty paragraph before it takes the space the print left above
 * it (and a page break goes before it when the print gave it a page of its own), so the table
 * ends on the foot of the text block as in the PDF, the document's pages holding the same lines.
 */
export function colophon(k: Kit, place?: ColophonPlace): DocxBlock[] {
  const { d, b, P, run, untracked } = k;
  const { AlignmentType, BorderStyle, TabStopType } = d;
  const thick = { style: BorderStyle.SINGLE, size: rule(GB9704.colophon.outerRule), color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: rule(GB9704.colophon.innerRule), color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const oneChar = pt(SIZE.sihao) * 10;
  const spacing = exactly(1, ROW);
  const rows = [
    ...b.distribution.map((line) =>
      P({ children: [run(`${line.label}：`, 'body', SIZE.sihao, untracked), run(line.text, 'body', SIZE.sihao, untracked)], alignment: AlignmentType.BOTH, indent: { left: oneChar * 3, hanging: oneChar * 3 }, spacing }),
    ),
    // GB/T 9704 §7.4.3: the 印发 line is the last, on the closing rule; the copies come before it.
    ...(b.copies ? [P({ children: [run(`（共印${b.copies}份）`, 'body', SIZE.sihao, untracked)], alignment: AlignmentType.RIGHT, spacing })] : []),
    P({
      children: [run(b.publisher, 'body', SIZE.sihao, untracked), run(`\t${chineseDate(b.printed)}印发`, 'body', SIZE.sihao, untracked)],
      tabStops: [{ type: TabStopType.RIGHT, position: PAGE.block - 2 * oneChar }],
      spacing,
    }),
  ];
  const table = new d.Table({
    width: { size: PAGE.block, type: d.WidthType.DXA },
    columnWidths: [PAGE.block],
    layout: d.TableLayoutType.FIXED,
    borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: thin, insideVertical: none },
    margins: { left: oneChar, right: oneChar, top: 0, bottom: 0 },
    rows: rows.map((paragraph) => new d.TableRow({ cantSplit: true, height: { value: ROW, rule: d.HeightRule.EXACT }, children: [new d.TableCell({ children: [paragraph], width: { size: PAGE.block, type: d.WidthType.DXA } })] })),
  });
  // The table's own height in Word: its rows and rules (eighths of a point → twips).
  const own = rows.length * ROW + (2 * rule(GB9704.colophon.outerRule) + (rows.length - 1) * rule(GB9704.colophon.innerRule)) * 2.5;
  // Less a millimetre: a reader that draws the rules a little thicker still keeps the table on the page.
  const space = place ? Math.max(0, Math.floor((place.space + place.height) * 20 - own - mm(1))) : 0;
  return [
    ...(place && space > 0 ? [P({ children: [], spacing: exactly(1, space), pageBreakBefore: place.freshPage, run: { size: 2 } } as never)] : []),
    table,
    // A document ends with a paragraph (Word adds one after a final table anyway): one twip high, so it never takes a page.
    P({ children: [], spacing: exactly(1, 1), run: { size: 2 } } as never),
  ];
}

/** “— N —” in the footer: odd pages at the right, even at the left, one character in. */
export function pageNumberFooter(k: Kit, side: 'left' | 'right') {
  const { d, P, font } = k;
  return new d.Footer({
    children: [
      P({
        alignment: side === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
        indent: { [side]: Math.round(GB9704.pageNumber.inset * 20) },
        spacing: exactly(1, pt(SIZE.sihao) * 10),
        children: [new d.TextRun({ children: ['— ', d.PageNumber.CURRENT, ' —'], font: { eastAsia: font.figures, ascii: font.figures, hAnsi: font.figures } as never, size: pt(SIZE.sihao) })],
      }),
    ],
  });
}
