import { createHash } from 'node:crypto';
import { readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileKey, sweepCache, userCacheRoot, writeCacheFile, type Preparing } from '../paths.js';
import { isRadical, printFaces, type RoleFont } from './fonts.js';

/** @font-face rules for the print fonts of one tier, and the files they name. */
export interface PrintFaces {
  /** @font-face rules, one font per role. */
  css: string;
  /** The font files those rules name: the printing page may read these and nothing else outside the output. */
  files: string[];
}

/** Which print fonts a page is printed with (printTier). */
export type PrintTier = 'common' | 'whole';

/** What the printer loads instead of the page's web-font slices. */
export interface PrintFonts {
  /** Each role's whole font. */
  whole: PrintFaces;
  /**
   * Each role's font cut to GB 2312's 6,763 汉字 and everything of the font that is not a CJK
   * ideograph: 2.8–5.3 MB instead of 10.5–16 MB, which a printing tab loads in 0.13 s instead
   * of 0.5 s. A page whose ideographs are all in GB 2312 (printTier) is printed with these.
   */
  common: PrintFaces;
}

/**
 * The fonts a PDF is printed with: each role's whole font (or its common cut), so that Chromium
 * embeds one subset per role, named after the face (NotoSerifSC-Regular, LXGWWenKai-Regular),
 * instead of one font per unicode-range slice (23–45 per issue before). Each file is prepared
 * once per machine into the user's cache (fonts-v1): TrueType (a WOFF2 file decoded, which cost
 * each printing tab 0.2 s), without the radical blocks (isRadical). Where preparing fails, the
 * file itself is used.
 */
export async function printFonts(fonts: RoleFont[], env: Record<string, string | undefined> = process.env, onPrepare: (p: Preparing) => void = () => {}): Promise<PrintFonts> {
  // The cuts to make (a project's own font, another weight): told before the first is started, then one by one.
  const wanted = [...new Set(fonts.filter((f) => f.print && !f.cuts).map((f) => f.print!))].flatMap((file) => (['whole', 'common'] as const).map((cut) => ({ file, cut })));
  const toCut = (await Promise.all(wanted.map(async ({ file, cut }) => ((await isPrepared(file, cut, env)) ? [] : [`${cut}\0${file}`])))).flat();
  let done = 0;
  if (toCut.length) onPrepare({ step: 'fonts', done, total: toCut.length });
  const tier = async (cut: PrintTier): Promise<PrintFaces> => {
    const chosen = await Promise.all(
      fonts.map(async (font) => {
        if (!font.print) return { role: font.role, ...(font.family ? { family: font.family } : {}) };
        const file = font.cuts?.[cut] ?? (await prepared(font.print, cut, env));
        if (toCut.includes(`${cut}\0${font.print}`) && !counted.has(`${cut}\0${font.print}`)) {
          counted.add(`${cut}\0${font.print}`);
          onPrepare({ step: 'fonts', done: ++done, total: toCut.length });
        }
        return { role: font.role, file };
      }),
    );
    return { css: printFaces(chosen), files: [...new Set(chosen.flatMap((c) => (c.file ? [c.file] : [])))] };
  };
  const [whole, common] = await Promise.all([tier('whole'), tier('common')]);
  return { whole, common };
}

/** CJK ideographs: the URO, extension A, the compatibility block and the supplementary planes. */
function isIdeograph(cp: number): boolean {
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || cp >= 0x20000;
}

let gb2312: ReadonlySet<number> | undefined;

/**
 * The 6,763 汉字 of GB 2312 (rows 16–87; row 55 ends at 0xD7F9), decoded at once by the
 * runtime's GB 18030 decoder, which agrees with GB 2312 on all of them.
 */
export function gb2312Ideographs(): ReadonlySet<number> {
  if (!gb2312) {
    const codes: number[] = [];
    for (let row = 0xb0; row <= 0xf7; row++) for (let cell = 0xa1; cell <= (row === 0xd7 ? 0xf9 : 0xfe); cell++) codes.push(row, cell);
    const set = new Set<number>();
    for (const ch of new TextDecoder('gb18030').decode(Uint8Array.from(codes))) set.add(ch.codePointAt(0) ?? 0);
    gb2312 = set;
  }
  return gb2312;
}

