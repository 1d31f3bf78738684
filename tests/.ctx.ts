import { readFileSync } from 'node:fs';
const lines = readFileSync('/tmp/findings.txt','utf8').trim().split('\n');
const want = process.argv[2];
for (const l of lines) {
  const [place, rule] = l.split(' ');
  if (want && rule !== want) continue;
  const [file, line, col] = place!.split(':');
  const text = readFileSync(`tests/fixtures/corpus/${file}`, 'utf8').split('\n')[Number(line)-1]!;
  const c = Number(col)-1;
  console.log(place, rule, '|', text.slice(Math.max(0,c-8), c) + '⟦' + text.slice(c, c+3) + '⟧' + text.slice(c+3, c+10));
}
