// Every rule's documented examples are true: the wrong one makes the rule fire, the right one
// does not; docs/rules.md lists every rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../src/lint/rules.js';
import { findingsOn } from '../../src/docs/lintExamples.js';

describe('rule examples', () => {
  for (const rule of LINT_RULES) {
    it(`${rule.id}: “${rule.example.wrong}” fires, “${rule.example.right}” does not`, () => {
      expect(findingsOn(rule, rule.example.wrong).length).toBeGreaterThan(0);
      expect(findingsOn(rule, rule.example.right).map((m) => m.reason)).toEqual([]);
    });
  }
  it('docs/rules.md lists every rule', () => {
    const page = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    for (const rule of LINT_RULES) expect(page).toContain(`| \`${rule.id}\` |`);
  });
});
