/**
 * The proofreading rules (GB/T 15834-2011 标点符号用法, GB/T 15835-2011 出版物上数字用法, and the
 * habits of 公文 editing): one table, each rule a catalogue rule (diagnostics/rules.ts) with typed
 * arguments, a wrong and a right example, and a check over one paragraph's text. A check may
 * offer a safe rewrite (`fix`), which `bulletin check --fix` applies.
 */

import type { Lang, Rule } from '../diagnostics/rules.js';
import { CONFUSABLES, SOURCES, type SourceKey } from './confusables.js';

export type Severity = 'error' | 'warning';
export type LintGroup = '标点' | '序次语' | '数字与日期' | '用词' | '未完成';

export interface Finding<A> {
  /** Offset in the run's text. */
  index: number;
  length: number;
  /** Arguments of the message. */
  args: A;
  /** The safe rewrite of text[index, index + length), when there is one. */
  fix?: string;
}

export interface RunContext {
  /** paragraph, heading (depth 1 = article title), tableCell */
  kind: 'paragraph' | 'heading' | 'tableCell';
  depth?: number;
  /** The issue's date (YYYY-MM-DD) when the front matter has one. */
  date?: string;
  /** The project's own relative-time words (config `relativeTimeWords`). */
  relativeTimeWords?: readonly string[];
}

/** What a proofreading message carries: the rule's own arguments and the rewrite --fix would make. */
export type Reported<A> = A & { fix?: string };

type Texts<A> = Record<Lang, (args: A) => string>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface LintRule<A = any, Id extends string = string> extends Rule<Reported<A>, Id> {
  group: LintGroup;
  severity: Severity;
  example: { wrong: string; right: string };
  sample: Reported<A>;
  /** Off unless the project turns it on in its config (`rules: { id: warning }`). */
  optIn?: boolean;
  check?: (text: string, ctx: RunContext) => Array<Finding<A>>;
}

interface LintSpec<A, Id extends string> {
  id: Id;
  group: LintGroup;
  severity: Severity;
  optIn?: boolean;
  message: Texts<A>;
  /** The hint; the rewrite, when there is one, is added to it. */
  hint: Record<Lang, string> | Texts<A>;
  example: { wrong: string; right: string };
  sample: Reported<A>;
  check?: (text: string, ctx: RunContext) => Array<Finding<A>>;
}

const FIX_NOTE: Record<Lang, (fix: string) => string> = {
  zh: (fix) => (fix === '' ? '可删去。' : `改为“${fix}”。`),
  en: (fix) => (fix === '' ? ' It can be deleted.' : ` Write “${fix}”.`),
};
const show = (s: string) => s.replace(/\u3000/g, '全角空格').replace(/ /g, '空格');
const showEn = (s: string) => s.replace(/\u3000/g, 'a full-width space').replace(/ /g, 'a space');

/** A proofreading rule with typed arguments: `lint<{ text: string }>()({ id: 'x', … })`. */
function lint<A>() {
  return <const Id extends string>(spec: LintSpec<A, Id>): LintRule<A, Id> => {
    const hint = (lang: Lang) => (a: Reported<A>) => {
      const h = spec.hint[lang];
      const base = typeof h === 'string' ? h : h(a);
      if (a.fix === undefined) return base;
      return base + FIX_NOTE[lang](/^\s+$/.test(a.fix) ? (lang === 'zh' ? show(a.fix) : showEn(a.fix)) : a.fix);
    };
    return { ...spec, hint: { zh: hint('zh'), en: hint('en') } };
  };
}

