import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileKey, userCacheRoot, writeCacheFile } from '../paths.js';
import { isRadical, printFaces, type RoleFont } from './fonts.js';

/** What the printer loads instead of the page's web-font slices. */
export interface PrintFonts {
  /** @font-face rules, one whole font per role. */
  css: string;
  /** The font files those rules name: the printing page may read these and nothing else outside the output. */
  files: string[];
}

/**
 * The fonts a PDF is printed with: each role's whole font, so that Chromium embeds one subset
 * per role, named after the face (NotoSerifSC-Regular, LXGWWenKai-Regular), instead of one
 * font per unicode-range slice (23–45 per issue before). Each file is prepared once per
 * machine into the user's cache (fonts-v1): TrueType (a WOFF2 file decoded, which cost each
 * printing tab 0.2 s), without the radical blocks (isRadical). Where preparing fails, the file
 * itself is used.
 */
export async function printFonts(fonts: RoleFont[], env: Record<string, string | undefined> = process.env): Promise<PrintFonts> {
  const chosen = await Promise.all(
    fonts.map(async (font) => ({ role: font.role, ...(font.print ? { file: await prepared(font.print, env) } : {}), ...(font.family ? { family: font.family } : {}) })),
  );
  return { css: printFaces(chosen), files: [...new Set(chosen.flatMap((c) => (c.file ? [c.file] : [])))] };
}

const preparing = new Map<string, Promise<string>>();

function prepared(file: string, env: Record<string, string | undefined>): Promise<string> {
  let done = preparing.get(file);
  if (!done) {
    done = prepare(file, env).catch(() => file);
    preparing.set(file, done);
  }
  return done;
}

async function prepare(file: string, env: Record<string, string | undefined>): Promise<string> {
  const target = path.join(userCacheRoot(env), 'bulletin', 'fonts-v1', `${path.basename(file, path.extname(file))}-${fileKey(file).slice(0, 16)}.ttf`);
  if (await stat(target).then((t) => t.size > 0, () => false)) return target;
  // The cmap the coverage check read (and keeps on disk), not a second decoding of the font.
  const [{ default: subsetFont }, { characterSetOf }] = await Promise.all([import('subset-font'), import('./coverage.js')]);
  const kept = [...(await characterSetOf(file))].filter((cp) => !isRadical(cp));
  await writeCacheFile(target, await subsetFont(await readFile(file), String.fromCodePoint(...kept), { targetFormat: 'truetype' }));
  return target;
}