/** The print fonts a page of this text (or these characters) is printed with: the common cut when it has every ideograph of it. */
export function printTier(text: string | Iterable<string>): PrintTier {
  const common = gb2312Ideographs();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isIdeograph(cp) && !common.has(cp)) return 'whole';
  }
  return 'common';
}

const preparing = new Map<string, Promise<string>>();
/** Cuts told as done this run (a role that shares its font with another is told once). */
const counted = new Set<string>();

/** Where a print cut of `file` is kept in the user cache. */
function cutTarget(file: string, cut: PrintTier, env: Record<string, string | undefined>): string {
  const name = `${path.basename(file, path.extname(file))}-${fileKey(file).slice(0, 16)}${cut === 'common' ? '-gb2312' : ''}.ttf`;
  return path.join(userCacheRoot(env), 'bulletin', 'fonts-v1', name);
}

/** True when the cut is made already (this run, or an earlier one and still whole): nothing to tell. */
async function isPrepared(file: string, cut: PrintTier, env: Record<string, string | undefined>): Promise<boolean> {
  return preparing.has(`${cut}\0${file}`) || (await preparedIntact(cutTarget(file, cut, env)));
}

function prepared(file: string, cut: PrintTier, env: Record<string, string | undefined>): Promise<string> {
  const key = `${cut}\0${file}`;
  let done = preparing.get(key);
  if (!done) {
    done = prepare(file, cut, env).catch(() => file);
    preparing.set(key, done);
  }
  return done;
}

/** Beside each prepared font: its size and hash, written after it (so a font changed since is newer than its record). */
interface PreparedRecord {
  size: number;
  sha256: string;
}

const recordOf = (font: string) => `${font}.json`;
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function readRecord(font: string): Promise<(PreparedRecord & { mtimeMs: number }) | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(recordOf(font), 'utf8'), stat(recordOf(font))]);
    const value = JSON.parse(text) as Partial<PreparedRecord>;
    return Number.isSafeInteger(value.size) && typeof value.sha256 === 'string' ? { size: value.size!, sha256: value.sha256, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a prepared font is whole: it has its record, the size recorded, and, when it was
 * written after its record (or `thorough`, for doctor), the hash recorded. A font cut short or
 * damaged is prepared again rather than handed to the printer, where every PDF would fail.
 */
export async function preparedIntact(font: string, thorough = false): Promise<boolean> {
  const [found, record] = await Promise.all([stat(font).catch(() => undefined), readRecord(font)]);
  if (!found?.isFile() || !record || found.size !== record.size) return false;
  if (!thorough && found.mtimeMs <= record.mtimeMs) return true;
  return sha(await readFile(font)) === record.sha256;
}

async function prepare(file: string, cut: PrintTier, env: Record<string, string | undefined>): Promise<string> {
  const target = cutTarget(file, cut, env);
  if (await preparedIntact(target)) {
    // A prepared font in use is dated again (once a day at most), so the sweep keeps it; its record after it.
    const now = Date.now();
    const found = await stat(target);
    if (now - found.mtimeMs > 86_400_000) {
      await utimes(target, now / 1000, now / 1000).catch(() => {});
      await utimes(recordOf(target), now / 1000, now / 1000).catch(() => {});
    }
    return target;
  }
  const data = await cutFont(file, cut);
  await writeCacheFile(target, data);
  const record: PreparedRecord = { size: data.byteLength, sha256: sha(data) };
  await writeCacheFile(recordOf(target), JSON.stringify(record));
  // Fonts another install prepared and no run has used for CACHE_DAYS days go (71 MB a set).
  void sweepCache(path.dirname(target));
  return target;
}

/**
 * A print cut of a font file, as TrueType: the whole font without the radical blocks, or its
 * GB 2312 cut. Made here for a project's own font, and by scripts/fonts.ts for the default faces
 * the package ships prepared (the same bytes either way).
 */
export async function cutFont(file: string, cut: PrintTier): Promise<Uint8Array> {
  // The cmap the coverage check read (and keeps on disk), not a second decoding of the font.
  const [{ default: subsetFont }, { characterSetOf }] = await Promise.all([import('subset-font'), import('./coverage.js')]);
  const common = gb2312Ideographs();
  const kept = [...(await characterSetOf(file))].filter((cp) => !isRadical(cp) && (cut === 'whole' || !isIdeograph(cp) || common.has(cp)));
  return subsetFont(await readFile(file), String.fromCodePoint(...kept), { targetFormat: 'truetype' });
}
