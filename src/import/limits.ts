/**
 * The caps of an import, each settable (ImportOptions.limits) so that tests can use small ones.
 * An input past one is refused as a whole with import-too-large, never read on.
 */
export interface ImportLimits {
  /** Bytes of the input file itself. */
  inputBytes: number;
  /** Bytes of a text input (a bulletin's text is some 20 KB; 2 MB is a hundred issues). */
  textBytes: number;
  /** Bytes one part of a Word file (document.xml, a picture) may inflate to. */
  docxPartBytes: number;
  /** Bytes all the parts read from one Word file may inflate to together (a 0.44 MB zip bomb reached 3.6 GB). */
  docxTotalBytes: number;
  /** Pages of a PDF. */
  pdfPages: number;
  /** Bytes one stream of a PDF may inflate to (a 2 MB Flate bomb reached 4.2 GB). */
  pdfStreamBytes: number;
  /** Bytes all the streams of one PDF may inflate to together. */
  pdfTotalBytes: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  inputBytes: 16 * 1024 * 1024,
  textBytes: 2 * 1024 * 1024,
  docxPartBytes: 32 * 1024 * 1024,
  docxTotalBytes: 64 * 1024 * 1024,
  pdfPages: 500,
  pdfStreamBytes: 64 * 1024 * 1024,
  pdfTotalBytes: 256 * 1024 * 1024,
};

export type LimitKind = 'part' | 'total' | 'pages' | 'stream' | 'doctype';

/** An input refused by a cap (or, for 'doctype', by what Word never writes): reported as import-too-large. */
export class ImportLimitError extends Error {
  override name = 'ImportLimit';
  constructor(
    readonly kind: LimitKind,
    /** The part or page concerned ("word/document.xml", "12"). */
    readonly where: string,
    /** The cap: MB for sizes, pages for a page count. */
    readonly limit: number,
  ) {
    super(`${kind} ${where} ${limit}`);
  }
}

export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
