import * as OpenCC from 'opencc-js';
import type { VFile } from 'vfile';
import * as rules from '../diagnostics/rules.js';
import { isOf, report } from '../diagnostics/report.js';
import type { Line } from './model.js';
import { crossDecoded, repairLatin1 } from './garbling.js';
import { PAGE_NUMBER } from './patterns.js';

export interface CleanOptions {
  /** Convert traditional characters to simplified (OpenCC, Taiwan → mainland). */
  simplified?: boolean;
}

/** What clean-up removed on purpose, for the summary. */
export interface CleanStats {
  pageNumbers: number;
  pinyin: number;
  furniture: number;
  decoration: number;
  simplified: number;
  /** Characters decoded back from UTF-8 read as Windows-1252. */
  repaired: number;
}

const BLANK = /[ \t\u00a0\u3000]+/g;
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const SYLLABLE = `(?=[a-zü${TONED}]*[${TONED}])[a-zü${TONED}]{1,7}`;
/** "生產(chǎn)": pinyin with a tone mark in brackets directly after a Han character. */
const PINYIN = new RegExp(`(?<=\\p{Script=Han})[(（](?=[^)）]*[${TONED}])[a-zü${TONED}]{1,7}(?:\\s+[a-zü${TONED}]{1,7}){0,5}[)）]`, 'gu');
/**
 * The same annotation in text a converter garbled: its opening bracket turned into "?"
 * ("輸?shù)"), or it follows a stray Latin letter left by the garbling ("攸c(diǎn)").
 */
const GARBLED_PINYIN = new RegExp(`\\?${SYLLABLE}\\)|(?<=\\p{Script=Han}[A-Za-z?])[(（]${SYLLABLE}[)）]`, 'gu');
/** Chinese characters and the full-width punctuation around them. */
const CJK = String.raw`\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·`;
/** Spaces an extractor put between Chinese characters, or between them and digits. */
const CJK_SPACE = new RegExp(`(?<=[${CJK}])[ \\t\\u00a0\\u3000]+(?=[${CJK}\\d])|(?<=\\d)[ \\t\\u00a0\\u3000]+(?=[${CJK}])`, 'gu');
const RULE = /^(?:[-*_]\s*){3,}$/;
/**
 * An author's space: a short line that is two runs of Han characters with one space between
 * (ASCII or U+3000, or the few spaces -layout makes of it), as in the 公文 heading "强化责任落实
 * 筑牢安全防线". Spaces an extractor put between every character, or at fixed intervals, come
 * many to a line and are not this.
 */
const AUTHOR_SPACE = /^(\p{Script=Han}[\p{Script=Han}、·]*\p{Script=Han})[ \t\u00a0\u3000]{1,4}(\p{Script=Han}[\p{Script=Han}、·]*\p{Script=Han})$/u;
/** Stands for an author's space while the line is cleaned; written as U+3000. */
const KEPT_SPACE = '\ue000';

/** The line with its author's space (AUTHOR_SPACE) as one U+3000, else unchanged. */
export function authorSpace(text: string): string {
  const m = AUTHOR_SPACE.exec(text);
  return m && [...text].length <= 40 ? `${m[1]}\u3000${m[2]}` : text;
}

