// --verbose tells how the browser was found and started, a line each, in the chosen language.
import { expect, it } from 'vitest';
import { bulletin } from '../helpers/cli.js';
import { tempProject } from '../helpers/project.js';

const SOURCE = { 'bulletins/a.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n正文。\n' };

it('--verbose: the browser lines one after another, no blank line between them', async () => {
  const dir = await tempProject(SOURCE);
  const r = await bulletin(dir, ['build', '--format', 'pdf', '--verbose']);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stderr.split('\n');
  const found = lines.findIndex((l) => l.startsWith('查找浏览器：'));
  const browser = lines.findIndex((l) => l.startsWith('浏览器：'));
  expect(found).toBeGreaterThanOrEqual(0);
  expect(browser).toBeGreaterThan(found);
  expect(lines.slice(found, browser + 1).filter((l) => l.trim() === '')).toEqual([]);
});
