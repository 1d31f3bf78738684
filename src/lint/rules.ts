/**
 * The proofreading rules (GB/T 15834-2011 标点符号用法, GB/T 15835-2011 出版物上数字用法, and the
 * habits of 公文 editing): one table, each rule with its id, default severity, a message and hint
 * in Chinese and English, a wrong and a right example, and a check over one paragraph's text.
 * A check may offer a safe rewrite (`fix`), which `bulletin check --fix` applies.
 */

import type { Rule } from '../diagnostics/rules.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Offset in the run's text. */
  index: number;
  length: number;
  /** Arguments of the message. */
  args: string[];
  /** The safe rewrite of text[index, index + length), when there is one. */
  fix?: string;
}

export interface RunContext {
  /** paragraph, heading (depth 1 = article title), tableCell */
  kind: 'paragraph' | 'heading' | 'tableCell';
  depth?: number;
  /** The issue's date (YYYY-MM-DD) when the front matter has one. */
  date?: string;
}

export interface LintRule {
  id: string;
  family: '标点' | '序次语' | '数字与日期' | '用词' | '未完成';
  severity: Severity;
  message: { zh: (...args: string[]) => string; en: (...args: string[]) => string };
  hint: { zh: string; en: string };
  example: { wrong: string; right: string };
  check?: (text: string, ctx: RunContext) => Finding[];
}

/** Stands for what is not text (inline code, HTML, a break, a URL). */
export const GAP = '\u0000';
const HAN = /\p{Script=Han}/u;
export const CN_PUNCT = '，。、；：？！“”‘’（）《》【】〔〕…—·';
const isHan = (c: string | undefined) => c !== undefined && HAN.test(c);
const isCnPunct = (c: string | undefined) => c !== undefined && CN_PUNCT.includes(c);
const PAIRS: Record<string, string> = { '（': '）', '“': '”', '‘': '’', '《': '》', '【': '】', '〔': '〕' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
const FULLWIDTH_OF: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

function near(text: string, i: number, step: 1 | -1): string | undefined {
  let k = i + step;
  while (text[k] === ' ' || text[k] === '\t') k += step;
  return text[k];
}

/** Every match of a global regular expression as a finding. */
function each(text: string, re: RegExp, make: (m: RegExpMatchArray) => Finding | undefined): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(re)) {
    const f = make(m);
    if (f) out.push(f);
  }
  return out;
}

const CN_NUM = '〇零一二三四五六七八九十';
/** A 序次语 written with the wrong marks at the start of a paragraph (see ordinal-punct). */
const ORDINAL_PREFIX = /^(?:\([一二三四五六七八九十]+\)|\(\d{1,2}\)|（[一二三四五六七八九十]+）[、。．.，,]|[一二三四五六七八九十]+[.．，,](?!\d)|\d{1,2}[、，,．](?!\d))/u;

/** 易混字词: [what is written, what is meant, why]. */
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
  [/一愁莫展/gu, '一筹莫展', '成语“一筹莫展”'],
  [/再接再励/gu, '再接再厉', '成语“再接再厉”'],
];

/** Relative time words that go stale in an archive. */
const RELATIVE = /今年|去年|前年|明年|本月|上月|下月|本周|上周|下周|近日|昨天|昨日|前天|今天|今日/gu;

