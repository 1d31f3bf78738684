import { isMap, isPair, isScalar, type Node } from 'yaml';
import { yamlAt, type YamlSource } from '../diagnostics/yaml.js';

/** 1-based source lines of the numbering keys of a front matter (absent keys are left out). */
export interface KeyLines {
  issue?: number;
  total?: number;
  date?: number;
  /** The line of `series.number` (or of `series` when it has no `number`). */
  series?: number;
}

/** Finds the lines of `issue`, `total`, `date` and `series.number` in parsed front matter. */
export function keyLines(yaml: YamlSource): KeyLines {
  const lines: KeyLines = {};
  const lineOf = (node: Node | undefined): number | undefined => {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : yamlAt(yaml, offset).line;
  };
  const keyOf = (map: unknown, name: string): { key: Node; value: unknown } | undefined => {
    if (!isMap(map)) return undefined;
    const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === name);
    return pair ? { key: pair.key as Node, value: pair.value } : undefined;
  };
  const root = yaml.doc.contents;
  for (const name of ['issue', 'total', 'date'] as const) {
    const line = lineOf(keyOf(root, name)?.key);
    if (line !== undefined) lines[name] = line;
  }
  const series = keyOf(root, 'series');
  const line = lineOf(keyOf(series?.value, 'number')?.key) ?? lineOf(series?.key);
  if (line !== undefined) lines.series = line;
  return lines;
}
