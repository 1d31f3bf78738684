import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { FrontMatter } from '../model/frontMatter.js';
import type { KeyLines } from './keyLines.js';

/** One validated source of the archive, with the lines of its numbering keys. */
export interface NumberedSource {
  file: VFile;
  frontMatter: FrontMatter;
  lines: KeyLines;
}
export type Reset = 'yearly' | 'never';
type E = NumberedSource;

const year = (e: E) => e.frontMatter.date.slice(0, 4);
const label = (e: E) => `${e.file.path}（第 ${e.frontMatter.issue} 期，总第 ${e.frontMatter.total} 期，${e.frontMatter.date}）`;
const at = (e: E, key: keyof KeyLines) => ({ line: e.lines[key] ?? 1, column: 1 });
const byTotal = (a: E, b: E) =>
  a.frontMatter.total - b.frontMatter.total || isoOrder(a.frontMatter.date, b.frontMatter.date) || a.file.path.localeCompare(b.file.path);
const byDate = (a: E, b: E) => isoOrder(a.frontMatter.date, b.frontMatter.date) || byTotal(a, b);
/** YYYY-MM-DD dates sort as strings; localeCompare (ICU) cost 14 ms of a 3-issue build. */
function isoOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Indices of a longest subsequence in which every consecutive pair satisfies `ok` (a
 * transitive order). The entries left out are the fewest that break the order; on ties the
 * earlier entries are kept, so the later one of two conflicting issues is the one reported.
 */
function longestChain<T>(items: T[], ok: (a: T, b: T) => boolean): Set<number> {
  const length: number[] = [];
  const previous: number[] = [];
  let best = -1;
  items.forEach((item, i) => {
    length[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if ((length[j] ?? 0) + 1 > (length[i] ?? 0) && ok(items[j] as T, item)) {
        length[i] = (length[j] ?? 0) + 1;
        previous[i] = j;
      }
    }
    if (best < 0 || (length[i] ?? 0) > (length[best] ?? 0)) best = i;
  });
  const kept = new Set<number>();
  for (let i = best; i >= 0; i = previous[i] ?? -1) kept.add(i);
  return kept;
}

/** Reports the entries outside the longest ordered chain, each naming a kept entry it conflicts with. */
function reportOutOfOrder(
  items: E[],
  ok: (a: E, b: E) => boolean,
  found: (e: E, other: E, earlier: boolean) => void,
): E[] {
  const kept = longestChain(items, ok);
  items.forEach((e, i) => {
    if (kept.has(i)) return;
    const before = items.slice(0, i).reverse().find((o, k) => kept.has(i - 1 - k) && !ok(o, e));
    const after = items.slice(i + 1).find((o, k) => kept.has(i + 1 + k) && !ok(e, o));
    const other = before ?? after;
    if (other) found(e, other, before !== undefined);
  });
  return items.filter((_, i) => kept.has(i));
}

const GAP_HINT = '如果缺少的期次不在本项目中（如尚未导入），可忽略此警告；否则补上源文件或改正编号。';

/**
 * The archive's numbering rules (source-format.md, "Numbering across an archive"): duplicates
 * and order violations are errors, gaps are warnings. Each is reported on the file concerned,
 * at the offending key, naming the other file. The first issue of the archive starts it:
 * issues before it are taken to be outside the project, so it never counts as a gap.
 */
export function checkNumbering(entries: NumberedSource[], options: { reset: Reset }): void {
  const { reset } = options;
  const sorted = [...entries].sort(byTotal);
  // total: unique, without gaps, and increasing with date.
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    const { total } = e.frontMatter;
    if (prev && total === prev.frontMatter.total) {
      const first = sorted.find((o) => o.frontMatter.total === total) ?? prev;
      report(e.file, 'error', 'numbering-duplicate-total', `总期号 ${total} 与 ${label(first)}重复`, at(e, 'total'),
        '总期号在全部期次中唯一，新一期是最大的总期号加 1（`bulletin new` 会自动编号）。');
    } else if (prev && total > prev.frontMatter.total + 1) {
      report(e.file, 'warning', 'numbering-gap-total',
        `总期号从 ${prev.frontMatter.total}（${prev.file.path}）跳到 ${total}，中间缺少 ${total - prev.frontMatter.total - 1} 期`,
        at(e, 'total'), GAP_HINT);
    }
  });
  // An issue dated out of order is left out of the issue checks, so one wrong date is one error.
  const ordered = reportOutOfOrder(sorted, (a, b) => a.frontMatter.date <= b.frontMatter.date, (e, other, earlier) =>
    report(e.file, 'error', 'numbering-order',
      `日期 ${e.frontMatter.date} ${earlier ? '早于总期号较小的' : '晚于总期号较大的'} ${label(other)}`, at(e, 'date'),
      '总期号随日期递增；检查本期或另一期的日期、总期号是否写错。'));
  // issue: unique within a year (or overall), restarting at 1 each year, rising with total.
  const firstOfIssue = new Map<string, E>();
  let prev: E | undefined;
  for (const e of ordered) {
    const { issue } = e.frontMatter;
    const key = `${reset === 'yearly' ? year(e) : ''}:${issue}`;
    const first = firstOfIssue.get(key);
    if (first) {
      report(e.file, 'error', 'numbering-duplicate-issue',
        `${reset === 'yearly' ? `${year(e)} 年的` : ''}期号 ${issue} 与 ${label(first)}重复`, at(e, 'issue'),
        reset === 'yearly' ? '同一年内期号唯一，并随总期号逐期加 1。' : '期号唯一，并随总期号逐期加 1（配置 numbering.reset: never）。');
      continue;
    }
    firstOfIssue.set(key, e);
    if (prev) checkIssueStep(prev, e, reset);
    prev = e;
  }
  checkSeries(entries);
}

