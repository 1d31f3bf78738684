import type { VFile } from 'vfile';
import type { Config } from '../config/schema.js';
import type { Bulletin } from '../model/bulletin.js';
import type { FrontMatter } from '../model/frontMatter.js';
import { hasErrors, report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import { read } from './read.js';
import { parse, type Parsed } from './parse.js';
import { validate } from './validate.js';
import { transform } from './transform.js';
import { lintTypography } from '../lint/typography.js';

export interface Compiled {
  file: VFile;
  parsed?: Parsed;
  frontMatter?: FrontMatter;
  bulletin?: Bulletin;
}

export interface CompileOptions {
  config: Config;
  root: string;
  /** Project-relative source path (forward slashes) for the model and manifest. */
  source: string;
  assetsDir: string;
  /** A draft build (`--draft`): unfinished text is reported as a warning, not an error. */
  draft?: boolean;
}

/**
 * The front half of the pipeline, one source at a time: read → parse (+ typography lint) →
 * validate → transform.
 * Each stage stops when the file already failed; the messages say why. Never throws: a
 * defect in a stage becomes an `internal-error` message on the file, so a batch goes on.
 */
export async function compile(display: string, absolute: string, options: CompileOptions): Promise<Compiled> {
  const file = await read(display, absolute);
  if (hasErrors(file)) return { file };
  try {
    const parsed = parse(file);
    if (!parsed) return { file };
    const date = (parsed.yaml.value as { date?: unknown } | null)?.date;
    lintTypography(file, parsed.tree, { rules: options.config.rules, draft: options.draft, ...(typeof date === 'string' ? { date } : {}) });
    const frontMatter = validate(file, parsed);
    if (!frontMatter) return { file, parsed };
    const bulletin = transform(file, parsed.tree, frontMatter, options);
    // A draft build of a source that still holds 【待补】 is marked as a draft.
    if (bulletin && options.draft && file.messages.some((m) => m.ruleId === 'placeholder')) bulletin.draft = true;
    return { file, parsed, frontMatter, ...(bulletin ? { bulletin } : {}) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    report(file, rules.internalError, { detail: reason ?? '' }, undefined, { cause: error });
    return { file };
  }
}
