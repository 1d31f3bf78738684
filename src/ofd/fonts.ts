/**
 * The font programs a PDF embeds, taken out for the OFD package as they are: the subset faces
 * bulletin printed with (TrueType, FontFile2). Chromium keeps a subset's original glyph ids and
 * a Unicode cmap, so an OFD reader that maps TextCode through the cmap reaches the same glyphs;
 * where it would not (a glyph the cmap does not reach from its text), the page writes a
 * CGTransform with the glyph id.
 */

type Fontkit = typeof import('fontkit');
type PdfLib = typeof import('@cantoo/pdf-lib');
type PdfDict = import('@cantoo/pdf-lib').PDFDict;
type PdfName = import('@cantoo/pdf-lib').PDFName;

export interface EmbeddedFont {
  /** BaseFont, with the subset tag (AAAAAA+NotoSerifSC-Regular). */
  name: string;
  /** Without the subset tag. */
  fontName: string;
  familyName: string;
  /** The font program (a TrueType/OpenType file). */
  bytes: Uint8Array;
  /** The glyph id a character code of the PDF prints (CIDToGIDMap). */
  gidOf(code: number): number;
  /** The glyph the font's cmap gives a character, if any. */
  cmapGid(codePoint: number): number | undefined;
  /** Ascent and descent (hhea) in em units, descent negative. */
  ascent: number;
  descent: number;
  bold: boolean;
  italic: boolean;
  serif: boolean;
  fixedWidth: boolean;
}

export class FontNotEmbeddable extends Error {
  constructor(readonly font: string, reason: string) {
    super(`font ${font} cannot be embedded in the OFD: ${reason}`);
  }
}

/** The font programs of the fonts named (BaseFont names as pdf.js reports them). */
export async function embeddedFonts(pdf: Uint8Array, names: string[]): Promise<Map<string, EmbeddedFont>> {
  // pdf-lib is CommonJS: bundled, its module has only a default export (the exports object).
  const mod = (await import('@cantoo/pdf-lib')) as PdfLib & { default?: PdfLib };
  const lib: PdfLib = mod.PDFDocument ? mod : (mod.default ?? mod);
  const { PDFDocument, PDFName, PDFDict, PDFArray, PDFRef, PDFRawStream, PDFStream, decodePDFRawStream } = lib;
  const fontkit = await import('fontkit').then((m) => ((m as { default?: Fontkit }).default ?? m) as Fontkit);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  const lookup = (v: unknown): unknown => (v instanceof PDFRef ? doc.context.lookup(v) : v);
  const dict = (v: unknown) => {
    const o = lookup(v);
    return o instanceof PDFDict ? o : undefined;
  };
  const bytesOf = (v: unknown): Uint8Array | undefined => {
    const o = lookup(v);
    if (o instanceof PDFRawStream) return decodePDFRawStream(o).decode();
    if (o instanceof PDFStream) return o.getContents();
    return undefined;
  };
  const baseName = (d: PdfDict) => {
    const v = d.get(PDFName.of('BaseFont'));
    return v instanceof PDFName ? v.decodeText() : '';
  };

  // Every font dictionary of the file, by BaseFont.
  const byName = new Map<string, PdfDict>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const type = object.get(PDFName.of('Type'));
    const subtype = object.get(PDFName.of('Subtype'));
    if (!(type instanceof PDFName) || type.decodeText() !== 'Font') continue;
    if (subtype instanceof PDFName && ['CIDFontType0', 'CIDFontType2'].includes(subtype.decodeText())) continue;
    const name = baseName(object);
    if (name && !byName.has(name)) byName.set(name, object);
  }

  const out = new Map<string, EmbeddedFont>();
  for (const name of names) {
    const font = byName.get(name) ?? [...byName.entries()].find(([n]) => n.replace(/^[A-Z]{6}\+/, '') === name.replace(/^[A-Z]{6}\+/, ''))?.[1];
    if (!font) throw new FontNotEmbeddable(name, 'its font dictionary is not in the PDF');
    const subtype = (font.get(PDFName.of('Subtype')) as PdfName | undefined)?.decodeText() ?? '';
    let holder = font;
    let gidOf: (code: number) => number = (code) => code;
    if (subtype === 'Type0') {
      const descendants = lookup(font.get(PDFName.of('DescendantFonts')));
      const descendant = descendants instanceof PDFArray ? dict(descendants.get(0)) : undefined;
      if (!descendant) throw new FontNotEmbeddable(name, 'a composite font without its descendant font');
      holder = descendant;
      const map = lookup(descendant.get(PDFName.of('CIDToGIDMap')));
      const table = map instanceof PDFName ? undefined : bytesOf(map);
      if (table) gidOf = (code) => (code * 2 + 1 < table.length ? (table[code * 2]! << 8) | table[code * 2 + 1]! : 0);
    } else if (subtype === 'Type3') throw new FontNotEmbeddable(name, 'a Type 3 font (glyphs drawn as pictures)');
    const descriptor = dict(holder.get(PDFName.of('FontDescriptor')));
    const program = descriptor && (bytesOf(descriptor.get(PDFName.of('FontFile2'))) ?? bytesOf(descriptor.get(PDFName.of('FontFile3'))));
    if (!descriptor || !program) throw new FontNotEmbeddable(name, 'the PDF does not embed it');
    if (!descriptor.has(PDFName.of('FontFile2'))) {
      const stream = lookup(descriptor.get(PDFName.of('FontFile3')));
      const kind = stream instanceof PDFRawStream || stream instanceof PDFStream ? stream.dict.get(PDFName.of('Subtype')) : undefined;
      // An OpenType wrapper is a whole font file; a bare CFF program is not one an OFD reader opens.
      if (!(kind instanceof PDFName && kind.decodeText() === 'OpenType')) throw new FontNotEmbeddable(name, 'a bare CFF program (FontFile3), not a TrueType or OpenType file');
    }
    let parsed: ReturnType<Fontkit['create']>;
    try {
      parsed = fontkit.create(Buffer.from(program));
    } catch (error) {
      throw new FontNotEmbeddable(name, `its program does not read as a font (${(error as Error).message})`);
    }
    if ('fonts' in parsed) throw new FontNotEmbeddable(name, 'a font collection');
    const f = parsed;
    const upm = f.unitsPerEm || 1000;
    const flags = (descriptor.get(PDFName.of('Flags')) as { asNumber?: () => number } | undefined)?.asNumber?.() ?? 0;
    const fontName = name.replace(/^[A-Z]{6}\+/, '');
    const cmapCache = new Map<number, number | undefined>();
    out.set(name, {
      name,
      fontName,
      familyName: f.familyName || fontName,
      bytes: program,
      gidOf,
      cmapGid: (cp) => {
        if (!cmapCache.has(cp)) {
          const gid = f.hasGlyphForCodePoint(cp) ? f.glyphForCodePoint(cp).id : undefined;
          cmapCache.set(cp, gid);
        }
        return cmapCache.get(cp);
      },
      ascent: (f.ascent || upm) / upm,
      descent: (f.descent || 0) / upm,
      bold: (flags & (1 << 18)) !== 0 || /bold|black|heavy/i.test(fontName),
      italic: (flags & (1 << 6)) !== 0,
      serif: (flags & (1 << 1)) !== 0,
      fixedWidth: (flags & 1) !== 0,
    });
  }
  return out;
}