/** Web page furniture, in simplified and traditional forms. */
const FURNITURE = [
  /^(?:推[荐薦](?:[图圖]文|法[规規]|[阅閱][读讀]|新[闻聞]|文章)|[点點][击擊]排行|相[关關](?:[阅閱][读讀]|新[闻聞]|文章|法[规規])|[热熱]门[文章]*|最新(?:文章|法[规規]))$/,
  /^更多\s*[>＞»]/,
  /^(?:地[区區]|[发發]布[时時][间間]|[浏瀏][览覽](?:次数|次數)?|[点點][击擊](?:次数|次數)?|[阅閱][读讀](?:次数|次數|量)?)\s*[:：]\s*\S{0,20}$/,
  /^(?:(?:反[对對]|[举舉][报報]|收藏|打[赏賞]|分享|[点點][赞贊]|[评評][论論]|支持)\s*\d+\s*)+$/,
  /^\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+\d+$/,
  /^(?:上一篇|下一篇|返回[顶頂]部|打印本[页頁]|[关關][闭閉]窗口|【打印】|【[关關][闭閉]】)/,
  // Breadcrumbs: "您的位置：首页 > 新闻中心 > 工作动态".
  /^(?:您的位置|您现在的位置|您当前的位置|当前位置|所在位置|你的位置|[您你]的位置)\s*[:：]/,
  // Share and reading furniture.
  /^(?:扫一扫在手机(?:上)?打开(?:当前页|本页)?|手机阅读|手机版|手机扫码阅读|分享到\s*[:：]?.*|字号\s*[:：].*|【?字体[:：].*|【大\s*中\s*小】)$/,
  // The page's staff lines: "编辑：张三 审核：李四", "【责任编辑：王五】".
  /^(?:[【\[（(]?\s*(?:责任编辑|编辑|审核|责编|校对|终审|初审|审校|值班编辑)\s*[:：]\s*[^\s，。：:】\]）)]{1,12}\s*[】\]）)]?\s*)+$/,
  // A file name left by a download link: "附件1：…方案.docx" is text, "十大攻坚战工作方案.doc" alone is not.
  /^[^\s\\/:*?"<>|：]{1,80}\.(?:docx?|pdf|wps|xlsx?|txt|html?|jpe?g|png|zip|rar)$/i,
  // A lone separator.
  /^[|｜/\\·•]+$/,
];
const SUMMARY = /^(?:核心提示|内容提要|內容提要|摘要)\s*[:：]\s*/;

