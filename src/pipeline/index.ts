import type { VFile } from 'vfile';
import type { Config } from '../config/schema.js';
import type { Bulletin } from '../model/bulletin.js';
import type { FrontMatter } from '../model/frontMatter.js';
import { hasErrors } from '../diagnostics/report.js';
import { read } from './read.js';
import { parse, type Parsed } from './parse.js';
import { validate } from './validate.js';
import { transform } from './transform.js';

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
}

/**
 * The front half of the pipeline, one source at a time: read → parse → validate → transform.
 * Each stage stops when the file already failed; the messages say why.
 */
export async function compile(display: string, absolute: string, options: CompileOptions): Promise<Compiled> {
  const file = await read(display, absolute);
  if (hasErrors(file)) return { file };
  const parsed = parse(file);
  if (!parsed) return { file };
  const frontMatter = validate(file, parsed);
  if (!frontMatter) return { file, parsed };
  const bulletin = transform(file, parsed.tree, frontMatter, options);
  return { file, parsed, frontMatter, ...(bulletin ? { bulletin } : {}) };
}
