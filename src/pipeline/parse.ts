import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import { parseYaml, type YamlSource } from '../diagnostics/yaml.js';

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
  /**
   * Characters of a heading (an article's title, a subheading): a title is printed in one to
   * three balanced lines, and one of 30,000 characters took 4.7 s and 1 GB to lay out (300,000
   * ran Node out of memory). A real title has under 60.
   */
  headingChars: 200,
  /**
   * Inline marks in one paragraph (a block between blank lines), and in the whole body: each
   * `*`, `_`, `~`, `[` and `]`. micromark's emphasis and link resolution costs the square of
   * them (measured: 20 KB of nested links 12.9 s, of nested emphasis 66 s, of `*a**` 40 s, of
   * `~~a` 3.9 s; 8 MB of one `*` run 7.7 s and 1 GB); a real paragraph has a few. Checked before
   * parsing.
   */
  paragraphMarks: 200,
  bodyMarks: 5000,
};

/** Emphasis and strike marks and brackets, what micromark pairs, and `<`, where it tries HTML and autolinks (1 MB of `<a`: 5.7 s, 570 MB). */
const MARKS = /[*_~[\]<]/g;

const CONTAINER_PREFIX = /^(?:[ \t]|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))*/;
const CONTAINER_LINE = /^ {0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])/;

/** Reports the first body line beyond a limit; true when the body is safe to parse. */
function withinLimits(file: VFile, lines: string[], first: number): boolean {
  let containers = 0;
  let paragraphMarks = 0;
  let bodyMarks = 0;
  let paragraphStart = first;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const at = { line: i + 1, column: 1 };
    if (line.trim() === '') {
      paragraphMarks = 0;
      paragraphStart = i + 1;
    } else {
      const marks = line.match(MARKS)?.length ?? 0;
      paragraphMarks += marks;
      bodyMarks += marks;
      if (paragraphMarks > LIMITS.paragraphMarks || bodyMarks > LIMITS.bodyMarks) {
        const whole = paragraphMarks > LIMITS.paragraphMarks;
        report(file, rules.inlineTooComplex, { limit: whole ? LIMITS.paragraphMarks : LIMITS.bodyMarks, scope: whole ? 'paragraph' : 'body' }, whole ? { line: paragraphStart + 1, column: 1 } : at);
        return false;
      }
    }
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    if (prefix.length > LIMITS.prefix && line.trim() !== '') {
      report(file, rules.bodyTooDeep, { prefix: prefix.length, limit: LIMITS.prefix }, at);
      return false;
    }
    let pipes = 0;
    for (let j = line.indexOf('|'); j >= 0; j = line.indexOf('|', j + 1)) pipes++;
    if (pipes > LIMITS.pipes) {
      report(file, rules.tableTooWide, { pipes, limit: LIMITS.pipes }, at);
      return false;
    }
    if (CONTAINER_LINE.test(line) && ++containers > LIMITS.containerLines) {
      report(file, rules.bodyTooComplex, { limit: LIMITS.containerLines }, at);
      return false;
    }
  }
  return true;
}

/** A source's front matter, parsed, and where its body starts. */
export interface FrontMatterPart {
  yaml: YamlSource;
  /** The source's lines; the body is lines[bodyStart..]. */
  lines: string[];
  bodyStart: number;
}

/**
 * The front-matter half of parse: checks the fences and parses the YAML between them, without
 * touching the body. The numbering rules need only this of every other source of an archive.
 */
export function parseFrontMatter(file: VFile): FrontMatterPart | undefined {
  const text = String(file.value ?? '');
  if (text.trim() === '') {
    report(file, rules.sourceEmpty, {}, { line: 1, column: 1 });
    return undefined;
  }
  const lines = text.split('\n');
  const first = lines[0] ?? '';
  if (!first.startsWith('---')) {
    report(file, rules.frontMatterMissing, {}, { line: 1, column: 1 });
    return undefined;
  }
  // The word after the opening ---, as in `---js`: only YAML (no word, or `yaml`) is accepted.
  const language = first.slice(3).trim();
  if (language !== '' && language !== 'yaml') {
    report(file, rules.frontMatterEngine, { language }, { line: 1, column: 4 });
    return undefined;
  }
  if (first.replace(/\s+$/, '') !== '---') {
    report(file, rules.frontMatterSyntax, {}, { line: 1, column: 1 });
    return undefined;
  }
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) {
    report(file, rules.frontMatterUnclosed, {}, { line: 1, column: 1 });
    return undefined;
  }
  const yaml = parseYaml(file, lines.slice(1, close).join('\n'), 1, rules.frontMatterYaml);
  return yaml && { yaml, lines, bodyStart: close + 1 };
}

/**
 * Splits a source into front matter and body and parses both. The front matter is blanked,
 * not cut, so body positions are the file's own lines. `frontPart`: the front matter as
 * parseFrontMatter already found it (without a message), not parsed again.
 */
export function parse(file: VFile, frontPart?: FrontMatterPart): Parsed | undefined {
  const front = frontPart ?? parseFrontMatter(file);
  if (!front) return undefined;
  const { yaml, lines, bodyStart } = front;
  if (!withinLimits(file, lines, bodyStart)) return undefined;
  const body = '\n'.repeat(bodyStart) + lines.slice(bodyStart).join('\n');
  const tree = markdown.parse(body) as Root;
  if (!headingsWithinLimits(file, tree)) return undefined;
  return { yaml, tree };
}

/** Reports the first heading longer than LIMITS.headingChars; true when there is none. */
function headingsWithinLimits(file: VFile, tree: Root): boolean {
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const chars = toString(node).length;
    if (chars > LIMITS.headingChars) {
      report(file, rules.headingTooLong, { chars, limit: LIMITS.headingChars }, node.position?.start);
      return false;
    }
  }
  return true;
}
