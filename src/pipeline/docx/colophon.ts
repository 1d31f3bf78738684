import { chineseDate } from '../../model/dates.js';
import { GB9704 } from '../../layout/geometry.js';
import { PAGE, pt, rule, SIZE, type Kit } from './kit.js';

/**
 * 报尾 (colophon): a table floated to the foot of the last page's text block (tblpYSpec bottom,
 * anchored to the margin), one row per line, ruled 0.35 mm above and below and 0.25 mm between
 * lines, as GB/T 9704 §7.4 draws it.
 */
export function colophon(k: Kit) {
  const { d, b, P, run, untracked } = k;
  const { AlignmentType, BorderStyle, TabStopType } = d;
  const thick = { style: BorderStyle.SINGLE, size: rule(GB9704.colophon.outerRule), color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: rule(GB9704.colophon.innerRule), color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const oneChar = pt(SIZE.sihao) * 10;
  const lineSpacing = { line: Math.round(SIZE.sihao * 1.6 * 20), lineRule: d.LineRuleType.EXACT, before: 40, after: 40 };
  const rows = [
    ...b.distribution.map((line) =>
      P({ children: [run(`${line.label}：`, 'body', SIZE.sihao, untracked), run(line.text, 'body', SIZE.sihao, untracked)], alignment: AlignmentType.BOTH, indent: { left: oneChar * 3, hanging: oneChar * 3 }, spacing: lineSpacing }),
    ),
    // GB/T 9704 §7.4.3: the 印发 line is the last, on the closing rule; the copies come before it.
    ...(b.copies ? [P({ children: [run(`（共印${b.copies}份）`, 'body', SIZE.sihao, untracked)], alignment: AlignmentType.RIGHT, spacing: lineSpacing })] : []),
    P({
      children: [run(b.publisher, 'body', SIZE.sihao, untracked), run(`\t${chineseDate(b.printed)}印发`, 'body', SIZE.sihao, untracked)],
      tabStops: [{ type: TabStopType.RIGHT, position: PAGE.block - 2 * oneChar }],
      spacing: lineSpacing,
    }),
  ];
  return new d.Table({
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
    rows: rows.map((paragraph) => new d.TableRow({ cantSplit: true, children: [new d.TableCell({ children: [paragraph], width: { size: PAGE.block, type: d.WidthType.DXA } })] })),
  });
}

/** “— N —” in the footer: odd pages at the right, even at the left, one character in. */
export function pageNumberFooter(k: Kit, side: 'left' | 'right') {
  const { d, P, font } = k;
  return new d.Footer({
    children: [
      P({
        alignment: side === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
        indent: { [side]: pt(SIZE.sihao) * 10 },
        children: [new d.TextRun({ children: ['— ', d.PageNumber.CURRENT, ' —'], font: { eastAsia: font.figures, ascii: font.figures, hAnsi: font.figures } as never, size: pt(SIZE.sihao) })],
      }),
    ],
  });
}