/** Chinese date of the issue: 2021-06-25 → 2021年6月25日. */
function issueDay(date: string | undefined): string {
  const [y, m, d] = (date ?? '').split('-').map(Number);
  return y && m && d ? `${y}年${m}月${d}日` : '（前置信息中的日期）';
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

export const LINT_RULES: LintRule[] = [
  // ---------------------------------------------------------------- 标点
  {
    id: 'typo-unpaired',
    family: '标点',
    severity: 'warning',
    message: { zh: (ch, other) => `“${ch}”没有配对的“${other}”`, en: (ch, other) => `“${ch}” has no matching “${other}”` },
    hint: { zh: '括号、引号、书名号须在同一段内成对出现：补上缺少的一半，或删去多余的一个。', en: 'Brackets and quotes pair within a paragraph: add the missing half or remove the extra one.' },
    example: { wrong: '他说：“要压实责任。', right: '他说：“要压实责任。”' },
    check: (text) => {
      const out: Finding[] = [];
      const stack: Array<{ ch: string; i: number }> = [];
      const unpaired = (ch: string, i: number, open: boolean) => out.push({ index: i, length: 1, args: [ch, open ? PAIRS[ch]! : CLOSERS.get(ch)!] });
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
  },
  {
    id: 'typo-halfwidth-punct',
    family: '标点',
    severity: 'warning',
    message: { zh: (ch) => `中文里用了半角标点“${ch}”`, en: (ch) => `Half-width “${ch}” in Chinese text` },
    hint: { zh: '改为全角标点；半角标点只用于数字、字母和网址之间。', en: 'Use the full-width mark; half-width marks belong between digits, letters and in addresses.' },
    example: { wrong: '安全,生产', right: '安全，生产' },
    check: (text) =>
      each(text, /[,.;:?!()]/g, (m) => {
        const ch = m[0];
        const i = m.index!;
        // An ellipsis written with dots is typo-ellipsis's.
        if (ch === '.' && (text[i - 1] === '.' || text[i + 1] === '.')) return undefined;
        const before = near(text, i, -1);
        const after = near(text, i, 1);
        const fires =
          ch === '(' || ch === ')'
            ? isHan(text[i - 1]) || isHan(text[i + 1])
            : isHan(before) && (isHan(after) || isCnPunct(after) || after === undefined || after === '\n');
        // A 序次语 at the start ("(一)", "一.", "1，") is ordinal-punct's, with its own rewrite.
        if (i < (ORDINAL_PREFIX.exec(text)?.[0].length ?? 0)) return undefined;
        return fires ? { index: i, length: 1, args: [ch], fix: FULLWIDTH_OF[ch] } : undefined;
      }),
  },
  {
    id: 'typo-dash',
    family: '标点',
    severity: 'warning',
    message: { zh: (s) => `中文之间的“${s}”应为破折号“——”`, en: (s) => `“${s}” between Chinese words should be the dash “——”` },
    hint: { zh: '破折号是两个“—”（U+2014）连写：“——”；表示起止（如“南昌—九江”）时一字线“—”是对的，可忽略。', en: 'The Chinese dash is two U+2014 “——”; a single “—” for a span (南昌—九江) is right and may be ignored.' },
    example: { wrong: '安全生产-重中之重', right: '安全生产——重中之重' },
    check: (text) =>
      each(text, /[-—－]+/g, (m) => {
        if (m[0] === '——') return undefined;
        const i = m.index!;
        const before = near(text, i, -1);
        const ok = isHan(near(text, i + m[0].length - 1, 1)) && (isHan(before) || before === undefined || before === '\n');
        return ok ? { index: i, length: m[0].length, args: [m[0]] } : undefined;
      }),
  },
  {
    id: 'typo-doubled-punct',
    family: '标点',
    severity: 'warning',
    message: { zh: (s) => `标点重复：“${s}”`, en: (s) => `Doubled punctuation: “${s}”` },
    hint: { zh: '只保留一个标点；省略号写作“……”，破折号写作“——”。', en: 'Keep one mark; the ellipsis is “……”, the dash “——”.' },
    example: { wrong: '会议强调，，要', right: '会议强调，要' },
    check: (text) =>
      each(text, /[。，、；：！？]{2,}/g, (m) => {
        if (m[0] === '？！' || m[0] === '！？' || /^。{3,}$/.test(m[0])) return undefined;
        return { index: m.index!, length: m[0].length, args: [m[0]], ...(new Set(m[0]).size === 1 ? { fix: m[0][0] } : {}) };
      }),
  },
  {
    id: 'typo-fullwidth-alnum',
    family: '标点',
    severity: 'warning',
    message: { zh: (s) => `全角字母或数字“${s}”`, en: (s) => `Full-width letters or digits “${s}”` },
    hint: { zh: '数字和字母一律用半角。', en: 'Digits and Latin letters are always half-width.' },
    example: { wrong: '第１２期', right: '第12期' },
    check: (text) =>
      each(text, /[０-９Ａ-Ｚａ-ｚ]+/g, (m) => {
        const half = [...m[0]].map((c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).join('');
        return { index: m.index!, length: m[0].length, args: [m[0], half], fix: half };
      }),
  },
  {
    id: 'typo-english-quotes',
    family: '标点',
    severity: 'warning',
    message: { zh: (s) => `中文用了英文引号：${s}`, en: (s) => `English quotes around Chinese: ${s}` },
    hint: { zh: '中文引号是“”（双）和‘’（单）。', en: 'Chinese quotes are “” and ‘’.' },
    example: { wrong: '坚持"安全第一"', right: '坚持“安全第一”' },
    check: (text) =>
      each(text, /"([^"\n\u0000]*)"/g, (m) => (HAN.test(m[1]!) ? { index: m.index!, length: m[0].length, args: [m[0]], fix: `“${m[1]}”` } : undefined)),
  },
  {
    id: 'typo-han-space',
    family: '标点',
    severity: 'warning',
    message: { zh: () => '汉字之间有空格', en: () => 'Spaces between Chinese characters' },
    hint: { zh: '中文行文中汉字、中文标点之间不加空格（多见于从 PDF 或网页复制的文字）。', en: 'Chinese text has no spaces between characters (common in text copied from PDFs or web pages).' },
    example: { wrong: '安全 生产', right: '安全生产' },
    check: (text) =>
      each(text, /[ \u3000]+/g, (m) => {
        const i = m.index!;
        const before = text[i - 1];
        const after = text[i + m[0].length];
        if (i === 0 || !(isHan(before) || isCnPunct(before)) || !(isHan(after) || isCnPunct(after))) return undefined;
        return { index: i, length: m[0].length, args: [], fix: '' };
      }),
  },
  {
    id: 'typo-ellipsis',
    family: '标点',
    severity: 'warning',
    message: { zh: (s) => `省略号写成了“${s}”`, en: (s) => `Ellipsis written as “${s}”` },
    hint: { zh: '省略号是两个“…”连写：“……”，占两个字的位置。', en: 'The Chinese ellipsis is two “…” together: “……”.' },
    example: { wrong: '隐患排查、风险管控...', right: '隐患排查、风险管控……' },
    check: (text) =>
      each(text, /\.{3,}|。{3,}|…+/g, (m) => {
        if (m[0] === '……') return undefined;
        const i = m.index!;
        const chinese = isHan(near(text, i, -1)) || isCnPunct(near(text, i, -1)) || isHan(near(text, i + m[0].length - 1, 1));
        if (m[0][0] === '.' && !chinese) return undefined;
        return { index: i, length: m[0].length, args: [m[0]], fix: '……' };
      }),
  },
  {
    id: 'typo-dunhao-deng',
    family: '标点',
    severity: 'warning',
    message: { zh: (s) => `“、${s}”：“${s}”前不加顿号`, en: (s) => `No enumeration comma before “${s}”` },
    hint: { zh: '并列词语的最后一项后接“等”“及”时，不用顿号：“甲、乙等”“甲、乙及丙”。', en: 'Write “甲、乙等” and “甲、乙及丙”, without “、” before “等” or “及”.' },
    example: { wrong: '煤矿、非煤矿山、等行业', right: '煤矿、非煤矿山等行业' },
    check: (text) => each(text, /、([等及])(?!时|早|格|至|第)/gu, (m) => ({ index: m.index!, length: 2, args: [m[1]!], fix: m[1]! })),
  },
  {
    id: 'typo-heading-period',
    family: '标点',
    severity: 'warning',
    message: { zh: () => '标题末尾有句号', en: () => 'A title or heading ends with a full stop' },
    hint: { zh: '标题、小标题末尾不用句号（问号、叹号可以保留）。', en: 'Titles and headings take no full stop at the end.' },
    example: { wrong: '## 一、压实安全责任。', right: '## 一、压实安全责任' },
    check: (text, ctx) => {
      if (ctx.kind !== 'heading') return [];
      const m = /。+\s*$/.exec(text);
      return m ? [{ index: m.index, length: m[0].length, args: [], fix: '' }] : [];
    },
  },
  // ---------------------------------------------------------------- 序次语
  {
    id: 'ordinal-punct',
    family: '序次语',
    severity: 'warning',
    message: { zh: (s, right) => `序次语“${s}”应写作“${right}”`, en: (s, right) => `Ordinal “${s}” should be “${right}”` },
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
        if (m) return [{ index: 0, length: m[0].length, args: [m[0], right(m)], fix: right(m) }];
      }
      return [];
    },
  },
  {
    id: 'ordinal-order',
    family: '序次语',
    severity: 'warning',
    message: { zh: (s, why) => `小标题“${s}”的序号${why}`, en: (s, why) => `Heading “${s}”: ${why}` },
    hint: { zh: '层次依次为“一、”“（一）”“1.”“（1）”，不跳级；同一层次的序号连续。', en: 'Levels go “一、” → “（一）” → “1.” → “（1）” without a skip, numbered in sequence.' },
    example: { wrong: '## 一、总体要求\n\n## 三、工作措施', right: '## 一、总体要求\n\n## 二、工作措施' },
  },
  // ---------------------------------------------------------------- 数字与日期
  {
    id: 'num-range',
    family: '数字与日期',
    severity: 'warning',
    message: { zh: (s, right) => `数值范围“${s}”应写作“${right}”`, en: (s, right) => `Range “${s}” should be “${right}”` },
    hint: { zh: '年份起止用一字线“—”（2021—2025年），数值范围用浪纹线“～”（15～30天）；不用“-”或“~”。', en: 'Year spans take “—” (2021—2025年), numeric ranges “～” (15～30天), never “-” or “~”.' },
    example: { wrong: '2021-2025年，15-30天', right: '2021—2025年，15～30天' },
    check: (text) =>
      each(text, /(?<![\dA-Za-z.:\-/])(\d+(?:\.\d+)?)[-~](\d+(?:\.\d+)?)(?=[\p{Script=Han}%])/gu, (m) => {
        const years = /^\d{4}$/.test(m[1]!) && /^\d{4}$/.test(m[2]!) && text[m.index! + m[0].length] === '年';
        const right = `${m[1]}${years ? '—' : '～'}${m[2]}`;
        return { index: m.index!, length: m[0].length, args: [m[0], right], fix: right };
      }),
  },
  {
    id: 'num-range-unit',
    family: '数字与日期',
    severity: 'warning',
    message: { zh: (s, right) => `“${s}”应写作“${right}”`, en: (s, right) => `“${s}” should be “${right}”` },
    hint: { zh: '范围两端都带百分号或“万”“亿”等单位：10%～20%，3万元～5万元。', en: 'Both ends of a range carry % or a unit such as “万” or “亿”: “10%～20%”, “3万元～5万元”.' },
    example: { wrong: '增长10～20%，投入3～5万元', right: '增长10%～20%，投入3万元～5万元' },
    check: (text) => [
      ...each(text, /(\d+(?:\.\d+)?)～(\d+(?:\.\d+)?)%/g, (m) => ({ index: m.index!, length: m[0].length, args: [m[0], `${m[1]}%～${m[2]}%`], fix: `${m[1]}%～${m[2]}%` })),
      ...each(text, /(\d+(?:\.\d+)?)～(\d+(?:\.\d+)?)([万亿])(元|人|吨|户|亩|平方米)?/gu, (m) => {
        const unit = `${m[3]}${m[4] ?? ''}`;
        return { index: m.index!, length: m[0].length, args: [m[0], `${m[1]}${unit}～${m[2]}${unit}`], fix: `${m[1]}${unit}～${m[2]}${unit}` };
      }),
    ],
  },
  {
    id: 'num-leading-dot',
    family: '数字与日期',
    severity: 'warning',
    message: { zh: (s) => `小数“${s}”缺少整数位`, en: (s) => `Decimal “${s}” lacks its integer part` },
    hint: { zh: '纯小数必须写出小数点前的“0”。', en: 'Write the 0 before the decimal point.' },
    example: { wrong: '下降.5个百分点', right: '下降0.5个百分点' },
    check: (text) =>
      each(text, /(?<![\dA-Za-z.])\.(\d+)/g, (m) => (isHan(near(text, m.index!, -1)) || m.index === 0 ? { index: m.index!, length: m[0].length, args: [m[0]], fix: `0.${m[1]}` } : undefined)),
  },
  {
    id: 'date-short-year',
    family: '数字与日期',
    severity: 'warning',
    message: { zh: (s) => `年份“${s}”省略了世纪`, en: (s) => `Shortened year “${s}”` },
    hint: { zh: '年份写全四位：“2021年”，不写“21年”。', en: 'Write the year in full: “2021年”, not “21年”.' },
    example: { wrong: '21年3月', right: '2021年3月' },
    check: (text, ctx) =>
      each(text, /(?<!\d)(?<!\d\.)(?:(?<=截至|截止|到|自|从|于|至)(\d{2})年(?!来|间|内|以来|前|后|左右|多)|(\d{2})年(?=\d{1,2}月))/gu, (m) => {
        const yy = m[1] ?? m[2]!;
        const century = (ctx.date ?? '').slice(0, 2) || '20';
        return { index: m.index!, length: yy.length + 1, args: [`${yy}年`], fix: `${century}${yy}年` };
      }),
  },
  {
    id: 'date-padded',
    family: '数字与日期',
    severity: 'warning',
    message: { zh: (s) => `日期“${s}”的月、日前补了“0”`, en: (s) => `Zero-padded date “${s}”` },
    hint: { zh: '汉字日期中的月、日不补零：“8月1日”。', en: 'No leading zeros before “月” or “日”: “8月1日”.' },
    example: { wrong: '08月01日', right: '8月1日' },
    check: (text) =>
      each(text, /(?<!\d)(0?\d{1,2})月(0?\d{1,2})日|(?<![\d年])0(\d)月/g, (m) => {
        if (m[3] !== undefined) return { index: m.index!, length: m[0].length, args: [m[0]], fix: `${m[3]}月` };
        if (!/^0/.test(m[1]!) && !/^0/.test(m[2]!)) return undefined;
        const right = `${Number(m[1])}月${Number(m[2])}日`;
        return { index: m.index!, length: m[0].length, args: [m[0]], fix: right };
      }),
  },
  {
    id: 'date-mixed-numerals',
    family: '数字与日期',
    severity: 'warning',
    message: { zh: (s) => `日期“${s}”混用了汉字和阿拉伯数字`, en: (s) => `Date “${s}” mixes Chinese and Arabic numerals` },
    hint: { zh: '同一日期用同一种数字：“2023年3月”或“二〇二三年三月”。', en: 'One kind of numeral per date.' },
    example: { wrong: '二〇二三年3月', right: '2023年3月' },
    check: (text) =>
      each(text, new RegExp(`[${CN_NUM}]{4}年\\d{1,2}月|\\d{4}年[${CN_NUM}]{1,2}月`, 'gu'), (m) => ({ index: m.index!, length: m[0].length, args: [m[0]] })),
  },
  {
    id: 'date-hao',
    family: '数字与日期',
    severity: 'warning',
    message: { zh: (s) => `日期“${s}”用了“号”`, en: (s) => `“号” for the day in “${s}”` },
    hint: { zh: '书面语中日期用“日”：“3月5日”。', en: 'Written dates take “日”: “3月5日”.' },
    example: { wrong: '3月5号', right: '3月5日' },
    check: (text) => each(text, /(\d{1,2})月(\d{1,2})号/g, (m) => ({ index: m.index!, length: m[0].length, args: [m[0]], fix: `${m[1]}月${m[2]}日` })),
  },
  // ---------------------------------------------------------------- 用词
  {
    id: 'word-confusable',
    family: '用词',
    severity: 'warning',
    message: { zh: (s, right, why) => `“${s}”应为“${right}”（${why}）`, en: (s, right) => `“${s}” should be “${right}”` },
    hint: { zh: '易混字词：按规范用法改正。', en: 'Commonly confused words: use the standard form.' },
    example: { wrong: '其它地区', right: '其他地区' },
    check: (text) => LEXICON.flatMap(([re, right, why]) => each(text, re, (m) => ({ index: m.index!, length: m[0].length, args: [m[0], right, why], fix: right }))).sort((a, b) => a.index - b.index),
  },
  {
    id: 'word-relative-time',
    family: '用词',
    severity: 'warning',
    message: { zh: (s, day) => `“${s}”在档案中会过时（本期日期为${day}）`, en: (s, day) => `“${s}” goes stale in an archive (this issue is dated ${day})` },
    hint: { zh: '写明具体的年、月、日，如“2021年”“6月”，读者多年后查档也能看懂。', en: 'Name the year, month or day, so the text still reads right years later.' },
    example: { wrong: '今年以来，全省……', right: '2021年以来，全省……' },
    check: (text, ctx) => each(text, RELATIVE, (m) => ({ index: m.index!, length: m[0].length, args: [m[0], issueDay(ctx.date)] })),
  },
  // ---------------------------------------------------------------- 未完成
  {
    id: 'placeholder',
    family: '未完成',
    severity: 'error',
    message: { zh: (s) => `还有待补的内容：“${s}”`, en: (s) => `Unfinished: “${s}”` },
    hint: {
      zh: '填上实际内容后再生成；要先出草稿，用 `bulletin build --draft`（输出标为草稿）。',
      en: 'Fill it in before building; for a draft, `bulletin build --draft` (marked as a draft).',
    },
    example: { wrong: '【待补】市应急管理局', right: '萍乡市应急管理局' },
    check: (text) => [
      ...each(text, /【待[^】\n]*】/gu, (m) => ({ index: m.index!, length: m[0].length, args: [m[0]] })),
      // XX/×× standing for a name or a number (not inside a Latin word or a model number).
      ...each(text, /(?<![A-Za-z0-9])(?:[X×Ｘ]{2,}|[X×Ｘ](?=[年月日号万元人名家个市县区局])|(?<=[年月第])[X×Ｘ])(?![A-Za-z0-9])/gu, (m) => ({ index: m.index!, length: m[0].length, args: [m[0]] })),
      // What an older `bulletin new` wrote for the body.
      ...each(text, /在此撰写正文，段与段之间空一行。/gu, (m) => ({ index: m.index!, length: m[0].length, args: [m[0]] })),
    ],
  },
];

