import { LineCounter, parseDocument, isPair, isScalar, isMap, visit, type Document, type Node } from 'yaml';
import type { VFile } from 'vfile';
import type { z } from 'zod';
import { report, type At } from '../diagnostics/report.js';

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

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否（true/false）',
  object: '键值表',
  array: '列表',
  record: '键值表',
  null: '空值',
  undefined: '空值',
};

/** Parses YAML strictly: YAML 1.2 core schema, unique keys, no tags that construct objects. */
export function parseYaml(file: VFile, text: string, lineOffset: number, rulePrefix: string): YamlSource | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const at = (offset: number): At => {
    const p = counter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  let failed = false;
  // An unclosed [ or { makes the parser complain lines later ("bad indent"); name the bracket
  // at its own place instead, and let it stand for the errors that follow from it.
  const unclosed = doc.errors.length ? unclosedBracket(text) : undefined;
  if (unclosed) {
    const close = unclosed.bracket === '[' ? ']' : '}';
    report(file, 'error', `${rulePrefix}-yaml-syntax`, `YAML 语法错误：“${unclosed.bracket}”没有闭合`, at(unclosed.offset), `在这一行的值后面补上“${close}”；若“${unclosed.bracket}”是文字的一部分，给整个值加引号。`);
    return undefined;
  }
  for (const error of doc.errors) {
    failed = true;
    const { rule, reason, hint } = explainYamlError(error.code, error.message);
    // A duplicate key is named: the key at the start of the line the parser points at.
    const key = error.code === 'DUPLICATE_KEY' ? /^\s*([^:#\s][^:#]*?)\s*:/.exec(text.slice(text.lastIndexOf('\n', error.pos[0] - 1) + 1))?.[1] : undefined;
    report(file, 'error', `${rulePrefix}-${rule}`, key ? `字段“${key}”重复出现` : reason, at(error.pos[0]), hint);
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
        report(
          file,
          'error',
          `${rulePrefix}-yaml-tag`,
          `不允许使用 YAML 标签“${written}”`,
          at(tagAt),
          '去掉以 ! 开头的标签；只能写普通的文字、数字、列表和键值表。',
        );
      }
    },
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      if (key && !isScalar(key)) {
        failed = true;
        report(file, 'error', `${rulePrefix}-yaml-complex-key`, '字段名只能是文字', at(key.range?.[0] ?? 0), '删除以 ? 开头或用列表、键值表作字段名的写法。');
      }
    },
    Alias(_key, node) {
      failed = true;
      report(file, 'error', `${rulePrefix}-yaml-alias`, '不允许使用 YAML 别名（*name）', at(node.range?.[0] ?? 0), '把引用的内容直接写出来。');
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

/** Chinese for the YAML parser's commonest error codes; its English detail follows in brackets. */
const YAML_ERRORS: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY: '“键: 值”须写在同一行，冒号后要有空格',
  BAD_INDENT: '缩进不对',
  MISSING_CHAR: '缺少配对的引号或括号',
  BLOCK_AS_IMPLICIT_KEY: '字段名不能跨行',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  BAD_SCALAR_START: '值不能以这个符号开头（如 @、`、%），请加引号',
  MULTIPLE_DOCS: '前置信息里只能有一段 YAML',
  IMPOSSIBLE: '无法解析这段 YAML',
};

function explainYamlError(code: string, message: string): { rule: string; reason: string; hint: string } {
  switch (code) {
    case 'DUPLICATE_KEY':
      return { rule: 'duplicate-key', reason: '字段重复出现', hint: '每个字段只能写一次；删除多余的一行。' };
    case 'TAB_AS_INDENT':
      return { rule: 'yaml-tab', reason: 'YAML 中不能用制表符（Tab）缩进', hint: '把行首的 Tab 换成空格。' };
    default: {
      const what = YAML_ERRORS[code];
      const detail = message.split('\n')[0] ?? '';
      return {
        rule: 'yaml-syntax',
        reason: what ? `YAML 语法错误：${what}（${detail}）` : `YAML 语法错误：${detail}`,
        hint: '检查冒号、缩进和引号；字段写成“键: 值”，冒号后留一个空格。',
      };
    }
  }
}

/** The place of the value (or, for a missing or unknown key, the key) at `path`. */
export function placeOf(source: YamlSource, path: readonly PropertyKey[], unknownKey?: string): At {
  const at = (offset: number): At => {
    const p = source.counter.linePos(offset);
    return { line: p.line + source.lineOffset, column: p.col };
  };
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
export function validateYaml<S extends z.ZodType>(
  file: VFile,
  source: YamlSource,
  schema: S,
  rulePrefix: string,
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
        report(
          file,
          'error',
          `${rulePrefix}-unknown-key`,
          `未知的字段“${[...issue.path.map(String), key].join('.')}”`,
          placeOf(source, issue.path, key),
          guess ? `是不是“${guess}”？允许的字段：${allowed.join('、')}` : `允许的字段：${allowed.join('、')}`,
        );
      }
      continue;
    }
    const at = placeOf(source, issue.path);
    if (issue.code === 'invalid_type' && actual === undefined) {
      const hint =
        issue.path.length > 1 ? `在“${issue.path.slice(0, -1).map(String).join('.')}”下补上“${String(issue.path.at(-1))}”。` : `在开头的 --- 之间补上“${field}: …”一行。`;
      report(file, 'error', `${rulePrefix}-missing-key`, `缺少必填字段“${field}”`, at, hint);
      continue;
    }
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      // Every number in the schemas is an integer.
      const expected = issue.code === 'invalid_type' ? (issue.expected === 'number' ? '整数' : TYPE_NAMES[issue.expected] ?? issue.expected) : '文字或文字列表';
      report(
        file,
        'error',
        `${rulePrefix}-wrong-type`,
        `字段“${field}”应为${expected}，实际是${TYPE_NAMES[describe(actual)] ?? describe(actual)}“${short(actual)}”`,
        at,
        expected === '整数' ? '写成不带引号和小数点的正整数，如 64。' : `把“${field}”的值改为${expected}。`,
      );
      continue;
    }
    if (issue.code === 'too_small') {
      const min = 'minimum' in issue ? String(issue.minimum) : '1';
      report(
        file,
        'error',
        `${rulePrefix}-too-small`,
        typeof actual === 'number' ? `字段“${field}”应不小于 ${min}，实际是 ${actual}` : `字段“${field}”不能为空`,
        at,
        typeof actual === 'number' ? `改为不小于 ${min} 的整数。` : `填写“${field}”的内容，或删除这一行。`,
      );
      continue;
    }
    if (issue.code === 'too_big') {
      report(file, 'error', `${rulePrefix}-too-big`, `字段“${field}”的值过大：${short(actual)}`, at, '检查这个值。');
      continue;
    }
    if (issue.code === 'invalid_value') {
      const options = 'values' in issue ? (issue.values as unknown[]).map(String).join('、') : '';
      report(file, 'error', `${rulePrefix}-invalid-value`, `字段“${field}”的值“${short(actual)}”无效`, at, `可选值：${options}`);
      continue;
    }
    if ((issue.code === 'custom' && issue.message === 'date') || (issue.code === 'invalid_format')) {
      report(
        file,
        'error',
        `${rulePrefix}-invalid-date`,
        `字段“${field}”不是有效日期：“${short(actual)}”`,
        at,
        '日期写成 YYYY-MM-DD，如 2021-06-25，且须是日历上存在的日子。',
      );
      continue;
    }
    report(file, 'error', `${rulePrefix}-invalid`, `字段“${field}”无效：${issue.message}`, at, '按说明修改这个字段。');
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
