import type { VFile } from 'vfile';
import * as rules from '../diagnostics/rules.js';
import { report } from '../diagnostics/report.js';
import type { FrontField, ImportModel, ImportedArticle, ImportedFront, Line } from './model.js';
import { headingLike, paragraphs, printedWidth, type Unit } from './paragraphs.js';
import {
  HEADING_END,
  MARKERS,
  NUMBER,
  STARTS_BLOCK,
  copiesLine,
  dateLine,
  distributionLine,
  headingDepth,
  issueLine,
  mastheadTitle,
  officeDateLine,
  officeLine,
  printedLine,
  seriesLine,
  sourceLine,
  tocBlock,
} from './patterns.js';

type Setter = <K extends FrontField>(key: K, value: ImportedFront[K], line: number) => void;

/** How far into the text a masthead may reach, in non-blank lines. */
const MASTHEAD_REACH = 12;

/**
 * Reads the structure of a cleaned legacy text: the masthead (marker, title, numbers, 专刊,
 * office, date), the articles (titles, "——" subtitles, section headings, paragraphs) and the
 * colophon (distribution, 印发 date, copies). Unrecognised lines become paragraphs with a
 * warning; fields not found are left out with a warning.
 */
export function recognise(lines: Line[], file: VFile): ImportModel {
  const model: ImportModel = { front: {}, found: {}, articles: [] };
  const set: Setter = (key, value, line) => {
    if (model.front[key] !== undefined || value === undefined) return;
    model.front[key] = value;
    model.found[key] = line;
  };
  const { end, leftovers } = masthead(lines, set, file);
  const start = colophon(lines, end, model, set, file);
  const units = paragraphs(lines.slice(end, start), file);
  const { rest, toc } = tableOfContents([...leftovers, ...units]);
  structure(rest, model, set, file);
  authorSpaces(model);
  if (toc) checkToc(toc, model, file);
  missing(model, file);
  return model;
}

function nonBlank(lines: Line[], from = 0): number[] {
  const out: number[] = [];
  for (let i = from; i < lines.length; i++) if ((lines[i] as Line).text !== '') out.push(i);
  return out;
}

function unrecognised(file: VFile, entry: Line, where: 'masthead' | 'colophon' | 'body'): void {
  report(file, rules.importUnrecognised, { where, text: entry.text.slice(0, 30) }, { line: entry.line, column: 1 });
}

/** The masthead: everything up to the 期号/专刊 lines and the office and date after them. */
function masthead(lines: Line[], set: Setter, file: VFile): { end: number; leftovers: Unit[] } {
  const all = nonBlank(lines);
  const text = (k: number): string => (lines[all[k] as number] as Line).text;
  const reach = Math.min(all.length, MASTHEAD_REACH);
  let strong = -1;
  for (let k = 0; k < reach && strong < 0; k++) if (issueLine(text(k))) strong = k;
  for (let k = 0; k < reach && strong < 0; k++) if (seriesLine(text(k))) strong = k;
  // The 专刊 line follows the 期号 line.
  for (let k = strong + 1; strong >= 0 && k <= strong + 2 && k < reach; k++) if (seriesLine(text(k))) strong = k;
  if (strong < 0) {
    const first = all[0] === undefined ? undefined : (lines[all[0]] as Line);
    if (first && MARKERS.test(first.text)) {
      set('marker', first.text, first.line);
      return { end: (all[0] as number) + 1, leftovers: [] };
    }
    return { end: 0, leftovers: [] };
  }
  let last = strong;
  for (let k = strong + 1; k < all.length; k++) {
    const t = text(k);
    if (!officeLine(t) && !dateLine(t) && !officeDateLine(t)) break;
    last = k;
    if (dateLine(t) || officeDateLine(t)) break;
  }
  const leftovers: Unit[] = [];
  for (let k = 0; k <= last; k++) {
    const entry = lines[all[k] as number] as Line;
    const t = entry.text;
    const issue = issueLine(t);
    const series = seriesLine(t);
    const officeDate = officeDateLine(t);
    const date = dateLine(t);
    if (MARKERS.test(t)) set('marker', t, entry.line);
    else if (issue) {
      set('issue', issue.issue, entry.line);
      set('total', issue.total, entry.line);
    } else if (series) set('series', series, entry.line);
    else if (officeDate) {
      set('publisher', officeDate.office, entry.line);
      set('date', officeDate.date, entry.line);
    } else if (date) set('date', date.date, entry.line);
    else if (officeLine(t) && !mastheadTitle(t)) set('publisher', t, entry.line);
    else if (mastheadTitle(t) || (k + 1 <= last && issueLine(text(k + 1)))) set('title', t, entry.line);
    else {
      unrecognised(file, entry, 'masthead');
      leftovers.push({ text: t, line: entry.line });
    }
  }
  return { end: (all[last] as number) + 1, leftovers };
}

