import { chineseDate } from '../../model/dates.js';
import { GB9704 } from '../../layout/geometry.js';
import { exactly, PAGE, pt, SIZE, type DocxParagraph, type Kit } from './kit.js';

/**
 * 报头: the marker, the red title, the issue line, the 专刊 line, office and date over the red
 * rule — as many lines of the grid as in the PDF (geometry: masthead.lines, titleLines), the
 * rule its thickness and offset below the imprint line; the line after it is shorter by what
 * the rule adds, so the title of the first article starts on the same line as in the PDF.
 */
export function masthead(k: Kit): DocxParagraph[] {
  const { d, b, P, run, untracked, hex } = k;
  const { AlignmentType, BorderStyle, TabStopType } = d;
  const colors = k.config.colors;
  const { rule } = GB9704.masthead;
  return [
    P({ children: b.marker ? [run(b.marker, 'hei', SIZE.sanhao, untracked)] : [] }),
    P({
      children: [run(b.title, 'title', SIZE.chuhao, { color: hex(colors.masthead), characterSpacing: Math.round(SIZE.chuhao * 0.08 * 20) })],
      alignment: AlignmentType.CENTER,
      spacing: exactly(GB9704.masthead.titleLines),
    }),
    P({ children: [run(`第${b.issue}期（总第${b.total}期）`, 'body', SIZE.sanhao, untracked)], alignment: AlignmentType.CENTER }),
    ...(b.series ? [P({ children: [run(`${b.series.name}（${b.series.number}）`, 'body', SIZE.sanhao, untracked)], alignment: AlignmentType.CENTER })] : []),
    P({
      children: [run(b.publisher, 'body', SIZE.sanhao, untracked), run(`\t${chineseDate(b.date)}`, 'body', SIZE.sanhao, untracked)],
      tabStops: [{ type: TabStopType.RIGHT, position: PAGE.block }],
      border: { bottom: { style: BorderStyle.SINGLE, size: rule.thickness * 8, color: hex(colors.rule), space: rule.offset } },
    }),
    P({ children: [], spacing: exactly(1, PAGE.linePitch - (rule.offset + rule.thickness) * 20) }),
  ];
}

/** 本期要目: the articles' titles, each after a ◆, in 楷体. */
export function toc(k: Kit, show: boolean): DocxParagraph[] {
  if (!show) return [];
  const { d, b, P, run } = k;
  return [
    P({ children: [run('本期要目', 'hei')], alignment: d.AlignmentType.CENTER, keepNext: true }),
    ...b.articles.map((a) => P({ children: [run('◆', 'kai'), run(a.title, 'kai')], indent: { left: pt(SIZE.sanhao) * 20 * 2, hanging: pt(SIZE.sanhao) * 20 } })),
  ];
}
