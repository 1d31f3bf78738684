import type { Command } from 'commander';
import type { ImportedFile, ImportOptions } from '../../core/importText.js';
import { compareMessages } from '../../diagnostics/format.js';
import { ENCODING_NAMES } from '../../text/decode.js';
import type { Output } from '../output.js';
import type { CommandContext } from '../main.js';

type ImportFlags = Omit<ImportOptions, 'files' | 'io'> & { json?: boolean };

export function registerImport(program: Command, { io, out, exit }: CommandContext): void {
  const t = out.t.import;
  program
    .command('import')
    .description(t.description)
    .argument('<files...>', t.files)
    .option('-o, --out <dir>', t.out)
    .option('--force', t.force)
    .option('--simplified', t.simplified)
    .option('--verify', t.verify)
    .option('--json', out.t.options.json)
    .addHelpText('after', t.help)
    .action(async (files: string[], flags: ImportFlags) => {
      const { importText } = await import('../../core/importText.js');
      const { json, ...rest } = flags;
      const result = await importText({ files, ...rest, io });
      if (json) out.json({ exitCode: result.exitCode, files: result.files.map((r) => importJson(r, out)), ...(result.report ? { report: result.report } : {}) });
      else {
        // A folder: one table for all its files, and the report file; else each file's summary.
        if (result.report) out.say(table(result.files, result.report, out));
        else for (const r of result.files) if (r.output) out.say(summary(r, out));
        for (const r of result.files) if (r.error) out.error(r.error);
        out.diagnostics(result.files.map((r) => r.file));
      }
      exit(result.exitCode);
    });
}

/** Display width of a cell: a Chinese character or full-width sign takes two columns. */
const width = (text: string): number => [...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1), 0);
const pad = (text: string, to: number): string => text + ' '.repeat(Math.max(0, to - width(text)));

/** The summary of a folder's import: a line per file (input, result, source, issue, 【待补】 left, --verify's verdict) and the totals. */
export function table(files: ImportedFile[], report: string, out: Output): string {
  const t = out.t.import.table;
  const head = t.head;
  const status = (r: ImportedFile) => (r.output === undefined ? t.failed : r.unchanged ? t.unchanged : t.written);
  const verdict = (r: ImportedFile) => (r.differences === undefined ? '—' : r.differences === 0 ? t.same : t.differences(r.differences));
  const rows = files.map((r) => [r.input, status(r), r.output ?? '—', r.recognised.issue !== undefined ? String(r.recognised.issue) : '—', String(r.pending ?? 0), verdict(r)]);
  const widths = head.map((h, c) => Math.max(width(h), ...rows.map((row) => width(row[c] ?? ''))));
  const line = (row: string[]) => row.map((cell, c) => pad(cell, widths[c] ?? 0)).join('  ').trimEnd();
  const count = (s: string) => files.filter((r) => status(r) === s).length;
  const totals = t.totals({ files: files.length, written: count(t.written), unchanged: count(t.unchanged), failed: count(t.failed), report });
  return [line(head), ...rows.map(line), totals].join('\n');
}

/** What was recognised in one input. */
function summary(r: ImportedFile, out: Output): string {
  const t = out.t.import;
  const f = r.recognised;
  const encoding = r.format === 'pdf' ? 'PDF' : r.format === 'docx' ? 'Word' : r.format === 'doc' ? 'Word 97-2003' : r.encoding ? (out.lang === 'zh' ? ENCODING_NAMES[r.encoding] : r.encoding.toUpperCase()) : '';
  const lines = [t.written(r.input, r.output ?? '', encoding)];
  const value = (key: keyof typeof t.field): string | undefined =>
    key === 'series' ? f.series && `${f.series.name}（${f.series.number}）` : key === 'distribution' ? f.distribution && Object.keys(f.distribution).join(t.list) : f[key] === undefined ? undefined : String(f[key]);
  const keys = ['issue', 'total', 'date', 'series', 'title', 'publisher', 'marker', 'distribution', 'printed', 'copies'] as const;
  const found = keys.flatMap((key) => {
    const v = value(key);
    return v === undefined ? [] : [t.field[key](v)];
  });
  lines.push(t.front(found));
  for (const a of r.articles) lines.push(t.article(a.title, a.headings, a.paragraphs));
  const s = r.stats;
  if (s) {
    const removed = (['pageNumbers', 'pinyin', 'furniture', 'decoration', 'simplified', 'repaired'] as const).filter((k) => s[k]).map((k) => t.removedKinds[k](s[k]));
    if (removed.length) lines.push(t.removed(removed));
  }
  if (r.differences !== undefined) lines.push(t.verified(r.differences));
  return lines.join('\n');
}

function importJson(r: ImportedFile, out: Output) {
  return {
    input: r.input,
    output: r.output ?? null,
    encoding: r.encoding ?? null,
    recognised: r.recognised,
    articles: r.articles,
    removed: r.stats ?? null,
    differences: r.differences ?? null,
    error: r.error ? out.errorJson(r.error) : null,
    messages: [...r.file.messages].sort(compareMessages).map(out.message),
  };
}
