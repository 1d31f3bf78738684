// Read apart from the sandbox (templateSandbox.ts), so that the pipeline's front half, which
// check runs, does not load nunjucks.
import type { SpecialKind } from '../text/regularFile.js';

/** What a render error says about the sandbox: a refused access (its template, line and name) or a template linked outside. */
export type TemplateRefusal =
  | { kind: 'unsafe'; file: string; line: number; name: string }
  | { kind: 'outside'; file: string; real: string }
  | { kind: 'special'; file: string; what: SpecialKind };

/**
 * Reads a refusal back from the error nunjucks threw: it keeps only the text ("(path) [Line n,
 * Column m]\n  TemplateSandbox: name"), not the error's class. `show` shortens a path for the user.
 */
export function templateRefusal(error: unknown, show: (file: string) => string): TemplateRefusal | undefined {
  const raw = error instanceof Error ? error.message : String(error);
  // Thrown for the page's own template as it is; for an included one, inside nunjucks' text.
  const thrown = error instanceof Error ? error.name : '';
  const message = thrown === 'TemplateOutside' || thrown === 'TemplateNotAFile' ? `${thrown}: ${raw}` : raw;
  const outside = /Template(Outside|NotAFile): (.*?)(?: → (.*))?$/m.exec(message);
  if (outside?.[1] === 'NotAFile') return { kind: 'special', file: show(outside[2] ?? ''), what: (outside[3] ?? 'other') as SpecialKind };
  if (outside) return { kind: 'outside', file: show(outside[2] ?? ''), real: outside[3] ?? '' };
  const unsafe = /TemplateSandbox: (.*)$/m.exec(message);
  if (!unsafe) return undefined;
  const place = /\(([^()\n]*)\) \[Line (\d+)/.exec(message);
  return { kind: 'unsafe', file: show(place?.[1] ?? ''), line: Number(place?.[2] ?? 0), name: unsafe[1] ?? '' };
}
