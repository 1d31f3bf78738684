import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { lintTypography, type LintOptions } from '../../src/lint/typography.js';
import { parse } from '../../src/pipeline/parse.js';
import { lintRule } from '../../src/lint/rules.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/typography/', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../fixtures/samples/jx-2021-064.md', import.meta.url));

function lint(text: string, name = 'x.md', rules: LintOptions['rules'] = {}): VFile {
  const file = new VFile({ path: name, value: text });
  const parsed = parse(file);
  if (!parsed) throw new Error(`fixture does not parse: ${name}`);
  lintTypography(file, parsed.tree, { date: '2021-06-25', rules });
  return file;
}

const body = (text: string, rules: LintOptions['rules'] = {}) => lint(`---\nissue: 1\ntotal: 1\ndate: 2021-01-05\n---\n\n${text}\n`, 'x.md', rules);
/** A fixture's own rule switched on at its default severity (an opt-in rule is off by default). */
const own = (rule: string): LintOptions['rules'] => ({ [rule]: lintRule(rule)!.severity });

describe('typography fixtures', () => {
  for (const rule of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, rule);
    it(`${rule}: the positive fires at each expected place, as a warning with a hint`, () => {
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Array<{ line: number; column: number }>;
      const file = lint(readFileSync(path.join(dir, 'positive.md'), 'utf8'), `${rule}/positive.md`, own(rule));
      expect(file.messages.map((m) => ({ line: m.line, column: m.column }))).toEqual(expected);
      for (const m of file.messages) {
        expect(m.ruleId).toBe(rule);
        expect(m.fatal).toBe(lintRule(rule)!.severity === 'error');
        expect(m.reason).toMatch(/\p{Script=Han}/u);
        expect(m.note).toMatch(/\p{Script=Han}/u);
      }
    });
    it(`${rule}: the near-miss reports nothing`, () => {
      const file = lint(readFileSync(path.join(dir, 'near-miss.md'), 'utf8'), `${rule}/near-miss.md`, own(rule));
      expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([]);
    });
  }

  it('reports nothing on the sample bulletin', () => {
    expect(lint(readFileSync(SAMPLE, 'utf8')).messages).toEqual([]);
  });

  it('reports nothing on the demo issues', () => {
    const demos = fileURLToPath(new URL('../../bulletins/', import.meta.url));
    for (const rel of ['2021/064.md', '2021/065.md', '2022/001.md']) {
      expect(lint(readFileSync(path.join(demos, rel), 'utf8'), rel).messages.map((m) => `${rel}:${m.line}:${m.column} ${m.ruleId}`)).toEqual([]);
    }
  });

  it('reports each rule of a mixed paragraph at its own column', () => {
    const line = '其它地区今年以来投入3～5万元,完成率提高.5个百分点...21年3月将 再督导。';
    const col = (needle: string) => line.indexOf(needle) + 1;
    expect(body(line, { 'word-relative-time': 'warning' }).messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      `7:${col('其它')} word-confusable`,
      `7:${col('今年')} word-relative-time`,
      `7:${col('3～5')} num-range-unit`,
      `7:${col(',')} typo-halfwidth-punct`,
      `7:${col('.5')} num-leading-dot`,
      `7:${col('...')} typo-ellipsis`,
      `7:${col('21年')} date-short-year`,
      `7:${col(' 再')} typo-han-space`,
    ].sort((a, b) => Number(a.split(/[: ]/)[1]) - Number(b.split(/[: ]/)[1])));
  });
});

describe('typography details', () => {
  it('checks across inline formatting but not inline code, HTML or autolinks', () => {
    // The comma inside code, the one after the HTML and the URL are skipped; “丁 见” is a space between characters.
    expect(body('安全**生产**,工作 `甲,乙` 丙<br>,丁 见 www.gov.cn。').messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['7:9 typo-halfwidth-punct', '7:26 typo-han-space']);
  });
  it('pairs brackets only within a paragraph', () => {
    expect(body('他说：“第一段\n\n第二段。”').messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '7:4 typo-unpaired',
      '9:5 typo-unpaired',
    ]);
  });
  it('places a finding after an escape on its own column', () => {
    expect(body('\\*注\\*安全,生产').messages.map((m) => `${m.line}:${m.column}`)).toEqual(['7:8']);
  });
  it('gives the half-width replacement in the hint', () => {
    expect(body('第１２期').messages[0]?.note).toContain('“12”');
  });
});