/** Stands for what is not text (inline code, HTML, a break). */
export const GAP = '\u0000';
/** Stands for a URL or an e-mail address in the text (Chinese around it is still checked). */
export const URL_GAP = '\u0001';
const HAN = /\p{Script=Han}/u;
export const CN_PUNCT = '，。、；：？！“”‘’（）《》【】〔〕…—·';
const CN_OPENERS = '“‘（《【〔';
const CN_CLOSERS = '”’）》】〕';
const isHan = (c: string | undefined) => c !== undefined && HAN.test(c);
const isCnPunct = (c: string | undefined) => c !== undefined && CN_PUNCT.includes(c);
const isOpener = (c: string | undefined) => c !== undefined && CN_OPENERS.includes(c);
const isCloser = (c: string | undefined) => c !== undefined && CN_CLOSERS.includes(c);
const isDigit = (c: string | undefined) => c !== undefined && /[0-9]/.test(c);
const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
/** The end of the text, of a line, or something that is not text (a URL, code). */
const isEnd = (c: string | undefined) => c === undefined || c === '\n' || c === GAP || c === URL_GAP;
const PAIRS: Record<string, string> = { '（': '）', '“': '”', '‘': '’', '《': '》', '【': '】', '〔': '〕' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
const FULLWIDTH_OF: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

function near(text: string, i: number, step: 1 | -1): string | undefined {
  let k = i + step;
  while (text[k] === ' ' || text[k] === '\t') k += step;
  return text[k];
}

/** Every match of a global regular expression as a finding. */
function each<A>(text: string, re: RegExp, make: (m: RegExpMatchArray) => Finding<A> | undefined): Array<Finding<A>> {
  const out: Array<Finding<A>> = [];
  for (const m of text.matchAll(re)) {
    const f = make(m);
    if (f) out.push(f);
  }
  return out;
}

const CN_NUM = '〇零一二三四五六七八九十';
/** A 序次语 written with the wrong marks at the start of a paragraph (see ordinal-punct). */
const ORDINAL_PREFIX = /^(?:\([一二三四五六七八九十]+\)|\(\d{1,2}\)|（[一二三四五六七八九十]+）[、。．.，,]|[一二三四五六七八九十]+[.．，,](?!\d)|\d{1,2}[、，,．](?!\d))/u;

/** 易混字词 that depend on the words around them: [what is written, what is meant, why]. */
export const LEXICON: Array<[RegExp, string, string]> = [
  [/其它/gu, '其他', '“其他”通用于人和事物'],
  [/交待(?!所)/gu, '交代', '“交代”指说明、嘱咐'],
  [/通讯畅通/gu, '通信畅通', '指通信联络时用“通信”'],
  [/情况反应/gu, '情况反映', '“反映”指把情况告诉上级'],
  [/法制建设/gu, '法治建设', '党的十八届四中全会以后通用“法治建设”'],
  [/藉此/gu, '借此', '“藉”在“借助”义上已规范为“借”'],
  [/所必须的/gu, '所必需的', '表示不可缺少用“必需”'],
  [/截止(?=目前|当前|今年|本月|上月|年底|年末|月底|\d)/gu, '截至', '后面跟时间点时用“截至”'],
  [/既使/gu, '即使', '表示假设让步用“即使”'],
  [/坐阵/gu, '坐镇', '“坐镇”指亲自在某处镇守'],
  [/按排/gu, '安排', '“安排”有条理地处理'],
  [/迄今未止/gu, '迄今为止', '固定说法“迄今为止”'],
  [/(?<=气体|燃气|天然气|煤气|液化气|氨气|氯气|危化品|化学品|有毒物质|油品|危险化学品|管道|管线|储罐|阀门)泄露/gu, '泄漏', '气体、液体等外漏用“泄漏”，“泄露”指泄露秘密'],
];

/** Relative time words that go stale in an archive (the opt-in word-relative-time rule). */
export const RELATIVE_TIME_WORDS = ['今年', '去年', '前年', '明年', '本月', '上月', '下月', '本周', '上周', '下周', '近日', '日前', '昨天', '昨日', '前天', '今天', '今日'];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordsPattern = (words: readonly string[]) => new RegExp([...words].filter(Boolean).sort((a, b) => b.length - a.length).map(escape).join('|') || '(?!)', 'gu');
const RELATIVE = wordsPattern(RELATIVE_TIME_WORDS);

/** The issue's date in words: 2021-06-25 → 2021年6月25日 (zh), 25 June 2021 (en). */
function dayOf(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return lang === 'zh' ? `${y}年${m}月${d}日` : `${d} ${months[m - 1]} ${y}`;
}

/** The level of a heading's 序次语: 一、 → 1, （一） → 2, 1. → 3, （1） → 4. */
export function ordinalOf(text: string): { level: number; n: number } | undefined {
  const cn = (s: string) => {
    if (s === '十') return 10;
    const digits = [...s].map((c) => '〇一二三四五六七八九'.indexOf(c));
    if (s.length === 2 && s[0] === '十') return 10 + (digits[1] ?? 0);
    if (s.length === 2 && s[1] === '十') return (digits[0] ?? 0) * 10;
    if (s.length === 3 && s[1] === '十') return (digits[0] ?? 0) * 10 + (digits[2] ?? 0);
    return digits[0] ?? 0;
  };
  let m = /^([一二三四五六七八九十]+)、/u.exec(text);
  if (m) return { level: 1, n: cn(m[1]!) };
  m = /^（([一二三四五六七八九十]+)）/u.exec(text);
  if (m) return { level: 2, n: cn(m[1]!) };
  m = /^(\d{1,2})\.(?!\d)/.exec(text);
  if (m) return { level: 3, n: Number(m[1]) };
  m = /^（(\d{1,2})）/.exec(text);
  if (m) return { level: 4, n: Number(m[1]) };
  return undefined;
}

/** Word boundaries of a text (Intl.Segmenter, Chinese word granularity), as a set of offsets. */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
function boundaries(text: string): Set<number> {
  const out = new Set<number>([0, text.length]);
  for (const s of segmenter.segment(text)) {
    out.add(s.index);
    out.add(s.index + s.segment.length);
  }
  return out;
}

/** Time and place units: a range of them takes the 一字线 “—” (GB/T 15834-2011 §4.13); any other quantity the 浪纹线 “～” (§4.14). */
function rangeKind(a: string, b: string, after: string): 'time' | 'quantity' {
  const n = (s: string) => Number(s);
  if (/^(?:年代|世纪)/u.test(after)) return 'time';
  if (/^年/u.test(after)) return /^\d{4}$/.test(a) && /^\d{2,4}$/.test(b) ? 'time' : 'quantity';
  if (/^月/u.test(after)) return n(a) >= 1 && n(b) <= 12 && !a.includes('.') ? 'time' : 'quantity';
  if (/^[日号]/u.test(after)) return n(a) >= 1 && n(b) <= 31 && !a.includes('.') ? 'time' : 'quantity';
  if (/^[时点](?!位|数|个)/u.test(after)) return n(b) <= 24 && !a.includes('.') ? 'time' : 'quantity';
  if (/^(?:季度|时期|届|期|版|页|号楼|层|楼)/u.test(after)) return 'time';
  return 'quantity';
}

const LEVEL_NAMES = ['', '“一、”', '“（一）”', '“1.”', '“（1）”'];

// ---------------------------------------------------------------- 标点

const typoUnpaired = lint<{ mark: string; other: string }>()({
  id: 'typo-unpaired',
  group: '标点',
  severity: 'warning',
  sample: { mark: '“', other: '”' },
  message: { zh: (a) => `“${a.mark}”没有配对的“${a.other}”`, en: (a) => `“${a.mark}” has no matching “${a.other}”` },
  hint: { zh: '括号、引号、书名号须在同一段内成对出现：补上缺少的一半，或删去多余的一个。', en: 'Brackets and quotes pair within a paragraph: add the missing half or remove the extra one.' },
  example: { wrong: '他说：“要压实责任。', right: '他说：“要压实责任。”' },
  check: (text) => {
    const out: Array<Finding<{ mark: string; other: string }>> = [];
    const stack: Array<{ ch: string; i: number }> = [];
    const unpaired = (ch: string, i: number, open: boolean) => out.push({ index: i, length: 1, args: { mark: ch, other: open ? PAIRS[ch]! : CLOSERS.get(ch)! } });
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? '';
      if (ch === '’' && /[A-Za-z]/.test(text[i - 1] ?? '') && /[A-Za-z]/.test(text[i + 1] ?? '')) continue; // apostrophe
      if (PAIRS[ch]) stack.push({ ch, i });
      const open = CLOSERS.get(ch);
      if (open === undefined) continue;
      const k = stack.map((s) => s.ch).lastIndexOf(open);
      if (k < 0) unpaired(ch, i, false);
      else for (const s of stack.splice(k).slice(1)) unpaired(s.ch, s.i, true);
    }
    for (const s of stack) unpaired(s.ch, s.i, true);
    return out.sort((a, b) => a.index - b.index);
  },
});

