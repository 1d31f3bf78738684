/** What `bulletin import` recognised in a legacy text: the in-between form of one issue. */

/** One line of the input after clean-up, with its 1-based line number in the input file. */
export interface Line {
  text: string;
  line: number;
  /**
   * What the line is, when the input says so itself (a PDF's fonts and positions, a Word
   * file's styles) rather than the text's shape: then it is one whole paragraph, title,
   * heading, table row (`cells`) or figure caption, and is taken as such.
   */
  hint?: 'title' | 'heading' | 'heading3' | 'paragraph' | 'row' | 'figure';
  /** The line begins a printed page (it follows a form feed): where a running head stands. */
  pageStart?: true;
  cells?: string[];
  /** A figure's picture, taken out of a Word file. */
  image?: ImportedImage;
}

/** A picture a Word file holds: written next to the source, in images/. */
export interface ImportedImage {
  /** The file's extension, as in the Word file (png, jpeg, …). */
  ext: string;
  data: Uint8Array;
  /** Its name in the source's images/ folder, given when the source's place is known. */
  name?: string;
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
  type: 'heading' | 'paragraph' | 'table' | 'figure';
  /** For headings: 2 (`##`) or 3 (`###`). */
  depth?: 2 | 3;
  /** A paragraph's or heading's text; a figure's caption. */
  text: string;
  /** A table's rows of cells, the header first. */
  rows?: string[][];
  /** A figure's picture, when the input held it (a Word file). */
  image?: ImportedImage;
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