let converter: ((text: string) => string) | undefined;
/** Traditional → simplified; built on first use (the dictionaries take a moment to load). */
export function toSimplified(text: string): string {
  const convert = (converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
}

/** toSimplified(), except near a garbled spot (〓, U+FFFD, "?"), whose neighbours are debris. */
function guardedSimplified(text: string): string {
  const simple = toSimplified(text);
  const before = [...text];
  const after = [...simple];
  if (after.length !== before.length) return /[\ufffd〓?]/.test(text) ? text : simple;
  const near = new Set<number>();
  before.forEach((ch, i) => {
    if (/[\ufffd〓?]/.test(ch)) for (let k = i - 3; k <= i + 3; k++) near.add(k);
  });
  return after.map((ch, i) => (near.has(i) ? before[i] : ch)).join('');
}

/**
 * The in-line changes the import makes and declares (its summary counts them), for `--verify`
 * to read the input with: Markdown-ish decoration, pinyin annotations, text decoded back from
 * UTF-8 read as Windows-1252, traditional characters when --simplified. Nothing that parts or
 * joins lines, drops a line or touches spaces.
 */
export function repairLine(text: string, simplified = false): string {
  let s = text.normalize('NFC').replace(/^(\s*)#{1,6}\s+/, '$1').replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2');
  s = repairLatin1(s).text;
  s = s.replace(PINYIN, '').replace(GARBLED_PINYIN, '〓');
  return simplified && !crossDecoded(s) ? guardedSimplified(s) : s;
}

function isFurniture(text: string): boolean {
  return FURNITURE.some((re) => re.test(text));
}

/** Short lines without punctuation after the page's furniture: "鹽池灘羊". */
function isStray(text: string): boolean {
  return [...text].length <= 12 && !/[。！？，、；：,.;:!?]/.test(text);
}

/**
 * Removes what extraction added to the text and keeps what the author wrote: form feeds,
 * page numbers, Markdown-ish decoration, pinyin annotations, spaces between Chinese
 * characters, web page furniture. Returns the lines that are left, each with its input line.
 */
export function clean(text: string, file: VFile, options: CleanOptions = {}): { lines: Line[]; stats: CleanStats } {
  const raw: Line[] = [];
  text.split('\n').forEach((line, index) => {
    line.split('\f').forEach((segment, part) => {
      // A page break parts paragraphs (an empty line) and starts a page.
      if (part > 0) raw.push({ text: '', line: index + 1 });
      raw.push({ text: segment, line: index + 1, ...(part > 0 ? { pageStart: true as const } : {}) });
    });
  });
  markTableRows(raw);
  return cleanLines(raw, file, options);
}

/** A row of a table laid out with spaces (pdftotext -layout): short cells two or more spaces apart. */
function rowCells(text: string): string[] | undefined {
  const cells = text.trim().split(/\s{2,}/);
  return cells.length >= 2 && cells.every((c) => [...c].length <= 12 && !/[。，；：！？]/.test(c)) ? cells : undefined;
}

/** Lines that are rows of one table (two or more with as many cells, blank lines between allowed) become table rows. */
function markTableRows(lines: Line[]): void {
  let group: Array<{ line: Line; cells: string[] }> = [];
  const close = () => {
    if (group.length >= 2) for (const { line, cells } of group) Object.assign(line, { hint: 'row', cells });
    group = [];
  };
  for (const line of lines) {
    if (line.text.trim() === '') continue;
    const cells = rowCells(line.text);
    if (!cells || (group.length > 0 && group[0]!.cells.length !== cells.length)) close();
    if (cells) group.push({ line, cells });
  }
  close();
}

/** clean() of lines already split (a PDF's, a Word file's), keeping what each line was said to be. */
export function cleanLines(lines: Line[], file: VFile, options: CleanOptions = {}): { lines: Line[]; stats: CleanStats } {
  const stats: CleanStats = { pageNumbers: 0, pinyin: 0, furniture: 0, decoration: 0, simplified: 0, repaired: 0 };
  let traditional = 0;
  const out: Line[] = lines.map((entry) =>
    entry.hint === 'row' && entry.cells
      ? { ...entry, text: entry.cells.join(' | '), cells: entry.cells.map((c) => cleanSegment(c.normalize('NFC'), entry.line)) }
      : { ...entry, text: cleanSegment(entry.text.normalize('NFC'), entry.line) },
  );

  function cleanSegment(segment: string, line: number): string {
    let s = segment.replace(/^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+$/g, '');
    if (PAGE_NUMBER.test(s)) {
      stats.pageNumbers++;
      return '';
    }
    if (RULE.test(s)) {
      stats.decoration++;
      return '';
    }
    const undecorated = s.replace(/^#{1,6}\s+/, '').replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2');
    if (undecorated !== s) stats.decoration++;
    s = undecorated;
    const latin = repairLatin1(s);
    if (latin.repaired > 0) {
      stats.repaired += latin.repaired;
      report(file, rules.importMojibake, { count: latin.repaired, lost: latin.lost.length }, { line, column: 1 });
      for (const l of latin.lost) report(file, rules.importGarbled, { text: l.text, count: 1 }, { line, column: l.at + 1 });
      s = latin.text;
    }
    const crossed = crossDecoded(s);
    if (crossed) report(file, rules.importCrossDecoded, { text: crossed.text }, { line, column: crossed.at + 1 });
    s = s.replace(PINYIN, () => (stats.pinyin++, ''));
    const garbled = [...s.matchAll(GARBLED_PINYIN)];
    const first = garbled[0];
    if (first) {
      const at = first.index;
      report(file, rules.importGarbled, { text: s.slice(Math.max(0, at - 4), at + first[0].length + 6), count: garbled.length }, { line, column: segment.indexOf(first[0]) + 1 });
    }
    // What the garbling took is not known: the spot stays marked (〓), as reported above.
    s = s.replace(GARBLED_PINYIN, () => (stats.pinyin++, '〓'));
    if (s.includes('\ufffd')) {
      report(file, rules.importGarbled, { count: 1 }, { line, column: s.indexOf('\ufffd') + 1 });
    }
    // Never convert what is garbled: OpenCC would turn debris into real-looking characters
    // ("棧顒" → "栈颙"). Characters within three of a marked spot (〓, �, ?) keep their form.
    const simple = crossed ? s : guardedSimplified(s);
    if (simple !== s) {
      const changed = [...s].filter((ch, i) => ch !== [...simple][i]).length;
      if (options.simplified) {
        stats.simplified += changed;
        s = simple;
      } else traditional += changed;
    }
    if (AUTHOR_SPACE.test(s) && [...s].length <= 40) s = authorSpace(s).replace('\u3000', KEPT_SPACE);
    s = s.replace(CJK_SPACE, '').replace(BLANK, ' ').replace(KEPT_SPACE, '\u3000');
    if (isFurniture(s)) {
      stats.furniture++;
      report(file, rules.importFurniture, { kind: 'line', text: s }, { line, column: 1 });
      return '';
    }
    return s;
  }

  dropSummaries(out, file, stats);
  dropTrailingJunk(out, file, stats);
  dropRunningHeads(out, file, stats);
  if (traditional > 0) {
    report(file, rules.importTraditional, { count: traditional }, { line: 1, column: 1 });
  }
  return { lines: out, stats };
}

/** "核心提示:…" repeating the start of the text that follows is a page's summary box. */
function dropSummaries(lines: Line[], file: VFile, stats: CleanStats): void {
  lines.forEach((entry, i) => {
    const m = SUMMARY.exec(entry.text);
    if (!m) return;
    const next = lines.slice(i + 1).find((l) => l.text !== '');
    const rest = entry.text.slice(m[0].length);
    if (next && next.text.length >= 4 && rest.startsWith(next.text)) {
      report(file, rules.importFurniture, { kind: 'summary', text: entry.text.slice(0, 12) }, { line: entry.line, column: 1 });
      stats.furniture++;
      entry.text = '';
    }
  });
}

/**
 * A running head: the same short line at the top of two or more pages (after a form feed),
 * the masthead's name or the issue repeated by the print; dropped on every page but the first.
 */
function dropRunningHeads(lines: Line[], file: VFile, stats: CleanStats): void {
  // Page tops: the first line with text from each page start on (a page number cleaned away
  // at the very top leaves the next line on top).
  const tops: Line[] = [];
  let atTop = false;
  for (const entry of lines) {
    if (entry.pageStart) atTop = true;
    if (entry.text !== '' && atTop) {
      tops.push(entry);
      atTop = false;
    }
  }
  const seen = new Map<string, number>();
  for (const t of tops) if ([...t.text].length <= 30) seen.set(t.text, (seen.get(t.text) ?? 0) + 1);
  for (const t of tops) {
    if ((seen.get(t.text) ?? 0) < 2) continue;
    report(file, rules.importFurniture, { kind: 'running', text: t.text }, { line: t.line, column: 1 });
    stats.furniture++;
    t.text = '';
  }
}

/** After the page's last furniture, short stray lines to the end are junk too. */
function dropTrailingJunk(lines: Line[], file: VFile, stats: CleanStats): void {
  const removed = new Set(
    file.messages.filter((m) => isOf(m, rules.importFurniture) && m.line !== undefined).map((m) => m.line as number),
  );
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const entry = lines[i] as Line;
    if (entry.text === '' && removed.has(entry.line)) start = i;
    else if (entry.text !== '' && !isStray(entry.text)) break;
  }
  if (start === lines.length) return;
  for (const entry of lines.slice(start)) {
    if (entry.text === '') continue;
    report(file, rules.importFurniture, { kind: 'trailing', text: entry.text }, { line: entry.line, column: 1 });
    stats.furniture++;
    entry.text = '';
  }
}
