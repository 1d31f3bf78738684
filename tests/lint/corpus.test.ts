// The precision corpus against its golden file (tests/fixtures/corpus/golden.txt): a new finding
// fails (judge it and add it as tp or fp), and so does a listed one that is no longer found.
import { describe, expect, it } from 'vitest';
import { corpusFindings, golden, scores } from './corpus.js';

describe('precision corpus', () => {
  const judged = golden();
  const found = corpusFindings();

  it('finds exactly the findings of the golden file', () => {
    const expected = judged.filter((j) => j.verdict !== 'fn').map((j) => j.key);
    const unexpected = found.filter((f) => !expected.includes(f));
    const vanished = expected.filter((e) => !found.includes(e));
    expect({ unexpected, vanished }).toEqual({ unexpected: [], vanished: [] });
  });

  it('meets the targets of issue 23 on it: every warning rule ≥ 95 % precise, ≥ 98 % overall', () => {
    for (const row of scores(judged)) expect(row.precision, row.rule).toBeGreaterThanOrEqual(row.rule === '(all)' ? 0.98 : 0.95);
    const halfwidth = scores(judged).find((r) => r.rule === 'typo-halfwidth-punct')!;
    expect(halfwidth.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('reads a well-formed golden file', () => {
    for (const j of judged) expect(j.key, j.key).toMatch(/^[\w.-]+\.md:\d+:\d+ [a-z-]+$/);
    expect(judged.every((j) => ['tp', 'fp', 'fn'].includes(j.verdict))).toBe(true);
  });
});
