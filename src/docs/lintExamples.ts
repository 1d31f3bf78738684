import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { parse } from '../pipeline/parse.js';
import { lintTypography } from '../lint/typography.js';
import { isOf } from '../diagnostics/report.js';


/**
 * What a rule reports on a piece of Markdown, through the real parser and lint (an issue with a
 * title around it): proves the documented examples and tells whether --fix can rewrite them.
 */
export function findingsOn(rule: { id: string }, markdown: string): VFileMessage[] {
  const file = new VFile({ path: 'example.md', value: `---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n# 标题\n\n${markdown}\n` });
  const parsed = parse(file);
  if (!parsed) return [];
  // The rule itself is switched on (an opt-in rule is off by default).
  lintTypography(file, parsed.tree, { date: '2021-06-25', rules: { [rule.id]: 'warning' } });
  return file.messages.filter((m) => isOf(m, rule));
}
