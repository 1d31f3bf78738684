// Issue 23: the defaults fit 公文/简报 practice, the faults that slipped through are caught, and
// every message reads with its real values in both languages.
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { ruleById } from '../../src/catalogue.js';
import { findingsOn } from '../../src/docs/lintExamples.js';
import { CONFUSABLES } from '../../src/lint/confusables.js';
import { LINT_RULES } from '../../src/lint/rules.js';
import { lintTypography, type LintOptions } from '../../src/lint/typography.js';
import { parse } from '../../src/pipeline/parse.js';

function lint(markdown: string, options: LintOptions = { date: '2021-06-25' }, front = 'issue: 1\ntotal: 1\ndate: 2021-06-25\n'): VFile {
  const file = new VFile({ path: 'x.md', value: `---\n${front}---\n\n${markdown}\n` });
  lintTypography(file, parse(file)!.tree, options);
  return file;
}
const found = (file: VFile) => file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}${m.expected ? ` → ${JSON.stringify(m.expected[0])}` : ''}`);

describe('defaults that fit 公文 practice', () => {
  it('a single space between two parallel phrases of a title or heading is right; more spaces become one full-width space', () => {
    expect(found(lint('# 强化责任落实 筑牢安全防线\n\n## 一、狠抓问题整改　确保取得实效\n\n正文。'))).toEqual([]);
    expect(found(lint('# 强化责任落实  筑牢安全防线\n\n正文。'))).toEqual(['7:9 typo-han-space → "\u3000"']);
    // In body text the space is still wrong, and deleted.
    expect(found(lint('# 标题\n\n强化责任落实 筑牢安全防线。'))).toEqual(['9:7 typo-han-space → ""']);
  });

  it('relative-time words are off by default, date or no date; turned on, the message names the date or says there is none', () => {
    expect(found(lint('# 标题\n\n今年以来，近日，日前。'))).toEqual([]);
    expect(found(lint('# 标题\n\n今年以来。', {}, 'issue: 1\n'))).toEqual([]);
    const on = lint('# 标题\n\n今年以来。', { date: '2021-06-25', rules: { 'word-relative-time': 'warning' } });
    expect(on.messages[0]?.reason).toBe('“今年”在档案中会过时（本期日期为2021年6月25日）');
    const undated = lint('# 标题\n\n今年以来。', { rules: { 'word-relative-time': 'warning' } }, 'issue: 1\n');
    expect(undated.messages[0]?.reason).toBe('“今年”在档案中会过时（本期前置信息中没有日期）');
    expect(ruleById('word-relative-time')!.message.en(undated.messages[0]!.args)).toBe('“今年” goes stale in an archive (this issue has no date in its front matter)');
    expect(ruleById('word-relative-time')!.message.en(on.messages[0]!.args)).toBe('“今年” goes stale in an archive (this issue is dated 25 June 2021)');
  });

  it('ranges: time and place take the 一字线, quantities the 浪纹线, by the unit', () => {
    expect(found(lint('# 标题\n\n3-5月，2021-2025年，9-11时，15-30天，5-10吨，3-5个月，10-20%，2-3小时。'))).toEqual([
      '9:1 num-range → "3—5"',
      '9:6 num-range → "2021—2025"',
      '9:17 num-range → "9—11"',
      '9:23 num-range → "15～30"',
      '9:30 num-range → "5～10"',
      '9:36 num-range → "3～5"',
      '9:42 num-range → "10～20"',
      '9:49 num-range → "2～3"',
    ]);
    expect(found(lint('# 标题\n\n3～5月。'))).toEqual(['9:1 num-range → "3—5"']);
    expect(found(lint('# 标题\n\n3—5月，15～30天，北京—上海。'))).toEqual([]);
  });

  it('a numbered run-in paragraph counts in the order of the headings', () => {
    expect(found(lint('# 标题\n\n一、总体要求。全省上下……\n\n## 二、工作措施\n\n正文。'))).toEqual([]);
    expect(found(lint('# 标题\n\n## 一、总体要求\n\n## 三、工作措施'))).toEqual(['11:4 ordinal-order']);
    const gap = lint('# 标题\n\n## 一、总体要求\n\n## 三、工作措施').messages[0]!;
    expect(gap.reason).toBe('小标题“三、”的序号不连续：这一层的上一个序号是 1，这里应为 2');
    expect(ruleById('ordinal-order')!.message.en(gap.args)).toBe('Heading “三、” is out of sequence: the previous number of this level is 1, so this one should be 2');
  });
});

describe('faults that slipped through', () => {
  it('half-width , ; : beside digits, percentages and closing marks; decimals, times, ratios, URLs and e-mail intact', () => {
    expect(found(lint('# 标题\n\n按照部署,6月3日起,下降12.5%,同比;开展“双随机”,对企业;印发《通知》,明确。'))).toEqual([
      '9:5 typo-halfwidth-punct → "，"',
      '9:11 typo-halfwidth-punct → "，"',
      '9:19 typo-halfwidth-punct → "，"',
      '9:22 typo-halfwidth-punct → "；"',
      '9:30 typo-halfwidth-punct → "，"',
      '9:34 typo-halfwidth-punct → "；"',
      '9:41 typo-halfwidth-punct → "，"',
    ]);
    expect(found(lint('# 标题\n\n增长12.5%，9:30召开，比例1:2，见www.gov.cn/a.html，发至ab.c@gov.cn，规范GB/T 9704-2012。'))).toEqual([]);
    // After a percentage, before a figure (seen in a real web text not in the corpus); a thousands separator stays.
    expect(found(lint('# 标题\n\n过期率达12%,1-9月办结率不足85%;全年1,200项。'))).toEqual(['9:8 typo-halfwidth-punct → "，"', '9:9 num-range → "1—9"', '9:21 typo-halfwidth-punct → "；"']);
  });

  it('Chinese glued onto a URL is still checked, the URL is not', () => {
    expect(found(lint('# 标题\n\n见http://www.gov.cn/a,b.htm查看全文,请反馈。'))).toEqual(['9:31 typo-halfwidth-punct → "，"']);
    expect(found(lint('# 标题\n\n详见www.gov.cn,或来电。'))).toEqual(['9:13 typo-halfwidth-punct → "，"']);
  });

  it('no 顿号 between quoted or titled items (GB/T 15834 §4.5.3.5), unless a note stands between them', () => {
    expect(found(lint('# 标题\n\n“放管服”、“最多跑一次”'))).toEqual(['9:5 typo-dunhao-quoted → "”“"']);
    expect(found(lint('# 标题\n\n《红楼梦》（1982年版）、《三国演义》'))).toEqual([]);
  });

  it('confusable words: at least 150 published pairs, at word boundaries only', () => {
    expect(CONFUSABLES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CONFUSABLES.map((c) => c.wrong)).size).toBe(CONFUSABLES.length);
    expect(found(lint('# 标题\n\n各地认真布署安全渡汛工作，更换消防拴，天然气管道泄露。'))).toEqual([
      '9:5 word-confusable → "部署"',
      '9:9 word-confusable → "度汛"',
      '9:16 word-confusable → "消火栓"',
      '9:25 word-confusable → "泄漏"',
    ]);
    // 子细 (仔细) inside 孙子细心, 联接 inside nothing: only whole words are touched.
    expect(found(lint('# 标题\n\n孙子细心，泄露秘密，天然气站。'))).toEqual([]);
  });

  it('a repeated title, and a title or heading ending in ，；：', () => {
    expect(found(lint('# 全省防汛工作会议召开全省防汛工作会议召开\n\n## 一、压实责任，\n\n## 二、工作措施：\n\n正文。'))).toEqual([
      '7:13 heading-repeated → ""',
      '9:10 typo-heading-period → ""',
      '11:10 typo-heading-period → ""',
    ]);
    // A half-width mark ending a heading is reported once, to be deleted; the 序次语 “1.” is not a full stop.
    expect(found(lint('# 标题\n\n## 一、工作措施:\n\n### 1.\n\n正文。'))).toEqual(['9:10 typo-heading-period → ""', '11:5 ordinal-order']);
  });
});

describe('messages', () => {
  it('every rule reads with its real values in Chinese and English: no template, no undefined', () => {
    for (const rule of LINT_RULES) {
      for (const m of findingsOn(rule, rule.example.wrong)) {
        const en = ruleById(rule.id)!;
        for (const text of [m.reason, m.note ?? '', en.message.en(m.args), en.hint.en(m.args)]) {
          expect(text, rule.id).not.toMatch(/\$\{|undefined|NaN|\[object|（前置信息中的日期）/);
          expect(text.trim(), rule.id).not.toBe('');
        }
      }
    }
  });
});
