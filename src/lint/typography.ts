import type { Nodes, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { positions, report, type At } from '../diagnostics/report.js';
import type { AnyRule } from '../diagnostics/rules.js';
import { GAP, URL_GAP, LINT, LINT_RULES, PLACEHOLDER, pendingLines, ordinalOf, type AnyLintRule, type Finding, type LintRuleId, type OrdinalOrderArgs, type RunContext } from './rules.js';

/**
 * Chinese proofreading over the body's text (never inline code, code, HTML or the URL of a
 * link), with the rules of rules.ts. Every finding is a message at its own line:column, with the
 * rule's severity as the project sets it (config `rules`); a safe rewrite rides on the message
 * as `actual` → `expected`, for `bulletin check --fix`.
 */
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s\p{Script=Han}，。“”（）、；：]*|\bwww\.[^\s\p{Script=Han}，。“”（）、；：]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
/** A URL's own text, without the marks that end the sentence around it ("见www.gov.cn," keeps its comma to check). */
const gapUrls = (text: string) =>
  text.replace(URL, (url) => {
    const core = url.replace(/[.,;:!?)]+$/, '');
    return URL_GAP.repeat(core.length) + url.slice(core.length);
  });

export type RuleSetting = 'off' | 'warning' | 'error';

export interface LintOptions {
  /** config `rules`: a severity per rule id, or off (an opt-in rule is off unless named here). */
  rules?: Partial<Record<LintRuleId, RuleSetting>>;
  /** The words of word-relative-time (config `relativeTimeWords`), when the project lists its own. */
  relativeTimeWords?: readonly string[] | undefined;
  /** The date (YYYY-MM-DD), for the relative-time rule's message. */
  date?: string;
  /** A draft build: unfinished text is a warning, not an error. */
  draft?: boolean;
}

interface Run {
  text: string;
  at: Array<At | undefined>;
}

/** A rule's severity in this project: its config setting, else off for an opt-in rule, else its default. */
const settingOf = (rule: AnyLintRule, options: LintOptions): RuleSetting => options.rules?.[rule.id] ?? ('optIn' in rule && rule.optIn ? 'off' : rule.severity);

export function lintTypography(file: VFile, tree: Root, options: LintOptions = {}): void {
  const source = String(file.value ?? '');
  const { offset: offsetOf } = positions(source);

  /** Positions of each character of a text node: its value aligned on its source slice. */
  const locate = (node: PhrasingContent & { value: string }): Array<At | undefined> => {
    const start = node.position?.start;
    const end = node.position?.end;
    if (!start || !end) return [];
    const from = offsetOf(start.line, start.column);
    const to = offsetOf(end.line, end.column);
    const places: At[] = [];
    let { line, column } = start;
    for (let k = from; k < to; k++) {
      places.push({ line, column });
      if (source[k] === '\n') [line, column] = [line + 1, 1];
      else column++;
    }
    const at: Array<At | undefined> = [];
    let j = 0;
    for (const ch of node.value) {
      // Escapes, entities and a blockquote's "> " make the source longer than the value.
      let k = j;
      while (k < places.length && !source.startsWith(ch, from + k)) k++;
      for (let u = 0; u < ch.length; u++) at.push(k < places.length ? places[k + u] : undefined);
      if (k < places.length) j = k + ch.length;
    }
    return at;
  };

  const collect = (nodes: PhrasingContent[], run: Run): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        run.text += node.value;
        for (const place of locate(node)) run.at.push(place); // not push(...): a 1 MB line overflows the stack
        run.at.length = run.text.length;
      } else if ('children' in node) {
        // A link's text is checked; a bare URL made a link by GFM is its own text, which the
        // URL pattern leaves out, and the Chinese an import glued onto it is checked.
        collect(node.children, run);
      } else {
        run.text += GAP;
        run.at.push(undefined);
      }
    }
  };

  const sink = reporter(file, source, offsetOf, options);
  lintFrontMatter(source, sink);
  // Headings' 序次语 are checked in order within each article (a # title starts one); a
  // paragraph that starts with one (a run-in heading) counts in the order but is not checked.
  let levels: number[] = [];
  let previous = 0;
  const order = (text: string, heading: boolean, run: Run, fallback: At): void => {
    const ordinal = ordinalOf(text);
    if (!ordinal) return;
    const rule = LINT.ordinalOrder;
    const label = /^\S{1,6}?[、）.]/u.exec(text)?.[0] ?? text.slice(0, 4);
    const found = (args: OrdinalOrderArgs) => sink(rule, { index: 0, length: label.length, args }, run, fallback);
    const expected = (levels[ordinal.level] ?? 0) + 1;
    if (heading) {
      if (ordinal.level > previous + 1) found({ label, kind: 'skip', level: ordinal.level, previous });
      if (ordinal.n !== expected) found({ label, kind: 'gap', level: ordinal.level, previous: expected - 1, expected });
    } else if (ordinal.n !== expected || ordinal.level > previous + 1) {
      return; // a numbered paragraph out of the headings' order is an enumeration of its own
    }
    levels[ordinal.level] = ordinal.n;
    levels.length = ordinal.level + 1;
    previous = ordinal.level;
  };
  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const run: Run = { text: '', at: [] };
      collect(node.children, run);
      const fallback = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      const ctx: RunContext = {
        kind: node.type,
        ...(node.type === 'heading' ? { depth: node.depth } : {}),
        ...(options.date ? { date: options.date } : {}),
        ...(options.relativeTimeWords ? { relativeTimeWords: options.relativeTimeWords } : {}),
      };
      lintRun(run, ctx, fallback, sink, options);
      if (node.type === 'heading' && node.depth === 1) {
        levels = [];
        previous = 0;
      } else if (node.type === 'heading' || node.type === 'paragraph') {
        order(run.text, node.type === 'heading', run, fallback);
      }
    } else if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  visit(tree);
}

