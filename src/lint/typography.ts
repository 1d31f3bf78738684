import type { Link, Nodes, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { positions, report, type At } from '../diagnostics/report.js';
import { GAP, LINT_CATALOGUE, LINT_RULES, lintRule, ordinalOf, type Finding, type LintRule, type RunContext } from './rules.js';

/**
 * Chinese proofreading over the body's text (never inline code, code, HTML or the URL of a
 * link), with the rules of rules.ts. Every finding is a message at its own line:column, with the
 * rule's severity as the project sets it (config `rules`); a safe rewrite rides on the message
 * as `actual` → `expected`, for `bulletin check --fix`.
 */
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s\p{Script=Han}，。“”（）]*|\bwww\.[^\s\p{Script=Han}，。“”（）]*/giu;

export type RuleSetting = 'off' | 'warning' | 'error';

export interface LintOptions {
  /** config `rules`: a severity per rule id, or off. */
  rules?: Record<string, RuleSetting>;
  /** The issue's date (YYYY-MM-DD), for the relative-time rule's message. */
  date?: string;
  /** A draft build: unfinished text is a warning, not an error. */
  draft?: boolean;
}

interface Run {
  text: string;
  at: Array<At | undefined>;
}

/** A bare URL or address made a link by GFM: its text is its URL, to be skipped like one. */
const isAutolink = (link: Link) => {
  const text = link.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  return text === link.url || text === link.url.replace(/^(https?:\/\/|mailto:)/, '');
};

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
      } else if (node.type === 'link' && !isAutolink(node)) {
        collect(node.children, run);
      } else if ('children' in node && node.type !== 'link') {
        collect(node.children, run);
      } else {
        run.text += GAP;
        run.at.push(undefined);
      }
    }
  };

  const sink = reporter(file, source, offsetOf, options);
  lintFrontMatter(source, sink);
  // Headings' 序次语 are checked in order within each article (a # title starts one).
  let levels: number[] = [];
  let previous = 0;
  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const run: Run = { text: '', at: [] };
      collect(node.children, run);
      const fallback = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      const ctx: RunContext = { kind: node.type, ...(node.type === 'heading' ? { depth: node.depth } : {}), ...(options.date ? { date: options.date } : {}) };
      lintRun(run, ctx, fallback, sink);
      if (node.type === 'heading' && node.depth === 1) {
        levels = [];
        previous = 0;
      } else if (node.type === 'heading') {
        const ordinal = ordinalOf(run.text);
        if (ordinal) {
          const rule = lintRule('ordinal-order')!;
          const label = /^\S{1,6}?[、）.]/u.exec(run.text)?.[0] ?? run.text.slice(0, 4);
          const names = ['', '“一、”', '“（一）”', '“1.”', '“（1）”'];
          if (ordinal.level > previous + 1) sink(rule, { index: 0, length: label.length, args: [label, `跳级：${previous ? `上一层是${names[previous]}` : '这一篇还没有上一层'}，${names[ordinal.level]}之前应有${names[ordinal.level - 1]}`] }, run, fallback);
          const expected = (levels[ordinal.level] ?? 0) + 1;
          if (ordinal.n !== expected) sink(rule, { index: 0, length: label.length, args: [label, `不连续：这一层的上一个序号是 ${expected - 1}，这里应为 ${expected}`] }, run, fallback);
          levels[ordinal.level] = ordinal.n;
          levels.length = ordinal.level + 1;
          previous = ordinal.level;
        }
      }
    } else if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  visit(tree);
}

type Sink = (rule: LintRule, finding: Finding, run: Run, fallback: At) => void;

/**
 * Turns findings into messages: severity from the project (or off), place from the run, and the
 * rewrite where the source holds exactly the run's text at that place (no escapes or entities in
 * between), so that --fix never touches anything but what was found.
 */
function reporter(file: VFile, source: string, offsetAt: (line: number, column: number) => number, options: LintOptions): Sink {
  const offsetOf = (at: At) => offsetAt(at.line, at.column);
  return (rule, f, run, fallback) => {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') return;
    let severity = setting ?? rule.severity;
    if (options.draft && rule.id === 'placeholder') severity = 'warning';
    const start = run.at[f.index];
    const last = run.at[f.index + f.length - 1];
    const at = start && last && last.line === start.line ? { ...start, endLine: last.line, endColumn: last.column + 1 } : start ?? fallback;
    const m = report(file, LINT_CATALOGUE.get(rule.id)!, { args: f.args, ...(f.fix !== undefined ? { fix: f.fix } : {}) }, at, { severity });
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
  if (!lines[0]?.startsWith('---')) return;
  const rule = lintRule('placeholder')!;
  for (let i = 1; i < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[i] ?? ''); i++) {
    for (const m of (lines[i] ?? '').matchAll(/【待[^】]*】/gu)) {
      const run: Run = { text: m[0], at: [...m[0]].map((_, k) => ({ line: i + 1, column: m.index + k + 1 })) };
      sink(rule, { index: 0, length: m[0].length, args: [m[0]] }, run, { line: i + 1, column: 1 });
    }
  }
}

function lintRun(run: Run, ctx: RunContext, fallback: At, sink: Sink): void {
  const text = run.text.replace(URL, (url) => GAP.repeat(url.length));
  // In reading order, whatever rule found it.
  const found = LINT_RULES.flatMap((rule) => (rule.check?.(text, ctx) ?? []).map((finding) => ({ rule, finding })));
  found.sort((a, b) => a.finding.index - b.finding.index);
  for (const { rule, finding } of found) sink(rule, finding, run, fallback);
}
