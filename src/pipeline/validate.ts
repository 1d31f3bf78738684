import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { pendingLines } from '../lint/rules.js';
import { frontMatterSchema, frontMatterKeys, type FrontMatter } from '../model/frontMatter.js';
import { placeOf, validateYaml } from '../diagnostics/yaml.js';
import * as rules from '../diagnostics/rules.js';
import type { FrontMatterPart } from './parse.js';

/**
 * Checks the front matter against the contract's schema. Each problem is reported at the
 * line of the offending key; the result is undefined when any error was found.
 */
export function validate(file: VFile, parsed: Pick<FrontMatterPart, 'yaml'>): FrontMatter | undefined {
  const value = parsed.yaml.value;
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    report(file, rules.frontMatterNotAMap, {}, { line: 2, column: 1 });
    return undefined;
  }
  const before = file.messages.length;
  const data = validateYaml(file, parsed.yaml, frontMatterSchema, rules.frontMatterYaml, (path) =>
    path.length === 0 ? frontMatterKeys : path[0] === 'series' ? ['name', 'number'] : [],
  );
  // A value still marked 【待补】 is reported once, as unfinished (lint's placeholder rule, which
  // finds the same lines whether or not it ran first), not also as a value of the wrong type.
  const pending = pendingLines(String(file.value ?? ''));
  const fresh = file.messages.slice(before).filter((m) => !(m.line && pending.has(m.line)));
  file.messages.splice(before, file.messages.length - before, ...fresh);
  // total < issue is checked even when other fields are wrong, so an editor sees it at once.
  const raw = value as Record<string, unknown>;
  if (Number.isInteger(raw.issue) && Number.isInteger(raw.total) && (raw.total as number) < (raw.issue as number)) {
    report(file, rules.frontMatterTotalLtIssue, { total: raw.total as number, issue: raw.issue as number }, placeOf(parsed.yaml, ['total']));
    return undefined;
  }
  if (data && !textsWithinLimits(file, parsed.yaml, data)) return undefined;
  return data;
}

/** Characters of a one-line front-matter text (报头, 编发单位, 标识, 专刊名): printed as one line each. */
export const FRONT_MATTER_TEXT_CHARS = 200;

function textsWithinLimits(file: VFile, yaml: Pick<FrontMatterPart, 'yaml'>['yaml'], data: FrontMatter): boolean {
  const texts: Array<[string[], string | undefined]> = [
    [['title'], data.title],
    [['publisher'], data.publisher],
    [['marker'], data.marker],
    [['series', 'name'], data.series?.name],
  ];
  let ok = true;
  for (const [key, text] of texts) {
    if (text !== undefined && text.length > FRONT_MATTER_TEXT_CHARS) {
      report(file, rules.frontMatterTooLong, { key: key.join('.'), chars: text.length, limit: FRONT_MATTER_TEXT_CHARS }, placeOf(yaml, key));
      ok = false;
    }
  }
  return ok;
}