export const LINT_RULE_IDS = LINT_RULES.map((r) => r.id);
export const lintRule = (id: string): LintRule | undefined => LINT_RULES.find((r) => r.id === id);

/** A proofreading finding as catalogue arguments: the rule's own arguments and the rewrite --fix would make. */
export interface LintArgs {
  args: string[];
  fix?: string;
}
const FIX_NOTE = {
  zh: (fix: string) => (fix === '' ? '可删去。' : `改为“${fix}”。`),
  en: (fix: string) => (fix === '' ? ' It can be deleted.' : ` Write “${fix}”.`),
};
function asRule(r: LintRule): Rule<LintArgs> {
  return {
    id: r.id,
    severity: r.severity,
    group: r.family,
    message: { zh: (a) => r.message.zh(...a.args), en: (a) => r.message.en(...a.args) },
    hint: {
      zh: (a) => r.hint.zh + (a.fix === undefined ? '' : FIX_NOTE.zh(a.fix)),
      en: (a) => r.hint.en + (a.fix === undefined ? '' : FIX_NOTE.en(a.fix)),
    },
    example: r.example,
  };
}
/** The proofreading rules as entries of the rule catalogue, by id. */
export const LINT_CATALOGUE: ReadonlyMap<string, Rule<LintArgs>> = new Map(LINT_RULES.map((r) => [r.id, asRule(r)]));
