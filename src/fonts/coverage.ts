import { readFileSync } from 'node:fs';
import type { RoleFont, Slice } from './fonts.js';

/**
 * True glyph coverage: what a font file really has, read from its cmap (fontkit), not what a
 * stylesheet's unicode-range claims. The @fontsource slices of Noto Serif SC claim 2,261 code
 * points they have no glyph for (e.g. U+F0B7, the Word bullet; U+F941 論), and a project's own
 * font file claims nothing at all: only the cmap can say whether a character will print.
 */

type Fontkit = typeof import('fontkit');
let fontkit: Promise<Fontkit> | undefined;

/** fontkit is loaded on first use only: commands that never look at a font don't pay for it. */
function loadFontkit(): Promise<Fontkit> {
  fontkit ??= import('fontkit').then((m) => ((m as { default?: Fontkit }).default ?? m) as Fontkit);
  return fontkit;
}

const cmaps = new Map<string, Promise<ReadonlySet<number>>>();

/**
 * The code points a font file maps to a glyph (TrueType/OpenType/WOFF/WOFF2; the first face of
 * a collection). Cached per file for the run.
 */
export function characterSetOf(file: string): Promise<ReadonlySet<number>> {
  let cmap = cmaps.get(file);
  if (!cmap) {
    cmap = loadFontkit().then((fk) => {
      const opened = fk.create(readFileSync(file));
      const font = 'fonts' in opened ? opened.fonts[0] : opened;
      if (!font) throw new Error(`${file} 中没有字体`);
      return new Set(font.characterSet);
    });
    cmaps.set(file, cmap);
  }
  return cmap;
}

export interface Coverage {
  /** The slices the text needs (in the role's slice order): each claims and has a glyph of it. */
  used: Slice[];
  /** Code points no slice both claims (unicode-range) and has (cmap): they would not print in this font. */
  missing: Set<number>;
}

/** Characters that need no glyph: controls and the line breaks between blocks. */
function needsGlyph(cp: number): boolean {
  return !(cp < 0x20 || (cp >= 0x7f && cp < 0xa0));
}

function claims(slice: Slice, cp: number): boolean {
  return slice.ranges.some(([a, b]) => cp >= a && cp <= b);
}

/**
 * What a role's font can print of `text`. A browser draws a character from a face whose
 * unicode-range includes it and whose file has the glyph, so a character is covered only
 * when some slice does both. A system family (fonts.system) cannot be read here: it reports
 * nothing missing, and `bulletin doctor` says so.
 */
export async function coverage(font: RoleFont, text: string): Promise<Coverage> {
  const used = new Set<Slice>();
  const missing = new Set<number>();
  if (font.family) return { used: [], missing };
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!needsGlyph(cp)) continue;
    let found: Slice | undefined;
    for (const slice of font.slices) {
      if (claims(slice, cp) && (await characterSetOf(slice.file)).has(cp)) {
        found = slice;
        break;
      }
    }
    if (found) used.add(found);
    else missing.add(cp);
  }
  return { used: font.slices.filter((s) => used.has(s)), missing };
}
