import { LineCounter, parseDocument, isPair, isScalar, isMap, visit, type Document, type Node } from 'yaml';
import type { VFile } from 'vfile';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod's mini build has no messages of its own ("Invalid input"): the English ones, as the
// classic build had, for the few problems bulletin does not word itself (rules.invalid).
z.config(en());
import { report, type At } from './report.js';
import { configUnknownRule as unknownRule, type YamlRules } from './rules.js';

/**
 * YAML parsed for validation: the plain value plus enough of the syntax tree to point a
 * diagnostic at the offending key. `lineOffset` is added to YAML lines (front matter starts
 * at line 2 of the source).
 */
export interface YamlSource {
  doc: Document;
  counter: LineCounter;
  lineOffset: number;
  value: unknown;
}

/** Parses YAML strictly: YAML 1.2 core schema, unique keys, no tags that construct objects. */
export function parseYaml(file: VFile, text: string, lineOffset: number, rules: YamlRules): YamlSource | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const at = (offset: number): At => yamlAt({ counter, lineOffset }, offset);
  let failed = false;
  // An unclosed [ or { makes the parser complain lines later ("bad indent"); name the bracket
  // at its own place instead, and let it stand for the errors that follow from it.
  const unclosed = doc.errors.length ? unclosedBracket(text) : undefined;
  if (unclosed) {
    report(file, rules.unclosed, { bracket: unclosed.bracket }, at(unclosed.offset));
    return undefined;
  }
  for (const error of doc.errors) {
    failed = true;
    const where = at(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') {
      // A duplicate key is named: the key at the start of the line the parser points at.
      const key = /^\s*([^:#\s][^:#]*?)\s*:/.exec(text.slice(text.lastIndexOf('\n', error.pos[0] - 1) + 1))?.[1] ?? '';
      report(file, rules.duplicateKey, { key }, where);
    } else if (error.code === 'TAB_AS_INDENT') report(file, rules.tab, {}, where);
    else report(file, rules.syntax, { code: error.code, detail: error.message.split('\n')[0] ?? '' }, where);
  }
  if (failed) return undefined;
  visit(doc, {
    Node(_key, node: Node) {
      if (node.tag !== undefined && node.range) {
        failed = true;
        // The tag as written (!!js/function), where it is written: it stands before the value.
        const start = text.lastIndexOf('!', node.range[0]);
        const lineStart = text.lastIndexOf('\n', node.range[0]) + 1;
        const tagAt = start >= lineStart ? text.slice(0, start).replace(/!+$/, '').length : node.range[0];
        const written = start >= lineStart ? /^!\S*/.exec(text.slice(tagAt))?.[0] ?? node.tag : node.tag;
        report(file, rules.tag, { tag: written }, at(tagAt));
      }
    },
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      if (key && !isScalar(key)) {
        failed = true;
        report(file, rules.complexKey, {}, at(key.range?.[0] ?? 0));
      }
    },
    Alias(_key, node) {
      failed = true;
      report(file, rules.alias, {}, at(node.range?.[0] ?? 0));
    },
  });
  if (failed) return undefined;
  return { doc, counter, lineOffset, value: doc.toJS({ maxAliasCount: 50 }) };
}

/** The first [ or { that is never closed (outside quotes and comments), with its offset. */
function unclosedBracket(text: string): { bracket: '[' | '{'; offset: number } | undefined {
  const open: Array<{ bracket: '[' | '{'; offset: number }> = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = undefined;
      else if (c === '\n' && open.length === 0) quote = undefined;
    } else if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) while (i < text.length && text[i] !== '\n') i++;
    else if (c === '[' || c === '{') open.push({ bracket: c, offset: i });
    else if ((c === ']' || c === '}') && open.length) open.pop();
  }
  return open[0];
}

/** 1-based line and column of an offset in the YAML text, as a line of the whole file. */
export function yamlAt(source: Pick<YamlSource, 'counter' | 'lineOffset'>, offset: number): At {
  const p = source.counter.linePos(offset);
  return { line: p.line + source.lineOffset, column: p.col };
}

