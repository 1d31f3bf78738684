/** What `bulletin import` recognised in a legacy text: the in-between form of one issue. */

/** One line of the input after clean-up, with its 1-based line number in the input file. */
export interface Line {
  text: string;
  line: number;
}

export interface ImportedSeries {
  name: string;
  number: number;
}

/** Front matter fields, each only when it was found. */
export interface ImportedFront {
  issue?: number;
  total?: number;
  date?: string;
  series?: ImportedSeries;
  title?: string;
  publisher?: string;
  marker?: string;
  distribution?: Record<string, string | string[]>;
  printed?: string;
  copies?: number;
}

export type FrontField = keyof ImportedFront;

export interface ImportedBlock {
  type: 'heading' | 'paragraph';
  /** For headings: 2 (`##`) or 3 (`###`). */
  depth?: 2 | 3;
  text: string;
  line: number;
}

export interface ImportedArticle {
  title?: string;
  subtitle?: string;
  line: number;
  blocks: ImportedBlock[];
}

export interface ImportModel {
  front: ImportedFront;
  /** Input line where each front matter field was found. */
  found: Partial<Record<FrontField, number>>;
  articles: ImportedArticle[];
}
