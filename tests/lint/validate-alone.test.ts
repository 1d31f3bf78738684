// validate and lint are independent passes (issue 21): a front-matter value still marked 【待补】
// is left to the placeholder rule whether or not lint ran first, and lint does not need validate.
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { lintTypography } from '../../src/lint/typography.js';
import { parse } from '../../src/pipeline/parse.js';
import { validate } from '../../src/pipeline/validate.js';

const SOURCE = '---\nissue: 【待补】\ntotal: 12\ndate: 2021-06-25\n---\n\n# 标题\n\n正文。\n';

const run = (passes: Array<'lint' | 'validate'>) => {
  const file = new VFile({ path: 'a.md', value: SOURCE });
  const parsed = parse(file)!;
  for (const pass of passes) {
    if (pass === 'lint') lintTypography(file, parsed.tree, {});
    else validate(file, parsed);
  }
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`).sort();
};

describe('validate and lint', () => {
  it('validate alone does not report a 【待补】 value as a wrong type', () => {
    expect(run(['validate'])).toEqual([]);
  });
  it('the same messages in either order', () => {
    expect(run(['lint', 'validate'])).toEqual(['2:8 placeholder']);
    expect(run(['validate', 'lint'])).toEqual(['2:8 placeholder']);
  });
});
