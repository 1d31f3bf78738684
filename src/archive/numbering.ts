import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import type { IssueRef } from '../diagnostics/rules.js';
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
const ref = (e: E): IssueRef => ({ path: e.file.path, issue: e.frontMatter.issue, total: e.frontMatter.total, date: e.frontMatter.date });
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
      report(e.file, rules.numberingDuplicateTotal, { total, other: ref(first) }, at(e, 'total'));
    } else if (prev && total > prev.frontMatter.total + 1) {
      report(e.file, rules.numberingGapTotal, { from: prev.frontMatter.total, fromPath: prev.file.path, to: total }, at(e, 'total'));
    }
  });
  // An issue dated out of order is left out of the issue checks, so one wrong date is one error.
  const ordered = reportOutOfOrder(sorted, (a, b) => a.frontMatter.date <= b.frontMatter.date, (e, other, earlier) =>
    report(e.file, rules.numberingOrder, { what: 'date', value: e.frontMatter.date, earlier, other: ref(other) }, at(e, 'date')));
  // issue: unique within a year (or overall), restarting at 1 each year, rising with total.
  const firstOfIssue = new Map<string, E>();
  let prev: E | undefined;
  for (const e of ordered) {
    const { issue } = e.frontMatter;
    const key = `${reset === 'yearly' ? year(e) : ''}:${issue}`;
    const first = firstOfIssue.get(key);
    if (first) {
      report(e.file, rules.numberingDuplicateIssue, { issue, other: ref(first), ...(reset === 'yearly' ? { year: year(e) } : {}) }, at(e, 'issue'));
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
      report(e.file, rules.numberingYearReset, { year: year(e), issue, reset, prev: ref(prev) }, at(e, 'issue'));
    } else {
      report(e.file, rules.numberingGapIssue, { firstOfYear: year(e), from: p.issue, fromPath: prev.file.path, to: issue, totalStep: total - p.total, prev: ref(prev) }, at(e, 'issue'));
    }
    return;
  }
  if (reset === 'never' && newYear && issue < p.issue) {
    report(e.file, rules.numberingYearReset, { year: year(e), issue, reset, prev: ref(prev) }, at(e, 'issue'));
    return;
  }
  const step = issue - p.issue;
  if (step < 0) {
    report(e.file, rules.numberingOrder, { what: 'issue', value: String(issue), earlier: true, other: ref(prev) }, at(e, 'issue'));
  } else if (step > 1 && step !== total - p.total) {
    // A step equal to the step in total is a missing issue, already reported as a gap in total.
    report(e.file, rules.numberingGapIssue, { from: p.issue, fromPath: prev.file.path, to: issue, totalStep: total - p.total, prev: ref(prev) }, at(e, 'issue'));
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
      report(e.file, rules.numberingSeriesDuplicate, { name, number: number(e), otherPath: first.file.path, otherDate: first.frontMatter.date }, at(e, 'series'));
    }
    const ordered = reportOutOfOrder(unique, (a, b) => number(a) < number(b), (e, other, earlier) =>
      report(e.file, rules.numberingSeriesOrder, { name, number: number(e), earlier, otherPath: other.file.path, otherNumber: number(other), otherDate: other.frontMatter.date }, at(e, 'series')));
    ordered.forEach((e, i) => {
      const before = ordered[i - 1];
      if (before && number(e) > number(before) + 1) {
        report(e.file, rules.numberingSeriesGap, { name, from: number(before), fromPath: before.file.path, to: number(e) }, at(e, 'series'));
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