/** The place of the value (or, for a missing or unknown key, the key) at `path`. */
export function placeOf(source: YamlSource, path: readonly PropertyKey[], unknownKey?: string): At {
  const at = (offset: number): At => yamlAt(source, offset);
  let node: unknown = source.doc.contents;
  let best: At = { line: 1 + source.lineOffset, column: 1 };
  if (node && isMap(node) && node.range) best = at(node.range[0]);
  const keys = unknownKey === undefined ? path : [...path, unknownKey];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
    // A missing key is reported at the key of the map that lacks it.
    if (!pair) break;
    const keyRange = (pair.key as Node).range;
    if (i === keys.length - 2 && unknownKey === undefined && keyRange) {
      const next = isMap(pair.value) ? pair.value.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(keys[i + 1])) : undefined;
      if (!next) {
        best = at(keyRange[0]);
        break;
      }
    }
    const last = i === keys.length - 1;
    const keyNode = pair.key as Node;
    if (last && (unknownKey !== undefined || !pair.value)) {
      if (keyNode.range) best = at(keyNode.range[0]);
      break;
    }
    const valueNode = pair.value as Node | null;
    if (valueNode && valueNode.range) best = at(valueNode.range[0]);
    else if (keyNode.range) best = at(keyNode.range[0]);
    node = valueNode;
    if (!last && Array.isArray((valueNode as { items?: unknown[] } | null)?.items) && typeof keys[i + 1] === 'number') {
      const item = (valueNode as unknown as { items: Node[] }).items[keys[i + 1] as number];
      if (item?.range) best = at(item.range[0]);
      node = item;
      i++;
    }
  }
  return best;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Validates `source.value` against a zod schema and reports every issue in Chinese at the
 * offending key. `fieldName` turns a path into the name shown to the user.
 */
export function validateYaml<S extends z.ZodMiniType>(
  file: VFile,
  source: YamlSource,
  schema: S,
  rules: YamlRules,
  known: (path: readonly PropertyKey[]) => string[],
): z.output<S> | undefined {
  const value = source.value ?? {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    const actual = valueAt(value, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const allowed = known(issue.path);
        const guess = closest(key, allowed);
        report(file, rules.unknownKey, { field: [...issue.path.map(String), key].join('.'), allowed, ...(guess ? { guess } : {}) }, placeOf(source, issue.path, key));
      }
      continue;
    }
    const at = placeOf(source, issue.path);
    if (issue.code === 'invalid_type' && actual === undefined) {
      const parent = issue.path.slice(0, -1).map(String).join('.');
      report(file, rules.missingKey, { field, key: String(issue.path.at(-1)), ...(parent ? { parent } : {}) }, at);
      continue;
    }
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      // Every number in the schemas is an integer.
      const expected = issue.code === 'invalid_type' ? (issue.expected === 'number' ? 'int' : issue.expected) : 'string-or-list';
      report(file, rules.wrongType, { field, expected, actual: describe(actual), value: short(actual) }, at);
      continue;
    }
    if (issue.code === 'too_small') {
      const min = 'minimum' in issue ? String(issue.minimum) : '1';
      report(file, rules.tooSmall, { field, min, ...(typeof actual === 'number' ? { value: actual } : {}) }, at);
      continue;
    }
    if (issue.code === 'too_big') {
      report(file, rules.tooBig, { field, value: short(actual) }, at);
      continue;
    }
    if (issue.code === 'invalid_value') {
      const options = 'values' in issue ? (issue.values as unknown[]).map(String) : [];
      report(file, rules.invalidValue, { field, value: short(actual), options }, at);
      continue;
    }
    if ((issue.code === 'custom' && issue.message === 'date') || (issue.code === 'invalid_format')) {
      report(file, rules.invalidDate, { field, value: short(actual) }, at);
      continue;
    }
    if (issue.code === 'custom' && typeof issue.params?.unknownRule === 'string') {
      const known = (issue.params.known as string[] | undefined) ?? [];
      const guess = closest(issue.params.unknownRule, known);
      report(file, unknownRule, { id: issue.params.unknownRule, ...(guess ? { guess } : {}) }, placeOf(source, issue.path.slice(0, -1), String(issue.path.at(-1))));
      continue;
    }
    report(file, rules.invalid, { field, detail: issue.message }, at);
  }
  return undefined;
}

function short(value: unknown): string {
  const s = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The allowed key nearest to a typo (edit distance ≤ 2), if any. */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}