/**
 * Whether a half-width , . ; : ? ! stands in Chinese text: after a Han character (before Han,
 * Chinese punctuation, a digit, a letter or the end), or after a digit, a percentage or a closing
 * mark and before Han or an opening mark, or after a percentage and before a figure. Decimals (12.5), times (9:30), ratios (1:2) and
 * addresses stay as they are: a mark between two digits or two letters is never Chinese.
 */
function halfwidthInChinese(text: string, i: number): boolean {
  const ch = text[i]!;
  // A lost character the import marked “〓” stands for Han; a half-width “)” closing Chinese is a closing mark.
  const hanOr = (c: string | undefined) => isHan(c) || c === '〓';
  let before = near(text, i, -1);
  const after = near(text, i, 1);
  if (before === ')' && hanOr(text[text.lastIndexOf(')', i - 1) - 1])) before = '）';
  if (before === '〓') before = '〇';
  if (before === URL_GAP) return isHan(after); // after a URL: 见www.gov.cn,或
  if (ch === '.' && /^\d{1,2}$/.test(text.slice(0, i))) return false; // the 序次语 “1.”
  if (ch === '.' && isDigit(before)) return isEnd(after) && isDigit(text[i - 1]); // "下降12." at the end; never "1.健全" or 12.5
  if (ch === '.' && isDigit(text[i + 1])) return false; // ".5" is num-leading-dot's
  if (isHan(before)) return isHan(after) || isCnPunct(after) || isEnd(after) || isDigit(after) || isLatin(after);
  if (isCloser(before)) return isHan(after) || isOpener(after) || isEnd(after) || isDigit(after);
  // After a percentage a comma or semicolon before a figure separates items (“达12%,1-9月”): no
  // thousands separator follows a percent sign.
  if (before === '%' || before === '‰' || before === '℃') return isHan(after) || isOpener(after) || ((ch === ',' || ch === ';') && isDigit(after));
  if (isDigit(before)) return isHan(after) || isOpener(after);
  return false;
}

const typoHalfwidthPunct = lint<{ mark: string }>()({
  id: 'typo-halfwidth-punct',
  group: '标点',
  severity: 'warning',
  sample: { mark: ',', fix: '，' },
  message: { zh: (a) => `中文里用了半角标点“${a.mark}”`, en: (a) => `Half-width “${a.mark}” in Chinese text` },
  hint: { zh: '改为全角标点；半角标点只用于数字、字母和网址之间。', en: 'Use the full-width mark; half-width marks belong between digits, letters and in addresses.' },
  example: { wrong: '安全,生产', right: '安全，生产' },
  check: (text, ctx) =>
    each(text, /[,.;:?!()]/g, (m) => {
      const ch = m[0];
      const i = m.index!;
      // A mark ending a heading is typo-heading-period's, which deletes it.
      if (ctx.kind === 'heading' && /^[,.;:]\s*$/.test(text.slice(i)) && (isHan(text[i - 1]) || isCloser(text[i - 1]))) return undefined;
      // An ellipsis written with dots is typo-ellipsis's.
      if (ch === '.' && (text[i - 1] === '.' || text[i + 1] === '.')) return undefined;
      const fires = ch === '(' || ch === ')' ? isHan(text[i - 1]) || isHan(text[i + 1]) : halfwidthInChinese(text, i);
      // A 序次语 at the start ("(一)", "一.", "1，") is ordinal-punct's, with its own rewrite.
      if (i < (ORDINAL_PREFIX.exec(text)?.[0].length ?? 0)) return undefined;
      return fires ? { index: i, length: 1, args: { mark: ch }, fix: FULLWIDTH_OF[ch] } : undefined;
    }),
});

/** Whether the Han run just before `i` (back to a mark or the start) is one word: “北京—上海”, not “会议强调—要”. */
function oneWordBefore(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && isHan(text[k - 1])) k--;
  const run = text.slice(k, i);
  return run.length >= 2 && [...segmenter.segment(run)].length === 1;
}

const typoDash = lint<{ text: string; span?: boolean }>()({
  id: 'typo-dash',
  group: '标点',
  severity: 'warning',
  sample: { text: '-' },
  message: {
    zh: (a) => (a.span ? `表示起止的“${a.text}”应为一字线“—”` : `中文之间的“${a.text}”应为破折号“——”`),
    en: (a) => (a.span ? `“${a.text}” for a span should be the one-em dash “—”` : `“${a.text}” between Chinese words should be the dash “——”`),
  },
  hint: {
    zh: '破折号是两个“—”（U+2014）连写：“——”；表示时间、地域的起止用一字线“—”（如“南昌—九江”），不用“-”。',
    en: 'The Chinese dash is two U+2014 “——”; a span of time or place takes one “—” (“南昌—九江”), never “-”.',
  },
  example: { wrong: '安全生产-重中之重', right: '安全生产——重中之重' },
  check: (text) =>
    each(text, /[-—－]+/g, (m) => {
      if (m[0] === '——') return undefined;
      const i = m.index!;
      const before = near(text, i, -1);
      const ok = isHan(near(text, i + m[0].length - 1, 1)) && (isHan(before) || before === undefined || before === '\n');
      if (!ok) return undefined;
      // A span of places or times takes one “—” (GB/T 15834-2011 §4.13: 北京—上海): right as it is.
      const span = isHan(text[i - 1]) && oneWordBefore(text, i);
      if (span && m[0] === '—') return undefined;
      return { index: i, length: m[0].length, args: { text: m[0], ...(span ? { span } : {}) } };
    }),
});

