import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { checkNumbering, nextNumbers, type NumberedSource } from '../../src/archive/numbering.js';
import { keyLines } from '../../src/archive/keyLines.js';
import { parse } from '../../src/pipeline/parse.js';
import type { FrontMatter } from '../../src/model/frontMatter.js';
import { checkProject } from './support.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/numbering/', import.meta.url));

interface Expected {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  ruleId: string;
  /** Other files the message must name. */
  names: string[];
}

describe('numbering rules over fixture archives', () => {
  for (const scenario of readdirSync(FIXTURES).sort()) {
    it(scenario, async () => {
      const root = path.join(FIXTURES, scenario);
      const expected = JSON.parse(readFileSync(path.join(root, 'expected.json'), 'utf8')) as Expected[];
      const found = await checkProject(root);
      const key = (m: { file: string; line: number | null; ruleId: string | null }) => `${m.file}:${m.line}:${m.ruleId}`;
      expect(found.map(key).sort()).toEqual(expected.map(key).sort());
      for (const e of expected) {
        const m = found.find((f) => key(f) === key(e));
        expect(m?.severity).toBe(e.severity);
        for (const name of e.names) expect(m?.message).toContain(name);
      }
    });
  }
});

function entry(path: string, fm: Partial<FrontMatter> & Pick<FrontMatter, 'issue' | 'total' | 'date'>): NumberedSource {
  return { file: new VFile({ path }), frontMatter: fm as FrontMatter, lines: { issue: 2, total: 3, date: 4, series: 7 } };
}

describe('checkNumbering edge cases', () => {
  it('reports a too-late date once, not on every later issue', () => {
    const entries = [
      entry('a.md', { issue: 1, total: 1, date: '2021-01-05' }),
      entry('b.md', { issue: 2, total: 2, date: '2021-12-30' }),
      entry('c.md', { issue: 3, total: 3, date: '2021-01-19' }),
      entry('d.md', { issue: 4, total: 4, date: '2021-01-26' }),
    ];
    checkNumbering(entries, { reset: 'yearly' });
    const all = entries.flatMap((e) => e.file.messages.map((m) => `${e.file.path} ${m.ruleId} ${m.line}`));
    expect(all).toEqual(['b.md numbering-order 4']);
    expect(entries[1]?.file.messages[0]?.reason).toContain('c.md');
  });

  it('reports an issue number going back within a year as an order error', () => {
    const entries = [entry('a.md', { issue: 5, total: 10, date: '2021-03-01' }), entry('b.md', { issue: 4, total: 11, date: '2021-03-08' })];
    checkNumbering(entries, { reset: 'yearly' });
    expect(entries[1]?.file.messages.map((m) => [m.ruleId, m.fatal, m.line])).toEqual([['numbering-order', true, 2]]);
    expect(entries[1]?.file.messages[0]?.reason).toContain('a.md');
  });

  it('keeps counting across years with reset: never', () => {
    const entries = [entry('a.md', { issue: 90, total: 142, date: '2020-12-28' }), entry('b.md', { issue: 91, total: 143, date: '2021-01-05' })];
    checkNumbering(entries, { reset: 'never' });
    expect(entries.flatMap((e) => e.file.messages)).toEqual([]);
  });

  it('reports a duplicate series number on the later issue', () => {
    const s = (number: number) => ({ name: '专刊', number });
    const entries = [
      entry('a.md', { issue: 1, total: 1, date: '2021-01-05', series: s(7) }),
      entry('b.md', { issue: 2, total: 2, date: '2021-01-12', series: s(7) }),
      entry('c.md', { issue: 3, total: 3, date: '2021-01-19', series: { name: '另一专刊', number: 7 } }),
    ];
    checkNumbering(entries, { reset: 'yearly' });
    expect(entries.flatMap((e) => e.file.messages.map((m) => `${e.file.path} ${m.ruleId} ${m.line}`))).toEqual([
      'b.md numbering-series-duplicate 7',
    ]);
    expect(entries[1]?.file.messages[0]?.reason).toContain('a.md');
  });
});

describe('nextNumbers', () => {
  const archive = [
    entry('a.md', { issue: 89, total: 141, date: '2020-12-21', series: { name: '专刊', number: 43 } }),
    entry('b.md', { issue: 90, total: 142, date: '2020-12-28' }),
  ];
  it('continues within the year', () => {
    expect(nextNumbers(archive, { date: '2020-12-30' }, 'yearly')).toEqual({ issue: 91, total: 143 });
  });
  it('restarts the issue in a new year when yearly, not when never', () => {
    expect(nextNumbers(archive, { date: '2021-01-05' }, 'yearly')).toEqual({ issue: 1, total: 143 });
    expect(nextNumbers(archive, { date: '2021-01-05' }, 'never')).toEqual({ issue: 91, total: 143 });
  });
  it('numbers a series after its last issue, and a new series from 1', () => {
    expect(nextNumbers(archive, { date: '2021-01-05', series: '专刊' }, 'yearly')).toEqual({ issue: 1, total: 143, seriesNumber: 44 });
    expect(nextNumbers(archive, { date: '2021-01-05', series: '新专刊' }, 'yearly').seriesNumber).toBe(1);
  });
  it('starts an empty archive at 1', () => {
    expect(nextNumbers([], { date: '2021-01-05' }, 'yearly')).toEqual({ issue: 1, total: 1 });
  });
});

describe('keyLines', () => {
  it('finds the lines of the numbering keys, series.number included', () => {
    const file = new VFile({ path: 'x.md', value: '---\ntitle: 简报\ndate: 2021-06-25\ntotal: 230\nissue: 64\nseries:\n  name: 专刊\n  number: 108\n---\n\n# 标题\n' });
    const parsed = parse(file);
    expect(parsed && keyLines(parsed.yaml)).toEqual({ date: 3, total: 4, issue: 5, series: 8 });
  });
});
