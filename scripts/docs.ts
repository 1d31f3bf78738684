// Writes the generated reference docs (npm run docs). A test fails when they are stale.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { schemaDocs } from '../src/docs/schemaDocs.js';

const root = path.resolve(import.meta.dirname, '..');
for (const [rel, text] of Object.entries(schemaDocs())) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
  process.stdout.write(`${rel}\n`);
}