interface Colophon {
  distribution: Array<{ label: string; text: string; line: number; open: boolean }>;
  printed?: { date: string; line: number };
  office?: { name: string; line: number };
  copies?: { count: number; line: number };
}

/** Reads the lines from `start` to the end as a colophon, or says they are not one. */
function readColophon(lines: Line[], positions: number[]): Colophon | undefined {
  const c: Colophon = { distribution: [] };
  for (const i of positions) {
    const { text: t, line } = lines[i] as Line;
    const d = distributionLine(t);
    const printed = printedLine(t);
    const copies = copiesLine(t);
    const open = c.distribution.at(-1);
    if (d) c.distribution.push({ label: d.label, text: d.text, line, open: !/[。.]$/.test(d.text) });
    else if (printed) {
      c.printed = { date: printed.date, line };
      if (printed.office) c.office = { name: printed.office, line };
      if (printed.copies) c.copies = { count: printed.copies, line };
    } else if (copies) c.copies = { count: copies, line };
    else if (officeLine(t)) c.office = { name: t, line };
    else if (open?.open && !c.printed && [...t].length <= 80) {
      open.text += t;
      open.open = !/[。.]$/.test(t);
    } else return undefined;
  }
  return c.distribution.length || c.printed ? c : undefined;
}

function distributionValue(text: string): string | string[] {
  const body = text.replace(/[。.]$/, '');
  const items = body
    .split(/[，,。；;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 1 ? items : (items[0] ?? body);
}

/** The colophon at the end: 抄报/分送/抄送 lines, office, 印发 date, copies. Returns where it starts. */
function colophon(lines: Line[], from: number, model: ImportModel, set: Setter, file: VFile): number {
  const all = nonBlank(lines, from);
  for (let p = 0; p < all.length; p++) {
    const t = (lines[all[p] as number] as Line).text;
    if (!distributionLine(t) && !printedLine(t) && !officeLine(t)) continue;
    const c = readColophon(lines, all.slice(p));
    if (!c) continue;
    const distribution: Record<string, string | string[]> = {};
    for (const d of c.distribution) {
      if (d.text.trim() === '') {
        report(file, rules.importEmptyDistribution, { label: d.label }, { line: d.line, column: 1 });
        continue;
      }
      const value = distributionValue(d.text);
      const before = distribution[d.label];
      distribution[d.label] = before === undefined ? value : [before, value].flat();
      if (model.found.distribution === undefined) model.found.distribution = d.line;
    }
    if (Object.keys(distribution).length) model.front.distribution = distribution;
    if (c.office) {
      const publisher = model.front.publisher;
      if (publisher === undefined) set('publisher', c.office.name, c.office.line);
      else if (publisher !== c.office.name) {
        report(file, rules.importOfficeDiffers, { office: c.office.name, publisher }, { line: c.office.line, column: 1 });
      }
    }
    if (c.printed) set('printed', c.printed.date, c.printed.line);
    if (c.copies) set('copies', c.copies.count, c.copies.line);
    return all[p] as number;
  }
  return lines.length;
}

/** Lines shaped like masthead or colophon material that turn up inside the body. */
function looksMisplaced(text: string): boolean {
  return Boolean(issueLine(text) || seriesLine(text) || distributionLine(text) || printedLine(text) || copiesLine(text));
}

function titleOf(text: string): { title: string; subtitle?: string } {
  const at = text.indexOf('——');
  return at > 0 ? { title: text.slice(0, at), subtitle: text.slice(at) } : { title: text };
}

function isSubtitle(text: string): boolean {
  return text.startsWith('——') && [...text].length <= 60 && !/[。！？]$/.test(text);
}

/** Articles, subtitles, section headings and paragraphs from the body's paragraphs. */
function structure(units: Unit[], model: ImportModel, set: Setter, file: VFile): void {
  let article: ImportedArticle | undefined;
  let lastWasSource = false;
  const open = (unit: Unit): ImportedArticle => {
    const { title, subtitle } = titleOf(unit.text);
    article = { title, line: unit.line, blocks: [], ...(subtitle ? { subtitle } : {}) };
    model.articles.push(article);
    return article;
  };
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as Unit;
    const next = units[i + 1];
    const t = unit.text;
    if (!article) {
      if (unit.hint ? unit.hint === 'title' : headingLike(t, 100) && !looksMisplaced(t)) {
        open(unit);
        continue;
      }
      report(file, rules.importMissingTitle, {}, { line: unit.line, column: 1 });
      article = { line: unit.line, blocks: [] };
      model.articles.push(article);
    }
    const current: ImportedArticle = article;
    // A title printed over two lines comes as two short lines (pdftotext): the second, neither
    // a subtitle nor a sentence, right under the first and as long as it within three
    // characters (titles are set balanced), continues it.
    const balanced = current.title !== undefined && [...current.title].length >= 8 && Math.abs([...current.title].length - [...t].length) <= 3;
    if (!unit.hint && balanced && current.blocks.length === 0 && current.subtitle === undefined && units[i - 1]?.text === current.title && headingLike(t) && !STARTS_BLOCK.test(t) && next && !headingLike(next.text)) {
      current.title += t;
      continue;
    }
    if (current.title !== undefined && current.blocks.length === 0) {
      if (current.subtitle === undefined && isSubtitle(t)) {
        current.subtitle = t;
        continue;
      }
      const date = dateLine(t);
      if (date && model.front.date === undefined) {
        set('date', date.date, unit.line);
        if (date.time) {
          report(file, rules.importTimeDropped, { text: t, date: date.date, time: date.time }, { line: unit.line, column: 1 });
        }
        continue;
      }
    }
    if (unit.hint) {
      hinted(unit, current, open);
      lastWasSource = unit.hint === 'paragraph' && sourceLine(t);
      continue;
    }
    const table = tableRun(units, i);
    if (table) {
      current.blocks.push({ type: 'table', text: '', rows: table.rows, line: unit.line });
      i += table.used - 1;
      lastWasSource = false;
      continue;
    }
    if (FIGURE.test(t)) {
      current.blocks.push({ type: 'figure', text: t, line: unit.line });
      continue;
    }
    if (looksMisplaced(t)) {
      unrecognised(file, unit, 'body');
      current.blocks.push({ type: 'paragraph', text: t, line: unit.line });
    } else if (headingLike(t) && !(next && (dateLine(next.text) || looksMisplaced(next.text)))) {
      const startsArticle = lastWasSource || t.indexOf('——') > 0 || (next !== undefined && isSubtitle(next.text));
      if (startsArticle) open(unit);
      else current.blocks.push({ type: 'heading', depth: headingDepth(t), text: t, line: unit.line });
    } else {
      current.blocks.push({ type: 'paragraph', text: t, line: unit.line });
    }
    lastWasSource = sourceLine(t);
  }
}

/** A figure's caption: "图1 各设区市演练场次". */
const FIGURE = /^图\s*\d+[\s.．:：、]*[^\s。！？；]{1,30}$/u;

/**
 * A table whose cells came one per line (pdftotext without -layout): a run of six or more very
 * short lines that reads as a header and two or more rows of as many cells, each column all
 * numbers or all words, and at least one of numbers. Returns the rows and the units used.
 */
function tableRun(units: Unit[], from: number): { rows: string[][]; used: number } | undefined {
  let end = from;
  while (end < units.length && !units[end]!.hint && printedWidth(units[end]!.text) <= 10 && !HEADING_END.test(units[end]!.text) && !STARTS_BLOCK.test(units[end]!.text) && !sourceLine(units[end]!.text)) end++;
  for (let length = end - from; length >= 6; length--) {
    const cells = units.slice(from, from + length).map((u) => u.text.trim());
    for (let columns = 2; columns <= 6; columns++) {
      if (length % columns !== 0 || length / columns < 3) continue;
      const rows = Array.from({ length: length / columns }, (_, r) => cells.slice(r * columns, (r + 1) * columns));
      const [header, ...body] = rows;
      if (!header || header.some((c) => NUMBER.test(c))) continue;
      const numeric = header.map((_, c) => body.every((row) => NUMBER.test(row[c] ?? '')));
      const words = header.map((_, c) => body.every((row) => !NUMBER.test(row[c] ?? '')));
      if (numeric.some(Boolean) && numeric.every((n, c) => n || words[c])) return { rows, used: length };
    }
  }
  return undefined;
}

/**
 * The 本期要目 block the masthead is followed by: its heading and its "◆" entries. It is what
 * the template prints from the titles, not an article: it is taken out, and compared with the
 * titles found.
 */
function tableOfContents(units: Unit[]): { rest: Unit[]; toc?: { line: number; entries: string[] } } {
  const toc = tocBlock(units);
  if (!toc || toc.at > 3) return { rest: units };
  return { rest: [...units.slice(0, toc.at), ...units.slice(toc.end)], toc: { line: units[toc.at]!.line, entries: toc.entries } };
}

function checkToc(toc: { line: number; entries: string[] }, model: ImportModel, file: VFile): void {
  const squash = (s: string) => s.replace(/\s+/g, '');
  const titles = model.articles.map((a) => squash(a.title ?? ''));
  const entries = toc.entries.map(squash);
  if (entries.length === titles.length && entries.every((e, i) => e === titles[i])) return;
  report(file, rules.importTocMismatch, { entries: toc.entries, titles: model.articles.map((a) => a.title ?? '') }, { line: toc.line, column: 1 });
}

/** A unit whose input said what it is: a title opens an article; headings, paragraphs, table rows and captions join the current one. */
function hinted(unit: Unit, current: ImportedArticle, open: (unit: Unit) => ImportedArticle): void {
  const last = current.blocks.at(-1);
  switch (unit.hint) {
    case 'title':
      open(unit);
      return;
    case 'heading':
    case 'heading3':
      current.blocks.push({ type: 'heading', depth: unit.hint === 'heading3' ? 3 : 2, text: unit.text, line: unit.line });
      return;
    case 'row':
      if (last?.type === 'table' && last.rows) last.rows.push(unit.cells ?? [unit.text]);
      else current.blocks.push({ type: 'table', text: '', rows: [unit.cells ?? [unit.text]], line: unit.line });
      return;
    case 'figure':
      current.blocks.push({ type: 'figure', text: unit.text, line: unit.line, ...(unit.image ? { image: unit.image } : {}) });
      return;
    default:
      current.blocks.push({ type: 'paragraph', text: unit.text, line: unit.line });
  }
}

/** A space kept between Han characters (clean.ts authorSpace), outside a title or heading: not the author's. */
const KEPT = /(?<=\p{Script=Han})\u3000(?=\p{Script=Han})/gu;
const PHRASE = /^\p{Script=Han}[\p{Script=Han}、·]*\p{Script=Han}$/u;

/**
 * Author's spaces belong to titles and headings only; in body text, a subtitle, a table or the
 * distribution they were the extractor's and go. A heading whose two phrases pdftotext put on lines of their
 * own (it parts a line at a wide gap) is one heading again: two phrases of Han characters, the
 * second right after the first with nothing between, as short together as a heading.
 */
function authorSpaces(model: ImportModel): void {
  const distribution = model.front.distribution;
  if (distribution) for (const [label, value] of Object.entries(distribution)) distribution[label] = Array.isArray(value) ? value.map((v) => v.replace(KEPT, '')) : value.replace(KEPT, '');
  for (const article of model.articles) {
    if (article.subtitle !== undefined) article.subtitle = article.subtitle.replace(KEPT, '');
    const blocks: ImportedArticle['blocks'] = [];
    for (const block of article.blocks) {
      if (block.type === 'paragraph' || block.type === 'figure') block.text = block.text.replace(KEPT, '');
      if (block.rows) block.rows = block.rows.map((r) => r.map((c) => c.replace(KEPT, '')));
      const last = blocks.at(-1);
      if (block.type === 'heading' && last?.type === 'heading' && last.depth === block.depth && PHRASE.test(last.text) && PHRASE.test(block.text) && [...last.text].length + [...block.text].length < 30) {
        last.text += `\u3000${block.text}`;
        continue;
      }
      blocks.push(block);
    }
    article.blocks = blocks;
  }
}

const REQUIRED = ['issue', 'total', 'date'] as const;

function missing(model: ImportModel, file: VFile): void {
  for (const key of REQUIRED) {
    if (model.front[key] !== undefined) continue;
    report(file, rules.importMissingField, { key }, { line: 1, column: 1 });
  }
}
