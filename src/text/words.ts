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
