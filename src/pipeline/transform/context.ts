import type { VFile } from 'vfile';
import type { Bulletin, Place } from '../../model/bulletin.js';
import type { TransformOptions } from '../transform.js';

/** What the passes of one transform share: the file (for reports), the options, and what they collect. */
export interface TransformContext {
  file: VFile;
  options: TransformOptions;
  /** The pictures, in order of first use. */
  images: Bulletin['images'];
  /** A picture's absolute path → its output path (one copy of a picture used twice). */
  imageNames: Map<string, string>;
  /** Nesting depth of blockquotes and lists now, and whether too deep was reported. */
  depth: number;
  tooDeep: boolean;
}

export type Positioned = { position?: { start: { line: number; column: number } } };

export function placeOf(node: Positioned): Place {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}
