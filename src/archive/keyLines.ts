import { placeOf, type YamlSource } from '../diagnostics/yaml.js';

/** 1-based source lines of the numbering keys of a front matter (absent keys are left out). */
export interface KeyLines {
  issue?: number;
  total?: number;
  date?: number;
  /** The line of `series.number` (or of `series` when it has no `number`). */
  series?: number;
}

/** Finds the lines of `issue`, `total`, `date` and `series.number` in parsed front matter (the one YAML lookup, placeOf). */
export function keyLines(yaml: YamlSource): KeyLines {
  const lines: KeyLines = {};
  const lineOf = (path: string[]) => (yaml.doc.hasIn(path) ? placeOf(yaml, path.slice(0, -1), path.at(-1)).line : undefined);
  for (const name of ['issue', 'total', 'date'] as const) {
    const line = lineOf([name]);
    if (line !== undefined) lines[name] = line;
  }
  const series = lineOf(['series', 'number']) ?? lineOf(['series']);
  if (series !== undefined) lines.series = series;
  return lines;
}
