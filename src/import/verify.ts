import { diffChars } from 'diff';
import { parse as parseYaml } from 'yaml';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { defaultConfig } from '../config/schema.js';
import { chineseDate } from '../model/dates.js';
import * as rules from '../diagnostics/rules.js';
import { report } from '../diagnostics/report.js';
import type { ImportModel, Line } from './model.js';
import { copiesLine, dateLine, distributionLine, normaliseDates, officeLine, printedLine, tocBlock } from './patterns.js';

/** At most this many differences are listed for one file. */
const MAX_DIFFERENCES = 20;

/** Text as compared: no white space, full-width forms folded (NFKC), dates in one form. */
function canon(text: string): string {
  const s = normaliseDates(text.normalize('NFKC').replace(/\s+/g, ''));
  const d = distributionLine(s);
  if (!d) return s;
  const items = d.text.replace(/[。.]$/, '').split(/[,，。;；]/).filter(Boolean);
  return `${d.label}:${items.join(',')}。`;
}

/** An input line as compared: a dateline's time of day is dropped on purpose. */
function canonLine(text: string): string {
  const date = dateLine(text);
  return date ? canon(chineseDate(date.date)) : canon(text);
}

interface Piece {
  field: string;
  texts: string[];
  required: boolean;
  /** May be part of a line ("江西省…办公室2021年6月25日印发"), not only a whole line. */
  partial: boolean;
  from: 'top' | 'bottom';
}

type Front = Record<string, unknown>;

/** What the front matter prints, line by line, with the preset's defaults filled in. */
function pieces(f: Front): Piece[] {
  // A value still 【待补】 was not found in the original: it prints nothing to compare.
  const str = (v: unknown): string | undefined => (typeof v === 'string' && !/^【待[^】]*】$/u.test(v) ? v : undefined);
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const out: Piece[] = [];
  const add = (field: string, texts: Array<string | undefined>, required: boolean, from: 'top' | 'bottom') => {
    const present = texts.filter((t): t is string => t !== undefined && t !== '');
    const partial = required || field === 'printed' || field === 'date';
    if (present.length) out.push({ field, texts: present.map(canon), required, partial, from });
  };
  add('marker', [str(f.marker) ?? defaultConfig.marker], f.marker !== undefined, 'top');
  add('title', [str(f.title) ?? defaultConfig.title], f.title !== undefined, 'top');
  const issue = num(f.issue);
  const total = num(f.total);
  if (issue !== undefined && total !== undefined) add('issue', [`第${issue}期（总第${total}期）`], true, 'top');
  else if (issue !== undefined) add('issue', [`第${issue}期`], true, 'top');
  else if (total !== undefined) add('total', [`总第${total}期`], true, 'top');
  const series = f.series as { name?: unknown; number?: unknown } | undefined;
  if (series && str(series.name)) add('series', [`${str(series.name)}（${num(series.number) ?? ''}）`], true, 'top');
  const date = str(f.date);
  if (date) add('date', [chineseDate(date)], true, 'top');
  add('publisher', [str(f.publisher) ?? defaultConfig.publisher], false, 'top');
  const copies = num(f.copies);
  if (copies !== undefined) add('copies', [`共印${copies}份`, `（共印${copies}份）`], true, 'bottom');
  const printed = str(f.printed) ?? date;
  if (printed) add('printed', [`${chineseDate(printed)}印发`], f.printed !== undefined, 'bottom');
  add('publisher', [str(f.publisher) ?? defaultConfig.publisher], false, 'bottom');
  const distribution = (f.distribution ?? {}) as Record<string, unknown>;
  for (const [label, value] of Object.entries(distribution).reverse()) {
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    const joined = list.join('，');
    add('distribution', [`${label}：${/[。！？]$/.test(joined) ? joined : `${joined}。`}`], true, 'bottom');
  }
  return out;
}

/** Removes a piece from the first line (from the top or the bottom) that holds it. */
function take(lines: Array<{ text: string; line: number }>, piece: Piece): boolean {
  const order = piece.from === 'top' ? lines.map((_, i) => i) : lines.map((_, i) => lines.length - 1 - i);
  for (const i of order) {
    const entry = lines[i] as { text: string; line: number };
    for (const t of piece.texts) {
      if (entry.text === t) {
        lines.splice(i, 1);
        return true;
      }
      if (piece.partial && entry.text.startsWith(t)) {
        entry.text = entry.text.slice(t.length);
        return true;
      }
      if (piece.partial && entry.text.endsWith(t)) {
        entry.text = entry.text.slice(0, -t.length);
        return true;
      }
    }
  }
  return false;
}

/** The input without its 本期要目 block, which the template makes from the titles (not kept in the source). */
function withoutToc(lines: Line[]): Line[] {
  const toc = tocBlock(lines);
  return toc ? [...lines.slice(0, toc.at), ...lines.slice(toc.end)] : lines;
}

/** A distribution line continued on the next lines (until its "。") as one line. */
function joinDistribution(lines: Line[]): Line[] {
  const out: Line[] = [];
  let open: Line | undefined;
  for (const entry of lines) {
    const t = entry.text.trim();
    const colophon = distributionLine(t) || printedLine(t) || copiesLine(t) || officeLine(t);
    if (open && !colophon) {
      open.text += t;
    } else {
      open = distributionLine(t) ? { ...entry } : undefined;
      out.push(open ?? entry);
    }
    if (open && /[。.]$/.test(open.text)) open = undefined;
  }
  return out;
}

const markdown = unified().use(remarkParse).use(remarkGfm, { singleTilde: false });

