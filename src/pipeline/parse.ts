import matter from 'gray-matter';
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
  const language = matter.language(text).name.trim();
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
  const body = '\n'.repeat(close + 1) + lines.slice(close + 1).join('\n');
  const tree = markdown.parse(body) as Root;
  return { yaml, tree };
}
