/**
 * The shapes of the lines of a 简报 that `import` recognises. Applied to lines already cleaned
 * (no spaces between Chinese characters and digits), so "2021 年 6 月 25 日" arrives as
 * "2021年6月25日".
 */
import { isCalendarDate } from '../model/dates.js';

const DATE_SOURCES = [
  // 2021年6月25日
  String.raw`(?<y1>\d{4})年(?<m1>\d{1,2})月(?<d1>\d{1,2})日`,
  // 2021-06-25, 2021.6.25, 2021/6/25
  String.raw`(?<y2>\d{4})[-./](?<m2>\d{1,2})[-./](?<d2>\d{1,2})`,
  // 25.07.2019 (day first, as some news sites write it)
  String.raw`(?<d3>\d{1,2})\.(?<m3>\d{1,2})\.(?<y3>\d{4})`,
];
export const DATE = `(?:${DATE_SOURCES.join('|')})`;

/** A line that is only a page number: "— 3 —", "- 3 -", "第 3 页 共 8 页" (text, PDF and Word imports alike). */
export const PAGE_NUMBER = /^(?:[—–－-]+\s*\d{1,4}\s*[—–－-]+|第\s*\d{1,4}\s*[页頁](?:\s*[，,/]?\s*共\s*\d{1,4}\s*[页頁])?)$/;

/** The faces of a 简报 a font name tells: 小标宋 (title), 黑体, 楷体, else the body's 仿宋. */
export type Face = 'title' | 'hei' | 'kai' | 'body';

/** The face a font's name (a PDF's font, a Word run's font) says it is. */
export function faceOf(font: string): Face {
  if (/Black|Heavy|Bold|XiaoBiaoSong|小标宋/i.test(font)) return 'title';
  if (/Sans|Hei|黑/i.test(font)) return 'hei';
  if (/Kai|楷/i.test(font)) return 'kai';
  return 'body';
}

function isoOf(groups: Record<string, string | undefined>): string | undefined {
  const y = groups.y1 ?? groups.y2 ?? groups.y3;
  const m = groups.m1 ?? groups.m2 ?? groups.m3;
  const d = groups.d1 ?? groups.d2 ?? groups.d3;
  if (!y || !m || !d) return undefined;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/** A line that is only a date, optionally followed by a time of day ("25.07.2019  16:21"). */
export function dateLine(text: string): { date: string; time?: string } | undefined {
  const m = new RegExp(`^${DATE}(?:\\s+(?<time>\\d{1,2}:\\d{2}(?::\\d{2})?))?$`).exec(text.trim());
  const date = m?.groups ? isoOf(m.groups) : undefined;
  if (!m || !date) return undefined;
  return m.groups?.time ? { date, time: m.groups.time } : { date };
}

/** "第64期（总第230期）", "第64期", "总第230期". */
export function issueLine(text: string): { issue?: number; total?: number } | undefined {
  const m = /^(?:第(\d+)期)?\s*(?:[（(]?总第(\d+)期[）)]?)?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return undefined;
  return { ...(m[1] ? { issue: Number(m[1]) } : {}), ...(m[2] ? { total: Number(m[2]) } : {}) };
}

/** "省安全生产专项整治三年行动专刊（108）". */
export function seriesLine(text: string): { name: string; number: number } | undefined {
  const m = /^(.{1,40}?专刊)\s*[（(](\d+)[）)]$/.exec(text);
  return m?.[1] && m[2] && Number(m[2]) >= 1 ? { name: m[1], number: Number(m[2]) } : undefined;
}

export const MARKERS = /^(注意保存|内部资料(?:[，,\s]*注意保存)?|内部刊物|机密|秘密|绝密)$/;

/** Office names: the 编发单位 and the office that prints the issue. */
const OFFICE = /^[\p{Script=Han}（）()]{3,30}(办公室|委员会|厅|局|政府|中心|指挥部|办)$/u;
export function officeLine(text: string): boolean {
  return OFFICE.test(text);
}

/** "江西省安全生产委员会办公室2021年6月25日" (one line in layout-preserving extractions). */
export function officeDateLine(text: string): { office: string; date: string } | undefined {
  const m = new RegExp(`^(?<office>\\D+?)\\s*${DATE}$`).exec(text);
  const office = m?.groups?.office?.trim();
  const date = m?.groups ? isoOf(m.groups) : undefined;
  return office && date && officeLine(office) ? { office, date } : undefined;
}

/** A masthead title: "江西应急管理简报". */
export function mastheadTitle(text: string): boolean {
  return /^[\p{Script=Han}]{2,20}(简报|快报|动态|通讯|信息|通报|专报|要情)$/u.test(text);
}

export const DISTRIBUTION_LABELS = ['抄报', '分送', '抄送', '报送', '发送', '印送', '送'];
const DISTRIBUTION = new RegExp(`^(${DISTRIBUTION_LABELS.join('|')})\\s*[：:]\\s*(.*)$`);
export function distributionLine(text: string): { label: string; text: string } | undefined {
  const m = DISTRIBUTION.exec(text);
  return m?.[1] !== undefined && m[2] !== undefined ? { label: m[1], text: m[2] } : undefined;
}

/** "江西省安全生产委员会办公室  2021年6月25日印发（共印200份）" and its parts. */
export function printedLine(text: string): { office?: string; date: string; copies?: number } | undefined {
  const m = new RegExp(`^(?<office>\\D*?)\\s*${DATE}\\s*印发\\s*(?:[（(]?共印\\s*(?<copies>\\d+)\\s*份[）)]?)?$`).exec(text);
  const date = m?.groups ? isoOf(m.groups) : undefined;
  if (!m?.groups || !date) return undefined;
  const office = m.groups.office?.trim();
  const copies = m.groups.copies ? Number(m.groups.copies) : undefined;
  return { date, ...(office ? { office } : {}), ...(copies ? { copies } : {}) };
}

export function copiesLine(text: string): number | undefined {
  const m = /^[（(]?共印\s*(\d+)\s*份[）)]?$/.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}

/** Sentence-final punctuation: a paragraph ending otherwise may have been cut by a page break. */
export const TERMINAL = /[。！？!?…；;：:”’」』）)]$/;
/** Any punctuation a heading does not end with. */
export const HEADING_END = /[。！？!?…；;：:，,、]$/;