function show(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Compares the written source (front matter as printed + body text) with the cleaned input,
 * ignoring white space. Each difference is an error on the input file at the input line.
 * Returns the number of differences.
 */
export function verify(source: string, input: Line[], file: VFile): number {
  const { front, body } = splitWritten(source);
  const rows = input.map((l) => (l.hint === 'row' && l.cells ? { ...l, text: l.cells.join('') } : l));
  const lines = joinDistribution(withoutToc(rows.filter((l) => l.text.trim() !== ''))).map((l) => ({ text: canonLine(l.text), line: l.line }));
  let differences = 0;
  const fail = (args: Parameters<typeof rules.importVerify.message.zh>[0], line: number) => {
    differences++;
    if (differences <= MAX_DIFFERENCES) report(file, rules.importVerify, args, { line, column: 1 });
  };

  let publisherTaken = false;
  for (const piece of pieces(front)) {
    const taken = take(lines, piece);
    if (piece.field === 'publisher') publisherTaken ||= taken;
    else if (!taken && piece.required) fail({ kind: 'field', field: piece.field, text: piece.texts[0] ?? '' }, 1);
  }
  if (front.publisher !== undefined && !publisherTaken) fail({ kind: 'publisher', text: String(front.publisher) }, 1);

  const remaining = lines.filter((l) => l.text !== '');
  const a = remaining.map((l) => l.text).join('');
  const lineAt: number[] = remaining.flatMap((l) => Array.from({ length: l.text.length }, () => l.line));
  const tree = markdown.parse(body) as Root;
  const b = tree.children.map((node) => canon(toString(node))).join('');

  const changes = diffChars(a, b) ?? [];
  let offset = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (!change) continue;
    const line = lineAt[Math.min(offset, lineAt.length - 1)] ?? 1;
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      fail({ kind: 'changed', text: show(change.value), other: show(next.value) }, line);
      offset += change.value.length;
      i++;
    } else if (change.removed) {
      fail({ kind: 'lost', text: show(change.value) }, line);
      offset += change.value.length;
    } else if (change.added) {
      fail({ kind: 'added', text: show(change.value) }, line);
    } else offset += change.value.length;
  }
  if (differences > MAX_DIFFERENCES) {
    report(file, rules.importVerify, { kind: 'more', count: differences - MAX_DIFFERENCES }, { line: 1, column: 1 });
  }
  return differences;
}

/** The written source's front matter and Markdown body. */
function splitWritten(source: string): { front: Front; body: string } {
  const m = /^---\n([\s\S]*?)\n?---\n([\s\S]*)$/.exec(source);
  return { front: ((m ? parseYaml(m[1] ?? '') : {}) ?? {}) as Front, body: m ? (m[2] ?? '') : source };
}

/** One article's structure as counted for --verify. */
interface Shape {
  title: string;
  headings: number;
  paragraphs: number;
  tables: number;
  figures: number;
}

/** The structure of a parsed source, article by article, as the import model counts it. */
function shapesOf(tree: Root): Shape[] {
  const articles: Shape[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      articles.push({ title: toString(node).replace(/\s+/g, ''), headings: 0, paragraphs: 0, tables: 0, figures: 0 });
      continue;
    }
    const a = articles.at(-1);
    if (!a) continue;
    if (node.type === 'heading') a.headings++;
    else if (node.type === 'table') a.tables++;
    else if (node.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'image') a.figures++;
    else if (node.type === 'paragraph' || node.type === 'blockquote') a.paragraphs++;
    else a.paragraphs += 1000; // a list or code block the import never writes: a difference
  }
  return articles;
}

/** The same structure of what the import recognised (a subtitle is written as a paragraph). */
function shapesOfModel(model: ImportModel): Shape[] {
  return model.articles.map((a) => {
    const count = (type: string) => a.blocks.filter((b) => b.type === type).length;
    return {
      title: (a.title ?? '【待补】标题').replace(/\s+/g, ''),
      headings: count('heading'),
      paragraphs: count('paragraph') + (a.subtitle !== undefined ? 1 : 0),
      tables: count('table'),
      figures: count('figure'),
    };
  });
}

/** What --verify compares, by the names it reports them under. */
function summary(shapes: Shape[]): Record<string, string> {
  return {
    文章数: String(shapes.length),
    标题: shapes.map((a) => a.title).join(' / '),
    小标题数: shapes.map((a) => a.headings).join(','),
    段落数: shapes.map((a) => a.paragraphs).join(','),
    表格数: shapes.map((a) => a.tables).join(','),
    插图数: shapes.map((a) => a.figures).join(','),
  };
}

/**
 * Compares the structure the import recognised (articles, titles, headings, paragraphs,
 * tables, figures, distribution lines) with the structure of the source as written, read back
 * as Markdown: a paragraph that Markdown reads as a list or a heading, a title lost, a table
 * that did not survive are failures. Returns the number of differences.
 */
export function verifyStructure(source: string, model: ImportModel, file: VFile): number {
  const { front, body } = splitWritten(source);
  const written = summary(shapesOf(markdown.parse(body) as Root));
  let differences = 0;
  for (const [field, value] of Object.entries(summary(shapesOfModel(model)))) {
    if (written[field] === value) continue;
    differences++;
    report(file, rules.importVerify, { kind: 'structure', field, text: value, other: written[field] ?? '' }, { line: 1, column: 1 });
  }
  const lines = (d: unknown) => Object.keys((d ?? {}) as object).join('、');
  if (lines(front.distribution) !== lines(model.front.distribution)) {
    differences++;
    report(file, rules.importVerify, { kind: 'structure', field: '报尾各行', text: lines(model.front.distribution), other: lines(front.distribution) }, { line: 1, column: 1 });
  }
  return differences;
}
