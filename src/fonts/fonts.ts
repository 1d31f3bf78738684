import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config, FontRole } from '../config/schema.js';
import { bulletinError } from '../diagnostics/errors.js';
import { PACKAGE_ROOT } from '../version.js';

const require = createRequire(import.meta.url);

/** Where font files go in the output folder, shared by every page. */
export const FONTS_DIR = 'assets/fonts';

export type Role = 'title' | 'body' | 'kai' | 'hei' | 'figures';
export const ROLES: Role[] = ['title', 'body', 'kai', 'hei', 'figures'];

/** Google Fonts' names of the static weights, as @expo-google-fonts names its folders and files. */
const WEIGHT_NAMES: Record<number, string> = { 100: 'Thin', 200: 'ExtraLight', 300: 'Light', 400: 'Regular', 500: 'Medium', 600: 'SemiBold', 700: 'Bold', 800: 'ExtraBold', 900: 'Black' };

/** The whole static font of a weight from an @expo-google-fonts package (one TTF per weight). */
function expoFont(pkg: string, file: string, weight: number): string {
  const w = Math.min(900, Math.max(pkg.includes('serif') ? 200 : 100, Math.round(weight / 100) * 100));
  const name = `${w}${WEIGHT_NAMES[w] ?? 'Regular'}`;
  return `@expo-google-fonts/${pkg}/${name}/${file}_${name}.ttf`;
}

/** LXGW WenKai whole, as @fontsource/lxgw-wenkai ships it: Light as 300, Regular as 500, Bold as 700. */
const kaiFont = (w: number) => `@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-${w >= 600 ? 700 : w <= 300 ? 300 : 500}-normal.woff2`;

/**
 * The bundled free default of each role (docs/layout.md § Fonts), an npm package and a weight: the
 * screen edition uses web-font slices (`css`, a reader fetches only the slices a page needs);
 * print uses the whole font of the same face (`print`), so that a PDF embeds one subset per
 * role, named after the face, not one font per slice.
 */
const BUNDLED: Record<Role, { css: (weight: number) => string; print: (weight: number) => string; weight: number; name: string }> = {
  title: { css: (w) => `@fontsource/noto-serif-sc/${w}.css`, print: (w) => expoFont('noto-serif-sc', 'NotoSerifSC', w), weight: 900, name: 'Noto Serif SC Black' },
  body: { css: (w) => `@fontsource/noto-serif-sc/${w}.css`, print: (w) => expoFont('noto-serif-sc', 'NotoSerifSC', w), weight: 400, name: 'Noto Serif SC' },
  kai: { css: (w) => `lxgw-wenkai-webfont/lxgwwenkai-${w >= 600 ? 'bold' : w <= 300 ? 'light' : 'regular'}.css`, print: kaiFont, weight: 400, name: 'LXGW WenKai' },
  hei: { css: (w) => `@fontsource/noto-sans-sc/${w}.css`, print: (w) => expoFont('noto-sans-sc', 'NotoSansSC', w), weight: 400, name: 'Noto Sans SC' },
  figures: { css: (w) => `@fontsource/noto-serif-sc/${w}.css`, print: (w) => expoFont('noto-serif-sc', 'NotoSerifSC', w), weight: 400, name: 'Noto Serif SC' },
};

/** The npm packages the bundled fonts come from (their versions are part of the build cache's key, when they are installed). */
export const FONT_PACKAGES = ['@fontsource/noto-serif-sc', '@fontsource/noto-sans-sc', 'lxgw-wenkai-webfont', '@expo-google-fonts/noto-serif-sc', '@expo-google-fonts/noto-sans-sc', '@fontsource/lxgw-wenkai'];

/**
 * The faces of the default weights, shipped in the package's fonts/ folder (scripts/fonts.ts
 * writes it at build time from the font packages, which are development dependencies): each
 * web-font stylesheet with its slices, byte for byte (fonts/web/<module>), and each print font
 * already prepared (fonts/print/<module>.ttf and its GB 2312 cut, -gb2312.ttf), so an installed
 * bulletin carries one set of the faces it uses (not the six packages' 450 MB of every weight
 * twice) and a first build prepares nothing. Another weight is read from the font packages,
 * when they are installed.
 */
export const SHIPPED_FONTS = path.join(PACKAGE_ROOT, 'fonts');

/** The npm modules the default faces come from: stylesheets (web) and whole fonts (print). */
export function defaultFaceModules(): { css: string[]; print: string[] } {
  const css = new Set<string>();
  const print = new Set<string>();
  for (const role of ROLES) {
    css.add(BUNDLED[role].css(BUNDLED[role].weight));
    print.add(BUNDLED[role].print(BUNDLED[role].weight));
  }
  return { css: [...css], print: [...print] };
}

