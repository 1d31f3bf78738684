import * as OpenCC from 'opencc-js';
import type { VFile } from 'vfile';
import * as rules from '../diagnostics/rules.js';
import { report } from '../diagnostics/report.js';
import type { Line } from './model.js';

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
}

const BLANK = /[ \t\u00a0\u3000]+/g;
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const SYLLABLE = `(?=[a-zü${TONED}]*[${TONED}])[a-zü${TONED}]{1,7}`;
/** "生產(chǎn)": pinyin with a tone mark in brackets directly after a Han character. */
const PINYIN = new RegExp(`(?<=\\p{Script=Han})[(（]${SYLLABLE}[)）]`, 'gu');
/**
 * The same annotation in text a converter garbled: its opening bracket turned into "?"
 * ("輸?shù)"), or it follows a stray Latin letter left by the garbling ("攸c(diǎn)").
 */
const GARBLED_PINYIN = new RegExp(`\\?${SYLLABLE}\\)|(?<=\\p{Script=Han}[A-Za-z?])[(（]${SYLLABLE}[)）]`, 'gu');
/** Chinese characters and the full-width punctuation around them. */
const CJK = String.raw`\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·`;
/** Spaces an extractor put between Chinese characters, or between them and digits. */
const CJK_SPACE = new RegExp(`(?<=[${CJK}])[ \\t\\u00a0\\u3000]+(?=[${CJK}\\d])|(?<=\\d)[ \\t\\u00a0\\u3000]+(?=[${CJK}])`, 'gu');
/** "— 3 —", "- 3 -", "第 3 页 共 8 页". */
const PAGE_NUMBER = /^(?:[—–－-]+\s*\d{1,4}\s*[—–－-]+|第\s*\d{1,4}\s*[页頁](?:\s*[，,/]?\s*共\s*\d{1,4}\s*[页頁])?)$/;
const RULE = /^(?:[-*_]\s*){3,}$/;

/** Web page furniture, in simplified and traditional forms. */
const FURNITURE = [
  /^(?:推[荐薦](?:[图圖]文|法[规規]|[阅閱][读讀]|新[闻聞]|文章)|[点點][击擊]排行|相[关關](?:[阅閱][读讀]|新[闻聞]|文章|法[规規])|[热熱]门[文章]*|最新(?:文章|法[规規]))$/,
  /^更多\s*[>＞»]/,
  /^(?:地[区區]|[发發]布[时時][间間]|[浏瀏][览覽](?:次数|次數)?|[点點][击擊](?:次数|次數)?|[阅閱][读讀](?:次数|次數|量)?)\s*[:：]\s*\S{0,20}$/,
  /^(?:(?:反[对對]|[举舉][报報]|收藏|打[赏賞]|分享|[点點][赞贊]|[评評][论論]|支持)\s*\d+\s*)+$/,
  /^\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+\d+$/,
  /^(?:上一篇|下一篇|返回[顶頂]部|打印本[页頁]|[关關][闭閉]窗口|【打印】|【[关關][闭閉]】)/,
];
const SUMMARY = /^(?:核心提示|内容提要|內容提要|摘要)\s*[:：]\s*/;

let converter: ((text: string) => string) | undefined;
/** Traditional → simplified; built on first use (the dictionaries take a moment to load). */
export function toSimplified(text: string): string {
  const convert = (converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
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
  const stats: CleanStats = { pageNumbers: 0, pinyin: 0, furniture: 0, decoration: 0, simplified: 0 };
  const out: Line[] = [];
  let traditional = 0;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    raw.split('\f').forEach((segment, part) => {
      if (part > 0) out.push({ text: '', line });
      out.push({ text: cleanSegment(segment.normalize('NFC'), line), line });
    });
  });

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
    s = s.replace(PINYIN, () => (stats.pinyin++, ''));
    const garbled = [...s.matchAll(GARBLED_PINYIN)];
    const first = garbled[0];
    if (first) {
      const at = first.index;
      report(file, rules.importGarbled, { text: s.slice(Math.max(0, at - 4), at + first[0].length + 6), count: garbled.length }, { line, column: segment.indexOf(first[0]) + 1 });
    }
    s = s.replace(GARBLED_PINYIN, () => (stats.pinyin++, ''));
    if (s.includes('\ufffd')) {
      report(file, rules.importGarbled, { count: 1 }, { line, column: s.indexOf('\ufffd') + 1 });
    }
    const simple = toSimplified(s);
    if (simple !== s) {
      const changed = [...s].filter((ch, i) => ch !== [...simple][i]).length;
      if (options.simplified) {
        stats.simplified += changed;
        s = simple;
      } else traditional += changed;
    }
    s = s.replace(CJK_SPACE, '').replace(BLANK, ' ');
    if (isFurniture(s)) {
      stats.furniture++;
      report(file, rules.importFurniture, { kind: 'line', text: s }, { line, column: 1 });
      return '';
    }
    return s;
  }

  dropSummaries(out, file, stats);
  dropTrailingJunk(out, file, stats);
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

/** After the page's last furniture, short stray lines to the end are junk too. */
function dropTrailingJunk(lines: Line[], file: VFile, stats: CleanStats): void {
  const removed = new Set(
    file.messages.filter((m) => m.ruleId === 'import-furniture' && m.line !== undefined).map((m) => m.line as number),
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
