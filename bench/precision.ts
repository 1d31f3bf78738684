// Precision and recall of each proofreading rule over the precision corpus (tests/fixtures/corpus/,
// verdicts in golden.txt). Printed at the end of `npm run bench`, and alone by `npm run bench:precision`:
//   node --import tsx bench/precision.ts
import { corpusFindings, golden, scores } from '../tests/lint/corpus.js';

const judged = golden();
const found = new Set(corpusFindings());
const unjudged = [...found].filter((f) => !judged.some((j) => j.key === f));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`.padStart(8);
const lines = [`${'rule'.padEnd(24)}${'tp'.padStart(5)}${'fp'.padStart(5)}${'fn'.padStart(5)}${'precision'.padStart(11)}${'recall'.padStart(9)}`];
for (const r of scores(judged)) lines.push(`${r.rule.padEnd(24)}${String(r.tp).padStart(5)}${String(r.fp).padStart(5)}${String(r.fn).padStart(5)}   ${pct(r.precision)} ${pct(r.recall)}`);
process.stdout.write(`proofreading over the precision corpus (${found.size} findings)\n${lines.join('\n')}\n`);
if (unjudged.length) process.stdout.write(`not judged yet (add them to golden.txt): ${unjudged.join(', ')}\n`);