/** Where the package ships the prepared print cuts of a font module (undefined: not shipped). */
export function shippedPrint(module: string): { whole: string; common: string } | undefined {
  const stem = path.join(SHIPPED_FONTS, 'print', module.replace(/\.[^./]+$/, ''));
  const cuts = { whole: `${stem}.ttf`, common: `${stem}-gb2312.ttf` };
  return existsSync(cuts.whole) && existsSync(cuts.common) ? cuts : undefined;
}

/** A font module's file: the shipped copy (web stylesheets), else the installed package's; a clear error when neither is there. */
export function fontModule(module: string, shipped?: string): string {
  if (shipped && existsSync(shipped)) return shipped;
  try {
    return require.resolve(module);
  } catch (error) {
    throw bulletinError('FontPackageMissing', [module, module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : module.split('/')[0]!], error);
  }
}

export interface Slice {
  /** Absolute path of the woff2 file. */
  file: string;
  ranges: Array<[number, number]>;
}

export interface RoleFont {
  role: Role;
  name: string;
  /** Slices of a bundled font; a project font file is one slice covering everything. */
  slices: Slice[];
  /** A system family name (only with fonts.system). */
  family?: string;
  /** The whole font file a PDF is printed with (absolute path): a project's own file, or the bundled face whole. */
  print?: string;
  /** The print cuts the package ships prepared (a default face): printFonts uses them as they are. */
  cuts?: { whole: string; common: string };
}

const sliceCache = new Map<string, Slice[]>();

/** Reads a web-font stylesheet of an npm package into its woff2 slices and unicode ranges. */
export function bundledSlices(cssModule: string): Slice[] {
  const cached = sliceCache.get(cssModule);
  if (cached) return cached;
  const cssPath = fontModule(cssModule, path.join(SHIPPED_FONTS, 'web', cssModule));
  const css = readFileSync(cssPath, 'utf8');
  const slices: Slice[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const src = /url\(['"]?\.\/files\/([^)'"]+\.woff2)['"]?\)/.exec(block)?.[1];
    if (!src) continue;
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1];
    slices.push({ file: path.join(path.dirname(cssPath), 'files', src), ranges: range ? parseRanges(range) : [[0, 0x10ffff]] });
  }
  sliceCache.set(cssModule, slices);
  return slices;
}

/** A CSS unicode-range list (“U+4e00, U+4e8c-4e8d”); one pass of a regular expression, since a CJK font's lists hold ~16,000 entries. */
export function parseRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const m of text.matchAll(/(?:U\+)?([0-9a-f]+)(?:-([0-9a-f]+))?/gi)) {
    const start = parseInt(m[1]!, 16);
    ranges.push([start, m[2] ? parseInt(m[2], 16) : start]);
  }
  return ranges;
}

export function resolveFonts(config: Config, root: string): RoleFont[] {
  return ROLES.map((role) => {
    const chosen: FontRole | undefined = config.fonts[role];
    if (chosen?.file) {
      const file = path.resolve(root, chosen.file);
      return { role, name: path.basename(file), slices: [{ file, ranges: [[0, 0x10ffff]] }], print: file };
    }
    if (chosen?.family && config.fonts.system) return { role, name: chosen.family, slices: [], family: chosen.family };
    const b = BUNDLED[role];
    const weight = chosen?.weight ?? b.weight;
    const cuts = shippedPrint(b.print(weight));
    return { role, name: b.name, slices: bundledSlices(b.css(weight)), print: cuts?.whole ?? fontModule(b.print(weight)), ...(cuts ? { cuts } : {}) };
  });
}

/** Whether a slice's unicode-range claims the code point. */
export function covers(slice: Slice, cp: number): boolean {
  return slice.ranges.some(([a, b]) => cp >= a && cp <= b);
}

/** Larger claims than this (a project font claims U+0–10FFFF) are searched, not indexed. */
const INDEX_LIMIT = 200_000;
const sliceIndex = new WeakMap<Slice[], Map<number, Slice> | null>();

/**
 * Code point → the first slice that claims it, built once per (cached) slice list: the lookup
 * is the hot path of an HTML build, and scanning ~100 slices' range lists per character cost
 * 160 ms of a 3-issue build.
 */