function checkIssueStep(prev: E, e: E, reset: Reset): void {
  const { issue, total } = e.frontMatter;
  const newYear = year(e) !== year(prev);
  const p = prev.frontMatter;
  if (reset === 'yearly' && newYear) {
    if (issue === 1) return;
    if (issue > p.issue) {
      report(e.file, 'error', 'numbering-year-reset',
        `${year(e)} 年的首期应从第 1 期重新编号，却接着上一年的 ${label(prev)}编为第 ${issue} 期`, at(e, 'issue'),
        '期号每年从 1 开始（配置 numbering.reset: yearly）；若本项目的期号跨年连续，在 bulletin.config.yaml 中设置 numbering.reset: never。');
    } else {
      report(e.file, 'warning', 'numbering-gap-issue',
        `${year(e)} 年的首期是第 ${issue} 期，不是第 1 期；上一期是 ${label(prev)}`, at(e, 'issue'), GAP_HINT);
    }
    return;
  }
  if (reset === 'never' && newYear && issue < p.issue) {
    report(e.file, 'error', 'numbering-year-reset',
      `期号在 ${year(e)} 年重新从 ${issue} 开始，但配置为跨年连续编号，上一期是 ${label(prev)}`, at(e, 'issue'),
      '配置 numbering.reset: never 表示期号跨年连续；若期号应每年从 1 开始，在 bulletin.config.yaml 中把它改为 yearly。');
    return;
  }
  const step = issue - p.issue;
  if (step < 0) {
    report(e.file, 'error', 'numbering-order', `期号 ${issue} 小于总期号较小的 ${label(prev)}`, at(e, 'issue'),
      '期号随总期号逐期加 1；检查本期或另一期的期号、总期号是否写错。');
  } else if (step > 1 && step !== total - p.total) {
    // A step equal to the step in total is a missing issue, already reported as a gap in total.
    report(e.file, 'warning', 'numbering-gap-issue',
      `期号从 ${p.issue}（${prev.file.path}）跳到 ${issue}，中间缺少 ${step - 1} 期，而总期号只加了 ${total - p.total}`, at(e, 'issue'),
      '期号与总期号应同步加 1；检查期号是否写错。');
  }
}

/** `series.number`: unique per series name and increasing with date. */
function checkSeries(entries: E[]): void {
  const groups = new Map<string, E[]>();
  for (const e of entries) {
    const name = e.frontMatter.series?.name;
    if (name !== undefined) groups.set(name, [...(groups.get(name) ?? []), e]);
  }
  for (const [name, group] of groups) {
    const number = (e: E) => e.frontMatter.series?.number ?? 0;
    const firstOf = new Map<number, E>();
    const unique: E[] = [];
    for (const e of group.sort(byDate)) {
      const first = firstOf.get(number(e));
      if (!first) {
        firstOf.set(number(e), e);
        unique.push(e);
        continue;
      }
      report(e.file, 'error', 'numbering-series-duplicate', `专刊“${name}”的编号 ${number(e)} 与 ${first.file.path}（${first.frontMatter.date}）重复`,
        at(e, 'series'), '同一专刊的编号唯一，新一期是该专刊上一期的编号加 1。');
    }
    const ordered = reportOutOfOrder(unique, (a, b) => number(a) < number(b), (e, other, earlier) =>
      report(e.file, 'error', 'numbering-series-order',
        `专刊“${name}”的编号 ${number(e)} ${earlier ? '小于日期更早的' : '大于日期更晚的'} ${other.file.path}（编号 ${number(other)}，${other.frontMatter.date}）`,
        at(e, 'series'), '专刊编号随日期递增；检查本期或另一期的专刊编号、日期是否写错。'));
    ordered.forEach((e, i) => {
      const before = ordered[i - 1];
      if (before && number(e) > number(before) + 1) {
        report(e.file, 'warning', 'numbering-series-gap',
          `专刊“${name}”的编号从 ${number(before)}（${before.file.path}）跳到 ${number(e)}，中间缺少 ${number(e) - number(before) - 1} 期`,
          at(e, 'series'), GAP_HINT);
      }
    });
  }
}

export interface NextNumbers {
  issue: number;
  total: number;
  seriesNumber?: number;
}

/**
 * The numbers of a new issue dated `date`: the largest total plus one; the largest issue of
 * that year plus one (1 in a year without issues) when yearly, of the whole archive when
 * `never`; and, for a series, its largest number plus one.
 */
export function nextNumbers(
  entries: ReadonlyArray<Pick<NumberedSource, 'frontMatter'>>,
  target: { date: string; series?: string },
  reset: Reset,
): NextNumbers {
  const fms = entries.map((e) => e.frontMatter);
  const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
  const sameYear = reset === 'yearly' ? fms.filter((f) => f.date.slice(0, 4) === target.date.slice(0, 4)) : fms;
  const next: NextNumbers = { issue: max(sameYear.map((f) => f.issue)) + 1, total: max(fms.map((f) => f.total)) + 1 };
  if (target.series !== undefined) {
    next.seriesNumber = max(fms.flatMap((f) => (f.series && f.series.name === target.series ? [f.series.number] : []))) + 1;
  }
  return next;
}