type Sink = (rule: AnyLintRule, finding: Finding<unknown>, run: Run, fallback: At) => void;

/**
 * Turns findings into messages: severity from the project (or off), place from the run, and the
 * rewrite where the source holds exactly the run's text at that place (no escapes or entities in
 * between), so that --fix never touches anything but what was found.
 */
function reporter(file: VFile, source: string, offsetAt: (line: number, column: number) => number, options: LintOptions): Sink {
  const offsetOf = (at: At) => offsetAt(at.line, at.column);
  return (rule, f, run, fallback) => {
    const setting = settingOf(rule, options);
    if (setting === 'off') return;
    let severity = setting;
    if (options.draft && rule === LINT.placeholder) severity = 'warning';
    const start = run.at[f.index];
    const last = run.at[f.index + f.length - 1];
    const at = start && last && last.line === start.line ? { ...start, endLine: last.line, endColumn: last.column + 1 } : start ?? fallback;
    const m = report(file, rule as AnyRule, { ...(f.args as object), ...(f.fix !== undefined ? { fix: f.fix } : {}) } as never, at, { severity });
    const actual = run.text.slice(f.index, f.index + f.length);
    if (f.fix !== undefined && start && last && last.line === start.line && source.slice(offsetOf(start), offsetOf(last) + 1) === actual) {
      m.actual = actual;
      m.expected = [f.fix];
    }
  };
}

/** 【待补】 in the front matter (between the --- lines), at its line and column. */
function lintFrontMatter(source: string, sink: Sink): void {
  const lines = source.split('\n');
  for (const line of pendingLines(source)) {
    for (const m of (lines[line - 1] ?? '').matchAll(PLACEHOLDER)) {
      const run: Run = { text: m[0], at: [...m[0]].map((_, k) => ({ line, column: m.index + k + 1 })) };
      sink(LINT.placeholder, { index: 0, length: m[0].length, args: { text: m[0] } }, run, { line, column: 1 });
    }
  }
}

function lintRun(run: Run, ctx: RunContext, fallback: At, sink: Sink, options: LintOptions): void {
  const text = gapUrls(run.text);
  const on = (rule: AnyLintRule) => settingOf(rule, options) !== 'off';
  // In reading order, whatever rule found it.
  const found = LINT_RULES.filter(on).flatMap((rule) => ((rule.check?.(text, ctx) ?? []) as Array<Finding<unknown>>).map((finding) => ({ rule: rule as AnyLintRule, finding })));
  found.sort((a, b) => a.finding.index - b.finding.index);
  for (const { rule, finding } of found) sink(rule, finding, run, fallback);
}