function indexOf(slices: Slice[]): Map<number, Slice> | null {
  let index = sliceIndex.get(slices);
  if (index !== undefined) return index;
  const claimed = slices.reduce((n, s) => n + s.ranges.reduce((m, [a, b]) => m + b - a + 1, 0), 0);
  index = claimed > INDEX_LIMIT ? null : new Map();
  if (index) {
    // Later slices first, so that the first slice claiming a code point wins, as in the CSS.
    for (const slice of [...slices].reverse()) for (const [a, b] of slice.ranges) for (let cp = a; cp <= b; cp++) index.set(cp, slice);
  }
  sliceIndex.set(slices, index);
  return index;
}

/** The first slice whose unicode-range claims the code point. */
export function sliceOf(slices: Slice[], cp: number): Slice | undefined {
  const index = indexOf(slices);
  return index ? index.get(cp) : slices.find((s) => covers(s, cp));
}

/** The slices a text needs, and the code points no slice of the role has. */
export function slicesFor(font: RoleFont, text: string): { used: Slice[]; missing: Set<number> } {
  const used = new Set<Slice>();
  const missing = new Set<number>();
  if (font.family) return { used: [], missing };
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    const slice = sliceOf(font.slices, cp);
    if (slice) used.add(slice);
    else missing.add(cp);
  }
  return { used: font.slices.filter((s) => used.has(s)), missing };
}

function cssString(value: string): string {
  return `"${value.replace(/[\\"\n<>]/g, (c) => `\\${c.codePointAt(0)?.toString(16)} `)}"`;
}

/**
 * @font-face rules for the roles, with `url()` relative to the HTML file. Returns the files to
 * copy (absolute source → output-relative target).
 */
export function fontFaces(fonts: Array<{ font: RoleFont; used: Slice[] }>, fontsDir: string, htmlDir: string): { css: string; rules: string[]; files: Array<{ from: string; to: string }> } {
  const rules: string[] = [];
  const files = new Map<string, string>();
  for (const { font, used } of fonts) {
    const family = `bulletin-${font.role}`;
    if (font.family) {
      rules.push(`@font-face { font-family: ${cssString(family)}; src: local(${cssString(font.family)}); }`);
      continue;
    }
    for (const slice of used) {
      const to = `${fontsDir}/${path.basename(slice.file)}`;
      files.set(slice.file, to);
      const url = path.posix.relative(htmlDir, to);
      const range = unicodeRange(slice);
      const format = /\.woff2$/i.test(slice.file) ? ' format("woff2")' : '';
      rules.push(`@font-face { font-family: ${cssString(family)}; font-display: block; src: url(${cssString(url)})${format}; unicode-range: ${range}; ${METRICS} }`);
    }
  }
  return { css: rules.join('\n'), rules, files: [...files].map(([from, to]) => ({ from, to })) };
}

const ranges = new WeakMap<Slice, string>();

/** A slice's unicode-range descriptor (made once per slice: a page has dozens, a batch hundreds of pages). */
function unicodeRange(slice: Slice): string {
  let range = ranges.get(slice);
  if (range === undefined) {
    range = slice.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',');
    ranges.set(slice, range);
  }
  return range;
}

/**
 * Every role's face with the body face's vertical metrics (Noto Serif SC: ascent 1151, descent
 * 286 per 1000): a line's baseline sits where its font's ascent and descent put it in the line
 * box, so LXGW WenKai (928 / 256) set its lines 1.6 pt above the grid the body keeps.
 */
const METRICS = 'ascent-override: 115.1%; descent-override: 28.6%; line-gap-override: 0%;';

/**
 * @font-face rules for print: each role's whole font as one face (a file: URL, no
 * unicode-range), under the same family names as the page's own rules, which they replace.
 */
export function printFaces(fonts: Array<{ role: Role; file?: string; family?: string }>): string {
  return fonts
    .map(({ role, file, family }) => {
      const src = file ? `url(${cssString(pathToFileURL(file).href)})` : family ? `local(${cssString(family)})` : undefined;
      return src ? `@font-face { font-family: ${cssString(`bulletin-${role}`)}; font-display: block; src: ${src}; ${METRICS} }` : '';
    })
    .filter(Boolean)
    .join('\n');
}

/**
 * Code points of the CJK Radicals Supplement and Kangxi Radicals blocks. The Noto fonts draw
 * ⽣ (U+2F63) and 生 (U+751F) with one glyph, and Chromium's PDF writer names a glyph's text
 * after the lowest code point that maps to it: left in the font, every 生, 门, 长, 见 of a
 * PDF would copy and search as a radical. The print fonts leave these blocks out, so a radical
 * in a source is reported as a character the font cannot print (almost always a PDF-extraction
 * artefact that should be the ideograph).
 */
export function isRadical(cp: number): boolean {
  return cp >= 0x2e80 && cp <= 0x2fdf;
}
