import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { covers, isRadical, sliceOf, type RoleFont, type Slice } from './fonts.js';
import { fileKey, sweepCache, userCacheRoot, writeCacheFile } from '../paths.js';

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

/**
 * The code points a font maps to a glyph, as sorted runs [start, end, start, end, …]: a CJK
 * cmap is a few hundred runs of 30,000–60,000 code points, so a lookup is a binary search and
 * reading one from the cache is a parse of the runs, not a set of every code point built anew
 * (the four print fonts' sets took 50 ms of a one-issue build).
 */
export class CodePoints implements Iterable<number> {
  private constructor(private readonly runs: Uint32Array) {}

  static fromRuns(runs: readonly number[]): CodePoints {
    return new CodePoints(Uint32Array.from(runs));
  }

  static of(points: Iterable<number>): CodePoints {
    return CodePoints.fromRuns(toRuns([...points]));
  }

  has(cp: number): boolean {
    const runs = this.runs;
    let lo = 0;
    let hi = runs.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < runs[2 * mid]!) hi = mid - 1;
      else if (cp > runs[2 * mid + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i + 1 < this.runs.length; i += 2) for (let cp = this.runs[i]!; cp <= this.runs[i + 1]!; cp++) yield cp;
  }

  /** The runs, for the cache file. */
  toJSON(): number[] {
    return Array.from(this.runs);
  }
}

const cmaps = new Map<string, Promise<CodePoints>>();

/**
 * Where cmaps read once are kept between runs (decoding a WOFF2 slice to read its cmap costs
 * ~10 ms; an HTML build checks dozens): the user's cache folder, like the bundled Chromium.
 * v2: each file holds its font's key and a hash beside the runs; v1 files were the bare runs,
 * which a v1 bulletin would misread from a v2 file (every character missing), hence the new folder.
 */
function cacheDir(): string {
  return path.join(userCacheRoot(process.env), 'bulletin', 'cmaps-v2');
}

/** A font file's face (the first of a collection), opened with fontkit. */
export async function openFace(file: string): Promise<import('fontkit').Font> {
  const fk = await loadFontkit();
  const opened = fk.create(readFileSync(file));
  const font = 'fonts' in opened ? opened.fonts[0] : opened;
  if (!font) throw new Error(`${file} 中没有字体`);
  return font;
}

/** Code points as [start, end, start, end, …] runs: a CJK cmap is a few hundred runs. */
function toRuns(points: number[]): number[] {
  const runs: number[] = [];
  for (const cp of [...points].sort((a, b) => a - b)) {
    if (runs.length && runs[runs.length - 1] === cp - 1) runs[runs.length - 1] = cp;
    else if (!(runs.length && runs[runs.length - 1] === cp)) runs.push(cp, cp);
  }
  return runs;
}

/**
 * A kept cmap as written: the key of the font it describes, the runs, and a hash of the runs.
 * Read back only when all three agree and the runs are well formed: a damaged or edited file
 * (one claiming every character, say) is a miss, and the font is read again.
 */
interface KeptCmap {
  font: string;
  sha256: string;
  runs: number[];
}

/** The runs of a kept cmap file when it is whole (any font when `font` is undefined: doctor). */
export function keptCmapRuns(text: string, font?: string): number[] | undefined {
  let value: Partial<KeptCmap>;
  try {
    value = JSON.parse(text) as Partial<KeptCmap>;
  } catch {
    return undefined;
  }
  const { runs } = value;
  if (!value || typeof value.font !== 'string' || (font !== undefined && value.font !== font) || !Array.isArray(runs) || runs.length % 2 !== 0) return undefined;
  let last = -2;
  for (let i = 0; i < runs.length; i += 2) {
    const [start, end] = [runs[i], runs[i + 1]];
    if (!Number.isInteger(start) || !Number.isInteger(end) || start! <= last + 1 || end! < start! || end! > 0x10ffff) return undefined;
    last = end!;
  }
  return createHash('sha256').update(JSON.stringify(runs)).digest('hex') === value.sha256 ? runs : undefined;
}

