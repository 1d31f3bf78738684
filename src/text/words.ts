/**
 * Words a title may not be broken inside (GB/T 9704 §7.3.1: 词意完整). ICU's word segmenter
 * (Intl.Segmenter) knows common words but splits the compounds of emergency-management
 * writing (危险|化学|品, 十四|五, 专|项), so its segments are joined again where they spell one
 * of these, longest first.
 */
export const DOMAIN_WORDS = [
  '危险化学品', '安全生产', '应急管理', '专项整治', '专项巡查', '专项督查', '专项检查', '专项行动', '专项', '十四五', '十三五',
  '三年行动', '防灭火', '森林防火', '森林火灾', '地质灾害', '自然灾害', '防汛抗旱', '防汛', '抗旱', '应急演练', '应急预案',
  '应急救援', '隐患排查', '风险管控', '安委会', '安委办', '减灾委', '应急厅', '应急局', '消防救援', '非煤矿山', '烟花爆竹',
  '道路交通', '建筑施工', '城镇燃气', '工贸行业', '安全检查', '攻坚行动', '巩固提升', '集中攻坚', '大排查', '大整治',
  '回头看', '全省', '全市', '全县', '省政府', '市政府', '党委政府', '主汛期', '双重预防', '一企一策', '三项制度',
  '调度会', '推进会', '部署会', '座谈会', '标准化', '信息化', '常态化', '今冬明春', '党风廉政', '阶段性',
];

const MAX = Math.max(...DOMAIN_WORDS.map((w) => w.length));
const KNOWN = new Set(DOMAIN_WORDS);
let segmenter: Intl.Segmenter | undefined;

/** The text cut into words that must stay whole; punctuation and single characters stand alone. */
export function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const parts = [...segmenter.segment(text)].map((s) => s.segment);
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    // The longest run of segments that spells a known word.
    let taken = 1;
    let joined = parts[i]!;
    for (let j = i + 1, s = joined; j < parts.length && s.length < MAX; j++) {
      s += parts[j]!;
      if (KNOWN.has(s)) {
        taken = j - i + 1;
        joined = s;
      }
    }
    out.push(joined);
    i += taken;
  }
  return out;
}

/** Marks that may not begin a line (避头) or end one (避尾): they stay with their neighbour. */
const NO_START = /^[，。、；：？！）》」』〕】”’…—·%,.;:?!)\]]/;
const NO_END = /[（《「『〔【“‘([]$/;

/** Set full width by a Chinese face though below the CJK blocks: —, ‘’“”, …. */
const WIDE = /[\u2014\u2018\u2019\u201c\u201d\u2026]/;
/** A string's width in ems: full-width characters one, others (figures, Latin) a little over a half. */
const ems = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 || WIDE.test(ch) ? 1 : 0.55), 0);

/** Words as the units a line may break between: 避头尾 marks joined to their neighbours. */
function units(text: string): string[] {
  const out: string[] = [];
  let glue = false;
  for (const w of words(text)) {
    if (out.length && (glue || NO_START.test(w))) out[out.length - 1] += w;
    else out.push(w);
    glue = NO_END.test(w);
  }
  return out;
}

function fill(list: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const u of list) {
    if (line && ems(line + u) > width + 1e-6) {
      lines.push(line);
      line = u;
    } else line += u;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The lines of a title, subtitle or heading `width` ems wide, as the print sets it (CSS
 * `text-wrap: balance` over words that never break inside): as many lines as filling the whole
 * width takes, broken between words where the lines' slack (squared, summed) is least, so the
 * lines come out as even as the words allow. The Word edition breaks its titles here, so that
 * they break where the PDF's do.
 */
export function balancedLines(text: string, width: number): string[] {
  const list = units(text);
  const count = fill(list, width).length;
  if (count <= 1) return [text];
  const n = list.length;
  const len = (i: number, j: number) => ems(list.slice(i, j).join(''));
  // best[k][j]: least cost of the first j units in k lines, and where its last line starts.
  const best: Array<Array<{ cost: number; from: number }>> = [[{ cost: 0, from: 0 }, ...Array.from({ length: n }, () => ({ cost: Infinity, from: 0 }))]];
  for (let k = 1; k <= count; k++) {
    const row = Array.from({ length: n + 1 }, () => ({ cost: Infinity, from: 0 }));
    for (let j = 1; j <= n; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const w = len(i, j);
        if (w > width + 1e-6) break;
        const cost = best[k - 1]![i]!.cost + (width - w) ** 2;
        if (cost < row[j]!.cost) row[j] = { cost, from: i };
      }
    }
    best.push(row);
  }
  const lines: string[] = [];
  for (let k = count, j = n; k > 0; k--) {
    const from = best[k]![j]!.from;
    lines.unshift(list.slice(from, j).join(''));
    j = from;
  }
  return lines;
}