/** "一、总体要求" → 2, "（一）动员部署" → 3. */
export function headingDepth(text: string): 2 | 3 {
  return /^[（(][一二三四五六七八九十]+[）)]|^\d+[.．、]/.test(text) ? 3 : 2;
}

/** Structure that never continues a sentence: a list item, a dash item, a numbered heading. */
export const STARTS_BLOCK = /^(——|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十\d]+[章节条部])/;

/** Credits and bylines that are body text however short they are. */
export const CREDIT = /^(编辑|责任编辑|责编|来源|作者|记者|通讯员|摄影|审核|校对|原标题|供稿)\s*[：:]/;

/** A paragraph wholly in parentheses: "（上饶市应急管理局供稿）". */
export function sourceLine(text: string): boolean {
  return /^[（(][^（）()]*[）)]$/.test(text);
}

/** Every date in the text written the one way the bulletin prints it: "2021年6月25日". */
export function normaliseDates(text: string): string {
  return text.replace(new RegExp(DATE, 'g'), (...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const iso = isoOf(groups);
    if (!iso) return args[0] as string;
    const [y, m, d] = iso.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  });
}

/** A table cell that is a number ("2100", "1.8", "35%"): such columns are set flush right. */
export const NUMBER = /^[-+]?[\d.,，%％]+$/;

const TOC_MARK = /^\s*[◆◇●■□★·•]\s*/;

/**
 * The 本期要目 block among lines of text: the line "本期要目" and the "◆" entries after it
 * (at `at`, up to `end`), with the entries' text. The template prints it from the titles.
 */
export function tocBlock(lines: Array<{ text: string }>): { at: number; end: number; entries: string[] } | undefined {
  const at = lines.findIndex((l) => l.text.replace(/\s+/g, '') === '本期要目');
  if (at < 0) return undefined;
  let end = at + 1;
  while (end < lines.length && TOC_MARK.test(lines[end]!.text)) end++;
  return end > at + 1 ? { at, end, entries: lines.slice(at + 1, end).map((l) => l.text.replace(TOC_MARK, '')) } : undefined;
}