const typoDoubledPunct = lint<{ text: string }>()({
  id: 'typo-doubled-punct',
  group: '标点',
  severity: 'warning',
  sample: { text: '，，', fix: '，' },
  message: { zh: (a) => `标点重复：“${a.text}”`, en: (a) => `Doubled punctuation: “${a.text}”` },
  hint: { zh: '只保留一个标点；省略号写作“……”，破折号写作“——”。', en: 'Keep one mark; the ellipsis is “……”, the dash “——”.' },
  example: { wrong: '会议强调，，要', right: '会议强调，要' },
  check: (text) =>
    each(text, /[。，、；：！？]{2,}/g, (m) => {
      if (m[0] === '？！' || m[0] === '！？' || /^。{3,}$/.test(m[0])) return undefined;
      return { index: m.index!, length: m[0].length, args: { text: m[0] }, ...(new Set(m[0]).size === 1 ? { fix: m[0][0] } : {}) };
    }),
});

const typoFullwidthAlnum = lint<{ text: string; half: string }>()({
  id: 'typo-fullwidth-alnum',
  group: '标点',
  severity: 'warning',
  sample: { text: '１２', half: '12', fix: '12' },
  message: { zh: (a) => `全角字母或数字“${a.text}”`, en: (a) => `Full-width letters or digits “${a.text}”` },
  hint: { zh: '数字和字母一律用半角。', en: 'Digits and Latin letters are always half-width.' },
  example: { wrong: '第１２期', right: '第12期' },
  check: (text) =>
    each(text, /[０-９Ａ-Ｚａ-ｚ]+/g, (m) => {
      const half = [...m[0]].map((c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).join('');
      return { index: m.index!, length: m[0].length, args: { text: m[0], half }, fix: half };
    }),
});

const typoEnglishQuotes = lint<{ text: string }>()({
  id: 'typo-english-quotes',
  group: '标点',
  severity: 'warning',
  sample: { text: '"安全第一"', fix: '“安全第一”' },
  message: { zh: (a) => `中文用了英文引号：${a.text}`, en: (a) => `English quotes around Chinese: ${a.text}` },
  hint: { zh: '中文引号是“”（双）和‘’（单）。', en: 'Chinese quotes are “” and ‘’.' },
  example: { wrong: '坚持"安全第一"', right: '坚持“安全第一”' },
  check: (text) =>
    each(text, /"([^"\n\u0000\u0001]*)"/g, (m) => (HAN.test(m[1]!) ? { index: m.index!, length: m[0].length, args: { text: m[0] }, fix: `“${m[1]}”` } : undefined)),
});

/** The run of Han characters that ends just before `i` (step -1) or starts at `i` (step 1). */
function hanRun(text: string, i: number, step: 1 | -1): number {
  let n = 0;
  for (let k = step === 1 ? i : i - 1; isHan(text[k]); k += step) n++;
  return n;
}

const typoHanSpace = lint<{ parallel: boolean }>()({
  id: 'typo-han-space',
  group: '标点',
  severity: 'warning',
  sample: { parallel: false, fix: '' },
  message: {
    zh: (a) => (a.parallel ? '标题中并列短语之间的空格应为一个全角空格' : '汉字之间有空格'),
    en: (a) => (a.parallel ? 'Parallel phrases of a title are parted by one full-width space' : 'Spaces between Chinese characters'),
  },
  hint: {
    zh: (a) =>
      a.parallel
        ? '标题、小标题中两个并列短语之间空一个全角空格（如“强化责任落实　筑牢安全防线”），不空两个或更多。'
        : '中文行文中汉字、中文标点之间不加空格（多见于从 PDF 或网页复制的文字）；标题中两个并列短语之间的一个空格是对的。',
    en: (a) =>
      a.parallel
        ? 'Two parallel phrases of a title or heading are parted by one full-width space, not two or more.'
        : 'Chinese text has no spaces between characters (common in text copied from PDFs or web pages); one space between two parallel phrases of a title is right.',
  },
  example: { wrong: '安全 生产', right: '安全生产' },
  check: (text, ctx) =>
    each<{ parallel: boolean }>(text, /[ \u3000]+/g, (m) => {
      const i = m.index!;
      const end = i + m[0].length;
      const before = text[i - 1];
      const after = text[end];
      if (i === 0 || !(isHan(before) || isCnPunct(before)) || !(isHan(after) || isCnPunct(after))) return undefined;
      // 公文 titles part two parallel phrases with a space: “强化责任落实 筑牢安全防线”.
      if (ctx.kind === 'heading' && hanRun(text, i, -1) >= 2 && hanRun(text, end, 1) >= 2) {
        if (m[0].length === 1) return undefined;
        return { index: i, length: m[0].length, args: { parallel: true }, fix: '\u3000' };
      }
      return { index: i, length: m[0].length, args: { parallel: false }, fix: '' };
    }),
});

const typoEllipsis = lint<{ text: string }>()({
  id: 'typo-ellipsis',
  group: '标点',
  severity: 'warning',
  sample: { text: '...', fix: '……' },
  message: { zh: (a) => `省略号写成了“${a.text}”`, en: (a) => `Ellipsis written as “${a.text}”` },
  hint: { zh: '省略号是两个“…”连写：“……”，占两个字的位置。', en: 'The Chinese ellipsis is two “…” together: “……”.' },
  example: { wrong: '隐患排查、风险管控...', right: '隐患排查、风险管控……' },
  check: (text) =>
    each(text, /\.{3,}|。{3,}|…+/g, (m) => {
      if (m[0] === '……') return undefined;
      const i = m.index!;
      const chinese = isHan(near(text, i, -1)) || isCnPunct(near(text, i, -1)) || isHan(near(text, i + m[0].length - 1, 1));
      if (m[0][0] === '.' && !chinese) return undefined;
      return { index: i, length: m[0].length, args: { text: m[0] }, fix: '……' };
    }),
});

