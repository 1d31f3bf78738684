// Issues generated for the layout they make (shared by the typesetting tests and the Word edition's tiers).

/**
 * Paragraphs whose lines fill pages 1 and 2 exactly, then a one-line paragraph: set as they
 * come, the last page holds that line alone above the 版记. Several paragraphs end in a short
 * last line, so a little tightening sets one of them in a line fewer.
 */
export function lonely(): string {
  const base = '各地各部门要深入贯彻落实安全生产决策部署切实压紧压实责任全面排查整治风险隐患确保安全形势持续稳定向好'.repeat(20);
  const lengths = [3, 4, 2, 5, 3, 4, 2, 3, 5, 5];
  const tails = [5, 2, 4, 2, 6, 2, 3, 7, 2, 5];
  const paragraphs = lengths.map((n, i) => `${base.slice(i, i + 26 + 28 * (n - 2) + tails[i]! - 1)}。`);
  paragraphs.push(`${base.slice(0, 20)}。`);
  return `---\nissue: 3\ntotal: 3\ndate: 2021-06-25\n---\n\n# 全省安全生产工作会议召开\n\n${paragraphs.join('\n\n')}\n`;
}
