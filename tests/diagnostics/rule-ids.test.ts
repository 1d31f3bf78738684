// Rule ids are a literal union drawn from the catalogue: a misspelt id does not compile. Each
// `@ts-expect-error` below is checked by `npm run typecheck` (tsc over tests/): if the typing were
// removed (ids widened to string), the line would compile, the directive would be unused, and
// the typecheck would fail.
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { allRules, ruleById, type RuleId } from '../../src/catalogue.js';
import { isOf } from '../../src/diagnostics/report.js';
import * as rules from '../../src/diagnostics/rules.js';
import { LINT, LINT_RULES, type LintRuleId } from '../../src/lint/rules.js';
import { lintTypography, type LintOptions } from '../../src/lint/typography.js';
import { parse } from '../../src/pipeline/parse.js';

describe('rule ids are typed', () => {
  it('accepts every id of the catalogue, and only those', () => {
    const good: RuleId[] = ['placeholder', 'typo-han-space', 'front-matter-unknown-key', 'config-yaml-tab', 'import-furniture'];
    // @ts-expect-error — 'placholder' is not a rule id
    const typo: RuleId = 'placholder';
    // @ts-expect-error — a stage rule's id misspelt
    const stage: rules.StageRuleId = 'front-matter-unkown-key';
    for (const id of good) expect(ruleById(id)).toBeDefined();
    expect(ruleById(typo)).toBeUndefined();
    expect(ruleById(stage)).toBeUndefined();
    expect(new Set<string>(allRules().map((r) => r.id))).toContain('typo-dunhao-quoted');
  });

  it('a project setting for a misspelt lint rule does not compile in code', () => {
    const settings: LintOptions['rules'] = {
      'typo-han-space': 'off',
      // @ts-expect-error — 'typo-han-spce' is not a lint rule
      'typo-han-spce': 'off',
    };
    const ids: LintRuleId[] = LINT_RULES.map((r) => r.id);
    expect(ids).toContain('typo-han-space');
    expect(Object.keys(settings ?? {})).toHaveLength(2);
  });

  it('messages are matched by the rule, not by a string', () => {
    const file = new VFile({ path: 'x.md', value: '---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n# 标题\n\n【待补】\n' });
    lintTypography(file, parse(file)!.tree, {});
    const m = file.messages[0]!;
    expect(isOf(m, LINT.placeholder)).toBe(true);
    expect(isOf(m, rules.importFurniture)).toBe(false);
    // @ts-expect-error — there is no rule named placholder
    expect(isOf(m, LINT.placholder ?? { id: '' })).toBe(false);
  });
});