const typoDunhaoDeng = lint<{ word: string }>()({
  id: 'typo-dunhao-deng',
  group: '标点',
  severity: 'warning',
  sample: { word: '等', fix: '等' },
  message: { zh: (a) => `“、${a.word}”：“${a.word}”前不加顿号`, en: (a) => `No enumeration comma before “${a.word}”` },
  hint: { zh: '并列词语的最后一项后接“等”“及”时，不用顿号：“甲、乙等”“甲、乙及丙”。', en: 'Write “甲、乙等” and “甲、乙及丙”, without “、” before “等” or “及”.' },
  example: { wrong: '煤矿、非煤矿山、等行业', right: '煤矿、非煤矿山等行业' },
  check: (text) => each(text, /、([等及])(?!时|早|格|至|第)/gu, (m) => ({ index: m.index!, length: 2, args: { word: m[1]! }, fix: m[1]! })),
});

const typoDunhaoQuoted = lint<{ text: string }>()({
  id: 'typo-dunhao-quoted',
  group: '标点',
  severity: 'warning',
  sample: { text: '”、“', fix: '”“' },
  message: {
    zh: (a) => `“${a.text}”：引号或书名号标示的并列成分之间通常不用顿号`,
    en: (a) => `“${a.text}”: items each in quotes or title marks take no enumeration comma between them`,
  },
  hint: {
    zh: '标有引号（或书名号）的并列成分之间通常不用顿号（GB/T 15834-2011 §4.5.3.5）：“放管服”“最多跑一次”；其间插有括注等其他成分时才用顿号。',
    en: 'Items each in quotes or title marks stand side by side without “、” (GB/T 15834-2011 §4.5.3.5), unless something such as a bracketed note stands between them.',
  },
  example: { wrong: '深化“放管服”、“最多跑一次”改革', right: '深化“放管服”“最多跑一次”改革' },
  check: (text) => each(text, /([”》])、([“《])/gu, (m) => ({ index: m.index!, length: 3, args: { text: m[0] }, fix: `${m[1]}${m[2]}` })),
});

const typoHeadingPeriod = lint<{ mark: string }>()({
  id: 'typo-heading-period',
  group: '标点',
  severity: 'warning',
  sample: { mark: '。', fix: '' },
  message: {
    zh: (a) => (a.mark.startsWith('。') ? '标题末尾有句号' : `标题末尾有“${a.mark.trim()}”`),
    en: (a) => (a.mark.startsWith('。') ? 'A title or heading ends with a full stop' : `A title or heading ends with “${a.mark.trim()}”`),
  },
  hint: { zh: '标题、小标题末尾不用句号、逗号、分号、冒号或顿号（问号、叹号可以保留）。', en: 'Titles and headings end without a full stop, comma, semicolon, colon or enumeration comma (a question or exclamation mark may stay).' },
  example: { wrong: '## 一、压实安全责任。', right: '## 一、压实安全责任' },
  check: (text, ctx) => {
    if (ctx.kind !== 'heading') return [];
    const m = /(?:。+|[，；：、,;:]|(?<!\.)\.)\s*$/u.exec(text);
    // After the words of the heading (never the dot of a bare “1.”); a half-width mark there is this rule's, not typo-halfwidth-punct's.
    return m && m.index > 0 && (isHan(text[m.index - 1]) || isCloser(text[m.index - 1])) ? [{ index: m.index, length: m[0].length, args: { mark: m[0] }, fix: '' }] : [];
  },
});

const headingRepeated = lint<{ text: string }>()({
  id: 'heading-repeated',
  group: '用词',
  severity: 'warning',
  sample: { text: '全省防汛工作会议召开' },
  message: { zh: (a) => `标题文字重复：“${a.text}”写了两遍`, en: (a) => `The title repeats itself: “${a.text}” is written twice` },
  hint: { zh: '多见于从网页或 PDF 复制时标题被粘贴两次；删去重复的一遍。', en: 'Usually a title pasted twice when copying from a web page or PDF; delete the repetition.' },
  example: { wrong: '# 全省防汛工作会议召开全省防汛工作会议召开', right: '# 全省防汛工作会议召开' },
  check: (text, ctx) => {
    if (ctx.kind !== 'heading') return [];
    // After a 序次语, if any: “四、全省防汛工作会议召开全省防汛工作会议召开”.
    const m = /^((?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.|（\d{1,2}）)?)(.{4,}?)([ \u3000]*)\2\s*$/u.exec(text);
    if (!m || !HAN.test(m[2]!)) return [];
    const start = m[1]!.length + m[2]!.length;
    return [{ index: start, length: m[3]!.length + m[2]!.length, args: { text: m[2]! }, fix: '' }];
  },
});

// ---------------------------------------------------------------- 序次语

const ordinalPunct = lint<{ text: string; right: string }>()({
  id: 'ordinal-punct',
  group: '序次语',
  severity: 'warning',
  sample: { text: '（一）、', right: '（一）', fix: '（一）' },
  message: { zh: (a) => `序次语“${a.text}”应写作“${a.right}”`, en: (a) => `Ordinal “${a.text}” should be “${a.right}”` },
  hint: { zh: '一、（一）1.（1）：“一”后用顿号，“（一）”“（1）”后不加标点，阿拉伯数字后用下脚点“.”，括号用全角。', en: 'Write “一、” “（一）” “1.” “（1）”: a comma after “一”, nothing after brackets, a full stop after arabic numbers, full-width brackets.' },
  example: { wrong: '（一）、加强组织领导', right: '（一）加强组织领导' },
  check: (text) => {
    const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
      [/^（([一二三四五六七八九十]+)）[、。．.，,]/u, (m) => `（${m[1]}）`],
      [/^\(([一二三四五六七八九十]+)\)[、。．.，,]?/u, (m) => `（${m[1]}）`],
      [/^([一二三四五六七八九十]+)[.．，,](?!\d)/u, (m) => `${m[1]}、`],
      [/^(\d{1,2})[、，,．](?!\d)/u, (m) => `${m[1]}.`],
      [/^\((\d{1,2})\)/u, (m) => `（${m[1]}）`],
    ];
    for (const [re, right] of rules) {
      const m = re.exec(text);
      if (m) return [{ index: 0, length: m[0].length, args: { text: m[0], right: right(m) }, fix: right(m) }];
    }
    return [];
  },
});

