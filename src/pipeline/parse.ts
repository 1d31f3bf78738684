import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { parseYaml, type YamlSource } from './yamlSchema.js';

export interface Parsed {
  yaml: YamlSource;
  tree: Root;
}

const markdown = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });

/**
 * Limits that keep the Markdown parser fast on hostile input (its cost grows faster than
 * linearly with nesting depth, container blocks and table cells). No real bulletin is near them.
 */
export const LIMITS = {
  /** Characters of indentation, `>` and list markers before a line's text. */
  prefix: 64,
  /** `|` characters on one line (table cells). */
  pipes: 128,
  /** Lines that open or continue a blockquote or list item. */
  containerLines: 2000,
};

const CONTAINER_PREFIX = /^(?:[ \t]|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))*/;
const CONTAINER_LINE = /^ {0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])/;

/** Reports the first body line beyond a limit; true when the body is safe to parse. */
function withinLimits(file: VFile, lines: string[], first: number): boolean {
  let containers = 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const at = { line: i + 1, column: 1 };
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    if (prefix.length > LIMITS.prefix && line.trim() !== '') {
      report(file, 'error', 'body-too-deep', `嵌套或缩进过深（行首有 ${prefix.length} 个缩进、引用或列表标记，上限 ${LIMITS.prefix}）`, at, '简报正文不需要多层嵌套；去掉多余的 >、列表标记或行首空格。');
      return false;
    }
    let pipes = 0;
    for (let j = line.indexOf('|'); j >= 0; j = line.indexOf('|', j + 1)) pipes++;
    if (pipes > LIMITS.pipes) {
      report(file, 'error', 'table-too-wide', `表格列数过多（一行有 ${pipes} 个“|”，上限 ${LIMITS.pipes}）`, at, '把过宽的表格拆开，或改用文字叙述。');
      return false;
    }
    if (CONTAINER_LINE.test(line) && ++containers > LIMITS.containerLines) {
      report(file, 'error', 'body-too-complex', `引用和列表过多（超过 ${LIMITS.containerLines} 行）`, at, '一期简报不会有这么多引用或列表项；检查是否选错了文件，或把内容拆成多期。');
      return false;
    }
  }
  return true;
}

/**
 * Splits a source into front matter and body and parses both. The front matter is blanked,
 * not cut, so body positions are the file's own lines.
 */
export function parse(file: VFile): Parsed | undefined {
  const text = String(file.value ?? '');
  if (text.trim() === '') {
    report(file, 'error', 'source-empty', '源文件是空的', { line: 1, column: 1 }, '用 `bulletin new` 新建一期，得到一份带前置信息的模板。');
    return undefined;
  }
  const lines = text.split('\n');
  const first = lines[0] ?? '';
  if (!first.startsWith('---')) {
    report(
      file,
      'error',
      'front-matter-missing',
      '源文件开头缺少前置信息（---）',
      { line: 1, column: 1 },
      '第一行写 ---，接着写 issue、total、date 等字段，再用一行 --- 结束。',
    );
    return undefined;
  }
  // The word after the opening ---, as in `---js`: only YAML (no word, or `yaml`) is accepted.
  const language = first.slice(3).trim();
  if (language !== '' && language !== 'yaml') {
    report(
      file,
      'error',
      'front-matter-engine',
      `不允许的前置信息格式“---${language}”：只接受 YAML`,
      { line: 1, column: 4 },
      '把第一行改成只有 ---，前置信息用 YAML 书写；可执行的格式（如 ---js）一律拒绝。',
    );
    return undefined;
  }
  if (first.replace(/\s+$/, '') !== '---') {
    report(file, 'error', 'front-matter-syntax', '前置信息的第一行只能是 ---', { line: 1, column: 1 }, '删除 --- 后面的文字。');
    return undefined;
  }
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) {
    report(file, 'error', 'front-matter-unclosed', '前置信息没有结束的 --- 行', { line: 1, column: 1 }, '在前置信息的最后一个字段下面加一行 ---。');
    return undefined;
  }
  const yamlText = lines.slice(1, close).join('\n');
  const yaml = parseYaml(file, yamlText, 1, 'front-matter');
  if (!yaml) return undefined;
  if (!withinLimits(file, lines, close + 1)) return undefined;
  const body = '\n'.repeat(close + 1) + lines.slice(close + 1).join('\n');
  const tree = markdown.parse(body) as Root;
  return { yaml, tree };
}
