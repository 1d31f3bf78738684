import { chineseDate } from '../../model/dates.js';
import { PAGE, pt, SIZE, type DocxParagraph, type Kit } from './kit.js';

/** 报头: the marker, the red title, the issue line, the 专刊 line, office and date over the red rule. */
export function masthead(k: Kit): DocxParagraph[] {
  const { d, b, P, run, untracked, hex } = k;
  const { AlignmentType, BorderStyle, TabStopType } = d;
  const colors = k.config.colors;
  return [
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
}

/** 本期要目: the articles' titles, each after a ◆, in 楷体. */
export function toc(k: Kit, show: boolean): DocxParagraph[] {
  if (!show) return [];
  const { d, b, P, run } = k;
  return [
    P({ children: [run('本期要目', 'hei')], alignment: d.AlignmentType.CENTER, spacing: { before: PAGE.linePitch } }),
    ...b.articles.map((a) => P({ children: [run('◆', 'kai'), run(a.title, 'kai')], indent: { left: pt(SIZE.sanhao) * 20 * 2, hanging: pt(SIZE.sanhao) * 20 } })),
  ];
}