export interface OrdinalOrderArgs {
  label: string;
  /** skip: a level is left out; gap: a number of the same level is left out or repeated. */
  kind: 'skip' | 'gap';
  level: number;
  /** skip: the level above it so far (0: none in this article); gap: the number expected. */
  previous: number;
  expected?: number;
}

const ordinalOrder = lint<OrdinalOrderArgs>()({
  id: 'ordinal-order',
  group: '序次语',
  severity: 'warning',
  sample: { label: '三、', kind: 'gap', level: 1, previous: 1, expected: 2 },
  message: {
    zh: (a) =>
      a.kind === 'skip'
        ? `小标题“${a.label}”的序号跳级：${a.previous ? `上一层是${LEVEL_NAMES[a.previous]}` : '这一篇还没有上一层'}，${LEVEL_NAMES[a.level]}之前应有${LEVEL_NAMES[a.level - 1]}`
        : `小标题“${a.label}”的序号不连续：这一层的上一个序号是 ${a.previous}，这里应为 ${a.expected}`,
    en: (a) =>
      a.kind === 'skip'
        ? `Heading “${a.label}” skips a level: ${a.previous ? `the level above is ${LEVEL_NAMES[a.previous]}` : 'this article has no level above yet'}; ${LEVEL_NAMES[a.level - 1]} comes before ${LEVEL_NAMES[a.level]}`
        : `Heading “${a.label}” is out of sequence: the previous number of this level is ${a.previous}, so this one should be ${a.expected}`,
  },
  hint: { zh: '层次依次为“一、”“（一）”“1.”“（1）”，不跳级；同一层次的序号连续。', en: 'Levels go “一、” → “（一）” → “1.” → “（1）” without a skip, numbered in sequence.' },
  example: { wrong: '## 一、总体要求\n\n## 三、工作措施', right: '## 一、总体要求\n\n## 二、工作措施' },
});

// ---------------------------------------------------------------- 数字与日期

const numRange = lint<{ text: string; right: string; kind: 'time' | 'quantity' }>()({
  id: 'num-range',
  group: '数字与日期',
  severity: 'warning',
  sample: { text: '15-30', right: '15～30', kind: 'quantity', fix: '15～30' },
  message: {
    zh: (a) => `${a.kind === 'time' ? '时间范围' : '数值范围'}“${a.text}”应写作“${a.right}”`,
    en: (a) => `${a.kind === 'time' ? 'Time span' : 'Range'} “${a.text}” should be “${a.right}”`,
  },
  hint: {
    zh: '时间、地域的起止用一字线“—”（2021—2025年，3—5月，9—11时）；数值范围用浪纹线“～”（15～30天，5～10吨）；不用“-”或“~”（GB/T 15834-2011 §4.13、§4.14）。',
    en: 'A span of time or place takes “—” (“2021—2025年”, “3—5月”); a range of quantities “～” (“15～30天”, “5～10吨”); never “-” or “~” (GB/T 15834-2011 §4.13, §4.14).',
  },
  example: { wrong: '2021-2025年，3-5月，15-30天', right: '2021—2025年，3—5月，15～30天' },
  check: (text) =>
    each(text, /(?<![\dA-Za-z.:\-/])(\d+(?:\.\d+)?)([-~～])(\d+(?:\.\d+)?)(?=[\p{Script=Han}%])/gu, (m) => {
      const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 3);
      const kind = rangeKind(m[1]!, m[3]!, after);
      // “～” is right for a quantity; for a span of time it is the 一字线 (3—5月, not 3～5月).
      if (m[2] === '～' && kind === 'quantity') return undefined;
      const right = `${m[1]}${kind === 'time' ? '—' : '～'}${m[3]}`;
      return { index: m.index!, length: m[0].length, args: { text: m[0], right, kind }, fix: right };
    }),
});

const numRangeUnit = lint<{ text: string; right: string }>()({
  id: 'num-range-unit',
  group: '数字与日期',
  severity: 'warning',
  sample: { text: '3～5万元', right: '3万元～5万元', fix: '3万元～5万元' },
  message: { zh: (a) => `“${a.text}”应写作“${a.right}”`, en: (a) => `“${a.text}” should be “${a.right}”` },
  hint: { zh: '范围两端都带百分号或“万”“亿”等单位：10%～20%，3万元～5万元。', en: 'Both ends of a range carry % or a unit such as “万” or “亿”: “10%～20%”, “3万元～5万元”.' },
  example: { wrong: '增长10～20%，投入3～5万元', right: '增长10%～20%，投入3万元～5万元' },
  check: (text) => [
    ...each(text, /(\d+(?:\.\d+)?)～(\d+(?:\.\d+)?)%/g, (m) => ({ index: m.index!, length: m[0].length, args: { text: m[0], right: `${m[1]}%～${m[2]}%` }, fix: `${m[1]}%～${m[2]}%` })),
    ...each(text, /(\d+(?:\.\d+)?)～(\d+(?:\.\d+)?)([万亿])(元|人|吨|户|亩|平方米)?/gu, (m) => {
      const unit = `${m[3]}${m[4] ?? ''}`;
      return { index: m.index!, length: m[0].length, args: { text: m[0], right: `${m[1]}${unit}～${m[2]}${unit}` }, fix: `${m[1]}${unit}～${m[2]}${unit}` };
    }),
  ],
});