/** The cmap kept on disk, read synchronously: dozens of files of a few hundred bytes to 50 KB. */
function cachedCmap(cached: string, font: string): CodePoints | undefined {
  try {
    const runs = keptCmapRuns(readFileSync(cached, 'utf8'), font);
    return runs ? CodePoints.fromRuns(runs) : undefined;
  } catch {
    return undefined; // not cached yet (or unreadable): read the font
  }
}

async function readCmap(file: string): Promise<CodePoints> {
  const font = fileKey(file);
  const cached = path.join(cacheDir(), `${font.slice(0, 32)}.json`);
  const kept = cachedCmap(cached, font);
  if (kept) return kept;
  const points = CodePoints.of((await openFace(file)).characterSet);
  try {
    const runs = points.toJSON();
    const record: KeptCmap = { font, sha256: createHash('sha256').update(JSON.stringify(runs)).digest('hex'), runs };
    await writeCacheFile(cached, JSON.stringify(record));
    void sweepCache(cacheDir());
  } catch {
    // a read-only cache only costs time
  }
  return points;
}

/**
 * The code points a font file maps to a glyph (TrueType/OpenType/WOFF/WOFF2; the first face of
 * a collection). Cached per file for the run, and on disk between runs.
 */
export function characterSetOf(file: string): Promise<CodePoints> {
  let cmap = cmaps.get(file);
  if (!cmap) {
    cmap = readCmap(file);
    cmaps.set(file, cmap);
  }
  return cmap;
}

export interface Coverage {
  /** The slices the text needs (in the role's slice order): each claims and has a glyph of it. */
  used: Slice[];
  /** Code points no slice both claims (unicode-range) and has (cmap), or the print font lacks: they would not print in this font. */
  missing: Set<number>;
}

/** Characters that need no glyph: controls and the line breaks between blocks. */
function needsGlyph(cp: number): boolean {
  return !(cp < 0x20 || (cp >= 0x7f && cp < 0xa0));
}

/**
 * What a role's font can print of `text` (a string, or its characters as a set). A browser
 * draws a character from a face whose unicode-range includes it and whose file has the glyph,
 * so a character is covered only when some slice does both. A system family (fonts.system) cannot be read here: it reports
 * nothing missing, and `bulletin doctor` says so.
 */
export async function coverage(font: RoleFont, text: string | ReadonlySet<string>): Promise<Coverage> {
  const used = new Set<Slice>();
  const missing = new Set<number>();
  if (font.family) return { used: [], missing };
  const printed = font.print ? await characterSetOf(font.print) : undefined;
  let memo = resolved.get(font);
  if (!memo) resolved.set(font, (memo = new Map()));
  for (const ch of typeof text === 'string' ? new Set(text) : text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!needsGlyph(cp)) continue;
    let found = memo.get(cp);
    if (found === undefined) memo.set(cp, (found = (await sliceWithGlyph(font, cp)) ?? null));
    if (found) used.add(found);
    // The PDF is printed with the whole font (font.print): what it lacks does not print either.
    if (!found || (printed && (isRadical(cp) || !printed.has(cp)))) missing.add(cp);
  }
  return { used: font.slices.filter((s) => used.has(s)), missing };
}

/**
 * Per font, the slice each code point looked up so far is drawn from (null: none): a batch asks
 * about the same few thousand characters issue after issue (0.8 s of 300 issues before).
 */
const resolved = new WeakMap<RoleFont, Map<number, Slice | null>>();

/** The first slice that claims the code point (indexed) if it has it, else any other that claims it and has it. */
async function sliceWithGlyph(font: RoleFont, cp: number): Promise<Slice | undefined> {
  const first = sliceOf(font.slices, cp);
  if (!first) return undefined;
  if ((await characterSetOf(first.file)).has(cp)) return first;
  for (const slice of font.slices) {
    if (slice !== first && covers(slice, cp) && (await characterSetOf(slice.file)).has(cp)) return slice;
  }
  return undefined;
}
