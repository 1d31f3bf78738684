// The reference docs are generated from the schemas and the error catalogue: never stale.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { schemaDocs } from '../../src/docs/schemaDocs.js';

it('docs/ matches the schemas (run `npm run docs` after changing a schema)', async () => {
  const root = path.resolve(import.meta.dirname, '../..');
  for (const [rel, text] of Object.entries(schemaDocs())) {
    expect(await readFile(path.join(root, rel), 'utf8'), rel).toBe(text);
    expect(text).toMatch(/^\| .+ \|$/m);
  }
  expect(schemaDocs()['docs/front-matter.md']).toContain('| `series.number` | 整数 ≥ 1 | 是 |');
});