const numLeadingDot = lint<{ text: string }>()({
  id: 'num-leading-dot',
  group: '数字与日期',
  severity: 'warning',
  sample: { text: '.5', fix: '0.5' },
  message: { zh: (a) => `小数“${a.text}”缺少整数位`, en: (a) => `Decimal “${a.text}” lacks its integer part` },
  hint: { zh: '纯小数必须写出小数点前的“0”。', en: 'Write the 0 before the decimal point.' },
  example: { wrong: '下降.5个百分点', right: '下降0.5个百分点' },
  check: (text) =>
    each(text, /(?<![\dA-Za-z.])\.(\d+)/g, (m) => (isHan(near(text, m.index!, -1)) || m.index === 0 ? { index: m.index!, length: m[0].length, args: { text: m[0] }, fix: `0.${m[1]}` } : undefined)),
});

const dateShortYear = lint<{ text: string }>()({
  id: 'date-short-year',
  group: '数字与日期',
  severity: 'warning',
  sample: { text: '21年', fix: '2021年' },
  message: { zh: (a) => `年份“${a.text}”省略了世纪`, en: (a) => `Shortened year “${a.text}”` },
  hint: { zh: '年份写全四位：“2021年”，不写“21年”。', en: 'Write the year in full: “2021年”, not “21年”.' },
  example: { wrong: '21年3月', right: '2021年3月' },
  check: (text, ctx) =>
    each(text, /(?<!\d)(?<!\d\.)(?:(?<=截至|截止|到|自|从|于|至)(\d{2})年(?!来|间|内|以来|前|后|左右|多)|(\d{2})年(?=\d{1,2}月))/gu, (m) => {
      const yy = m[1] ?? m[2]!;
      const century = (ctx.date ?? '').slice(0, 2) || '20';
      return { index: m.index!, length: yy.length + 1, args: { text: `${yy}年` }, fix: `${century}${yy}年` };
    }),
});

const datePadded = lint<{ text: string }>()({
  id: 'date-padded',
  group: '数字与日期',
  severity: 'warning',
  sample: { text: '08月01日', fix: '8月1日' },
  message: { zh: (a) => `日期“${a.text}”的月、日前补了“0”`, en: (a) => `Zero-padded date “${a.text}”` },
  hint: { zh: '汉字日期中的月、日不补零：“8月1日”。', en: 'No leading zeros before “月” or “日”: “8月1日”.' },
  example: { wrong: '08月01日', right: '8月1日' },
  check: (text) =>
    each(text, /(?<!\d)(0?\d{1,2})月(0?\d{1,2})日|(?<![\d年])0(\d)月/g, (m) => {
      if (m[3] !== undefined) return { index: m.index!, length: m[0].length, args: { text: m[0] }, fix: `${m[3]}月` };
      if (!/^0/.test(m[1]!) && !/^0/.test(m[2]!)) return undefined;
      const right = `${Number(m[1])}月${Number(m[2])}日`;
      return { index: m.index!, length: m[0].length, args: { text: m[0] }, fix: right };
    }),
});

const dateMixedNumerals = lint<{ text: string }>()({
  id: 'date-mixed-numerals',
  group: '数字与日期',
  severity: 'warning',
  sample: { text: '二〇二三年3月' },
  message: { zh: (a) => `日期“${a.text}”混用了汉字和阿拉伯数字`, en: (a) => `Date “${a.text}” mixes Chinese and Arabic numerals` },
  hint: { zh: '同一日期用同一种数字：“2023年3月”或“二〇二三年三月”。', en: 'One kind of numeral per date.' },
  example: { wrong: '二〇二三年3月', right: '2023年3月' },
  check: (text) =>
    each(text, new RegExp(`[${CN_NUM}]{4}年\\d{1,2}月|\\d{4}年[${CN_NUM}]{1,2}月`, 'gu'), (m) => ({ index: m.index!, length: m[0].length, args: { text: m[0] } })),
});

const dateHao = lint<{ text: string }>()({
  id: 'date-hao',
  group: '数字与日期',
  severity: 'warning',
  sample: { text: '3月5号', fix: '3月5日' },
  message: { zh: (a) => `日期“${a.text}”用了“号”`, en: (a) => `“号” for the day in “${a.text}”` },
  hint: { zh: '书面语中日期用“日”：“3月5日”。', en: 'Written dates take “日”: “3月5日”.' },
  example: { wrong: '3月5号', right: '3月5日' },
  check: (text) => each(text, /(\d{1,2})月(\d{1,2})号/g, (m) => ({ index: m.index!, length: m[0].length, args: { text: m[0] }, fix: `${m[1]}月${m[2]}日` })),
});

// ---------------------------------------------------------------- 用词

export interface ConfusableArgs {
  text: string;
  right: string;
  /** Why, in Chinese (the contextual list), or the published source of the pair. */
  why?: string;
  source?: SourceKey;
}

const CONFUSABLE_INDEX = new Map<string, { right: string; source: SourceKey }>(CONFUSABLES.map((c) => [c.wrong, { right: c.right, source: c.source }]));
const CONFUSABLE_RE = new RegExp([...CONFUSABLE_INDEX.keys()].sort((a, b) => b.length - a.length).join('|'), 'gu');

