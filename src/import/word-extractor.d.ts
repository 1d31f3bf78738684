/** The part of word-extractor (npm, no types of its own) that the .doc import uses. */
declare module 'word-extractor' {
  interface WordDocument {
    /** The main text; filterUnicode (default true) folds quotes and dashes to ASCII. */
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordExtractor {
    extract(input: string | Buffer): Promise<WordDocument>;
  }
}
