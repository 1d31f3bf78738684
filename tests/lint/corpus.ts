/**
 * The precision corpus (tests/fixtures/corpus/): real texts (the archivist's samples as the import
 * writes them, the sample issue, the demos) and texts written down from the standards' own
 * examples, linted with the project defaults, against golden.txt — one line per finding a person
 * judged: `file:line:column rule verdict`, verdict tp (a real fault), fp (a false alarm, kept so
 * it stays visible) or fn (a real fault the rules do not find). The test holds the findings to the
 * tp and fp lines; the bench prints precision and recall per rule from the verdicts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { lintTypography } from '../../src/lint/typography.js';
import { parse } from '../../src/pipeline/parse.js';

export const CORPUS = path.resolve(import.meta.dirname, '../fixtures/corpus');

export type Verdict = 'tp' | 'fp' | 'fn';
export interface Judged {
  key: string;
  rule: string;
  verdict: Verdict;
  note: string;
}

/** file:line:column rule, for every finding on the corpus with the project defaults. */
export function corpusFindings(): string[] {
  const out: string[] = [];
  for (const name of readdirSync(CORPUS).filter((n) => n.endsWith('.md')).sort()) {
    const file = new VFile({ path: name, value: readFileSync(path.join(CORPUS, name), 'utf8') });
    const parsed = parse(file);
    if (!parsed) throw new Error(`${name} does not parse`);
    const date = (parsed.yaml.value as { date?: unknown } | null)?.date;
    lintTypography(file, parsed.tree, typeof date === 'string' ? { date } : {});
    for (const m of file.messages) out.push(`${name}:${m.line}:${m.column} ${m.ruleId}`);
  }
  return out;
}

export function golden(): Judged[] {
  return readFileSync(path.join(CORPUS, 'golden.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [place = '', rule = '', verdict = '', ...note] = l.split(/\s+/);
      return { key: `${place} ${rule}`, rule, verdict: verdict as Verdict, note: note.join(' ') };
    });
}

/** Precision and recall per rule over the verdicts (rules with any verdict), and overall. */
export function scores(judged: Judged[]): Array<{ rule: string; tp: number; fp: number; fn: number; precision: number; recall: number }> {
  const rules = [...new Set(judged.map((j) => j.rule))].sort();
  const row = (rule: string, js: Judged[]) => {
    const n = (v: Verdict) => js.filter((j) => j.verdict === v).length;
    const [tp, fp, fn] = [n('tp'), n('fp'), n('fn')];
    return { rule, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
  };
  return [...rules.map((r) => row(r, judged.filter((j) => j.rule === r))), row('(all)', judged)];
}