const wordConfusable = lint<ConfusableArgs>()({
  id: 'word-confusable',
  group: '用词',
  severity: 'warning',
  sample: { text: '布署', right: '部署', source: 'xh', fix: '部署' },
  message: {
    zh: (a) => `“${a.text}”应为“${a.right}”（${a.why ?? `见${SOURCES[a.source ?? 'xh'].zh}`}）`,
    en: (a) => `“${a.text}” should be “${a.right}”${a.source ? ` (${SOURCES[a.source].en})` : ''}`,
  },
  hint: { zh: '易混字词：按规范用法改正；词表及出处见 docs/rules.md。', en: 'Commonly confused words: use the standard form; the list and its sources are in docs/rules.md.' },
  example: { wrong: '其它地区认真布署', right: '其他地区认真部署' },
  check: (text) => {
    const out: Array<Finding<ConfusableArgs>> = [];
    for (const [re, right, why] of LEXICON) for (const m of text.matchAll(re)) out.push({ index: m.index!, length: m[0].length, args: { text: m[0], right, why }, fix: right });
    let words: Set<number> | undefined;
    for (const m of text.matchAll(CONFUSABLE_RE)) {
      const i = m.index!;
      // At word boundaries only: a pair never fires inside a longer word.
      words ??= boundaries(text);
      if (!words.has(i) || !words.has(i + m[0].length) || out.some((f) => f.index < i + m[0].length && i < f.index + f.length)) continue;
      const entry = CONFUSABLE_INDEX.get(m[0])!;
      out.push({ index: i, length: m[0].length, args: { text: m[0], right: entry.right, source: entry.source }, fix: entry.right });
    }
    return out.sort((a, b) => a.index - b.index);
  },
});

const wordRelativeTime = lint<{ text: string; date?: string }>()({
  id: 'word-relative-time',
  group: '用词',
  severity: 'warning',
  optIn: true,
  sample: { text: '今年', date: '2021-06-25' },
  message: {
    zh: (a) => `“${a.text}”在档案中会过时${a.date ? `（本期日期为${dayOf(a.date, 'zh')}）` : '（本期前置信息中没有日期）'}`,
    en: (a) => `“${a.text}” goes stale in an archive${a.date ? ` (this issue is dated ${dayOf(a.date, 'en')})` : ' (this issue has no date in its front matter)'}`,
  },
  hint: {
    zh: '写明具体的年、月、日，如“2021年”“6月”，读者多年后查档也能看懂。此规则默认关闭：简报以报头日期为准，“今年”“近日”是新闻导语的常规写法；需要时在配置中打开。',
    en: 'Name the year, month or day, so the text still reads right years later. Off by default: a bulletin is dated by its masthead; turn it on in the config if wanted.',
  },
  example: { wrong: '今年以来，全省……', right: '2021年以来，全省……' },
  check: (text, ctx) => each(text, ctx.relativeTimeWords ? wordsPattern(ctx.relativeTimeWords) : RELATIVE, (m) => ({ index: m.index!, length: m[0].length, args: { text: m[0], ...(ctx.date ? { date: ctx.date } : {}) } })),
});

// ---------------------------------------------------------------- 未完成

const placeholder = lint<{ text: string }>()({
  id: 'placeholder',
  group: '未完成',
  severity: 'error',
  sample: { text: '【待补】' },
  message: { zh: (a) => `还有待补的内容：“${a.text}”`, en: (a) => `Unfinished: “${a.text}”` },
  hint: {
    zh: '填上实际内容后再生成；要先出草稿，用 `bulletin build --draft`（输出标为草稿）。',
    en: 'Fill it in before building; for a draft, `bulletin build --draft` (marked as a draft).',
  },
  example: { wrong: '【待补】市应急管理局', right: '萍乡市应急管理局' },
  check: (text) => [
    ...each(text, /【待[^】\n]*】/gu, (m) => ({ index: m.index!, length: m[0].length, args: { text: m[0] } })),
    // XX/×× standing for a name or a number (not inside a Latin word or a model number).
    ...each(text, /(?<![A-Za-z0-9])(?:[X×Ｘ]{2,}|[X×Ｘ](?=[年月日号万元人名家个市县区局])|(?<=[年月第])[X×Ｘ])(?![A-Za-z0-9])/gu, (m) => ({ index: m.index!, length: m[0].length, args: { text: m[0] } })),
    // What an older `bulletin new` wrote for the body.
    ...each(text, /在此撰写正文，段与段之间空一行。/gu, (m) => ({ index: m.index!, length: m[0].length, args: { text: m[0] } })),
  ],
});

/** 【待…】 marks: the placeholder rule's, and what validate leaves to it (a value still to fill in). */
export const PLACEHOLDER = /【待[^】\n]*】/gu;

/** Lines (1-based) of the front matter that still hold a 【待…】 mark. */
export function pendingLines(source: string): Set<number> {
  const out = new Set<number>();
  const lines = source.split('\n');
  if (!lines[0]?.startsWith('---')) return out;
  for (let i = 1; i < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[i] ?? ''); i++) if (/【待[^】]*】/u.test(lines[i] ?? '')) out.add(i + 1);
  return out;
}

/** Every proofreading rule, in docs order. */
export const LINT_RULES = [
  typoUnpaired, typoHalfwidthPunct, typoDash, typoDoubledPunct, typoFullwidthAlnum, typoEnglishQuotes, typoHanSpace, typoEllipsis,
  typoDunhaoDeng, typoDunhaoQuoted, typoHeadingPeriod,
  ordinalPunct, ordinalOrder,
  numRange, numRangeUnit, numLeadingDot, dateShortYear, datePadded, dateMixedNumerals, dateHao,
  wordConfusable, headingRepeated, wordRelativeTime,
  placeholder,
] as const;

/** The id of a proofreading rule: a typo in one is a type error. */
export type LintRuleId = (typeof LINT_RULES)[number]['id'];
/** A proofreading rule of any arguments. */
export type AnyLintRule = (typeof LINT_RULES)[number];

export const LINT_RULE_IDS: readonly string[] = LINT_RULES.map((r) => r.id);
/** The rule of an id read from outside (a fixture folder, a config key). */
export const lintRule = (id: string): AnyLintRule | undefined => LINT_RULES.find((r) => r.id === id);
/** The rules by id, for the code's own use: `LINT.placeholder`. */
export const LINT = {
  placeholder,
  ordinalOrder,
} as const;
