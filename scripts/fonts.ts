// Writes the package's fonts/ folder: the default faces, once each, as an installed bulletin
// uses them (src/fonts/fonts.ts SHIPPED_FONTS). From the font packages (development
// dependencies): each default web-font stylesheet with the slices it names, copied byte for byte
// (so an HTML build's fonts are the same files as before), each default print font cut as a
// first build used to cut it into the user's cache (whole without the radical blocks, and its
// GB 2312 cut), and the cmaps of all of them (fonts/cmaps.json), which a first build otherwise
// reads with fontkit. Skipped when fonts/manifest.json says the same packages and code made it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { characterSetOf } from '../src/fonts/coverage.js';
import { defaultFaceModules, FONT_PACKAGES, isRadical, SHIPPED_FONTS } from '../src/fonts/fonts.js';
import { cutFont, printTier, type PrintTier } from '../src/fonts/printFonts.js';
import { packageVersion } from '../src/paths.js';

// `fonts.ts --cut FILE CUT TARGET`: one cut, in a process of its own. subset-font's HarfBuzz
// instance, after two whole Noto Serif SC cuts in the same process, returned LXGW WenKai whole
// as 377 KB instead of 16 MB, without an error; each cut is checked against its cmap below too.
if (process.argv[2] === '--cut') {
  const [file, cut, target] = process.argv.slice(3) as [string, PrintTier, string];
  await writeFile(target, await cutFont(file, cut));
  process.exit(0);
}

const require = createRequire(import.meta.url);

// Made from the font files alone, never from a user cache (whose cmaps another checkout's
// bulletin may have written in another form: a cut made from one came out as 1.4 KB); the
// `--cut` processes inherit this.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bulletin-fonts-'));
process.env.XDG_CACHE_HOME = scratch;
const root = path.resolve(import.meta.dirname, '..');
const out = SHIPPED_FONTS;

const code = await Promise.all(['scripts/fonts.ts', 'src/fonts/printFonts.ts', 'src/fonts/fonts.ts'].map((f) => readFile(path.join(root, f))));
const key = createHash('sha256')
  .update([...FONT_PACKAGES, 'subset-font', 'fontkit'].map((p) => `${p}@${packageVersion(p)}`).join('\n'))
  .update(Buffer.concat(code))
  .digest('hex');
const manifestFile = path.join(out, 'manifest.json');
const before = await readFile(manifestFile, 'utf8').then((t) => (JSON.parse(t) as { key?: string }).key, () => undefined);
if (before === key) process.exit(0);

const started = Date.now();
await rm(out, { recursive: true, force: true });
const { css, print } = defaultFaceModules();
/** Shipped file (relative to fonts/, '/'-separated) → its source, whose cmap cmaps.json keeps. */
const cmapOf = new Map<string, string>();

for (const module of css) {
  const source = require.resolve(module);
  const target = path.join(out, 'web', module);
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(source, target);
  const text = await readFile(source, 'utf8');
  for (const m of text.matchAll(/url\(['"]?\.\/(files\/[^)'"]+\.woff2)['"]?\)/g)) {
    const rel = `web/${path.posix.dirname(module)}/${m[1]}`;
    if (cmapOf.has(rel)) continue;
    await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
    await copyFile(path.join(path.dirname(source), m[1]!), path.join(out, rel));
    cmapOf.set(rel, path.join(out, rel));
  }
}

for (const module of print) {
  const source = require.resolve(module);
  const stem = `print/${module.replace(/\.[^./]+$/, '')}`;
  await mkdir(path.dirname(path.join(out, stem)), { recursive: true });
  for (const [cut, suffix] of [['whole', ''], ['common', '-gb2312']] as const) {
    const rel = `${stem}${suffix}.ttf`;
    execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--cut', source, cut, path.join(out, rel)], { stdio: 'inherit' });
    const [had, has] = [[...(await characterSetOf(source))], await characterSetOf(path.join(out, rel))];
    const kept = had.filter((cp) => !isRadical(cp) && (cut === 'whole' || printTier(String.fromCodePoint(cp)) === 'common'));
    if (kept.some((cp) => !has.has(cp))) throw new Error(`${rel}: the cut lacks characters of ${module}`);
    cmapOf.set(rel, path.join(out, rel));
  }
}

const cmaps: Record<string, number[]> = {};
for (const [rel, file] of [...cmapOf].sort(([a], [b]) => (a < b ? -1 : 1))) cmaps[rel] = (await characterSetOf(file)).toJSON();
await writeFile(path.join(out, 'cmaps.json'), JSON.stringify(cmaps));
await writeFile(manifestFile, `${JSON.stringify({ key, css, print }, null, 1)}\n`);
await rm(scratch, { recursive: true, force: true });
console.log(`fonts/: ${css.length} stylesheets, ${cmapOf.size} files (${((Date.now() - started) / 1000).toFixed(1)} s)`);
