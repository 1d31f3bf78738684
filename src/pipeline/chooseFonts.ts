import type { VFile } from 'vfile';
import type { Config } from '../config/schema.js';
import { offsetToAt, report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import { coverage } from '../fonts/coverage.js';
import { fontFaces, FONTS_DIR, type RoleFont } from '../fonts/fonts.js';
import { roleTexts } from '../fonts/roleText.js';
import type { Bulletin } from '../model/bulletin.js';

export interface ChooseFontsOptions {
  fonts: RoleFont[];
  config: Config;
  /** Output-relative folder of the HTML file ("" or "2021"), for the font URLs. */
  htmlDir: string;
}

export interface ChosenFonts {
  /** @font-face rules for the page, one by one. */
  rules: string[];
  /** Font files to copy into the output (shared by issues). */
  files: Array<{ from: string; to: string }>;
  /** Characters no font of their role has (allowed by missingGlyph: warning): printed as 〓. */
  unprintable: Set<string>;
  /** Every character the page shows, in any role (the printer's font tier depends on them). */
  chars: ReadonlySet<string>;
}

/**
 * The fonts stage: for each role, the font slices the issue's text needs (from the fonts' real
 * cmaps, fonts/coverage.ts); a character a role's font lacks is reported at its first place.
 * Undefined when a missing character is an error (body and title, unless the config allows it).
 */
export async function chooseFonts(file: VFile, b: Bulletin, options: ChooseFontsOptions): Promise<ChosenFonts | undefined> {
  const text = pageText(b);
  const roles = roleTexts(b);
  // Slices are chosen from the whole page text (a face never lacks a slice the page asks it
  // for); what is missing is reported for the text each role really prints.
  const unprintable = new Set<string>();
  // The page's characters are gathered once, not once per role (a page is ~10,000 characters).
  const pageChars = new Set(text);
  const used = await Promise.all(
    options.fonts.map(async (font) => {
      const chars = font.role === 'title' ? roles.title : font.role === 'figures' ? roles.figures : new Set([...pageChars, ...roles[font.role]]);
      const { used, missing } = await coverage(font, chars);
      reportMissingGlyphs(file, font, missing, roles[font.role], options.config);
      for (const cp of missing) if (roles[font.role].includes(String.fromCodePoint(cp))) unprintable.add(String.fromCodePoint(cp));
      return { font, used };
    }),
  );
  if (file.messages.some((m) => m.fatal === true)) return undefined;
  const chars = new Set(pageChars);
  for (const roleText of Object.values(roles)) for (const ch of roleText) chars.add(ch);
  return { ...fontFaces(used, FONTS_DIR, options.htmlDir), unprintable, chars };
}

/** Every string the page will show, for the font coverage check. */
function pageText(b: Bulletin): string {
  const parts: string[] = ['第期（总）年月日印发共份本期要目◆：— 0123456789〓', b.draft ? '草稿' : '', b.title, b.publisher, b.marker];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (k !== 'src' && k !== 'href' && k !== 'place' && k !== 'url') collect(v);
    }
  };
  collect(b.articles);
  collect(b.distribution);
  if (b.series) parts.push(b.series.name);
  return parts.join('');
}

/**
 * Characters a role's font cannot print, each a diagnostic at its first place. Body and title
 * must print: an error unless the config says `missingGlyph: warning`; other roles warn.
 */
function reportMissingGlyphs(file: VFile, font: RoleFont, missing: Set<number>, roleText: string, config: Config): void {
  const chars = [...missing].filter((cp) => roleText.includes(String.fromCodePoint(cp))).map((cp) => String.fromCodePoint(cp));
  if (chars.length === 0) return;
  const text = String(file.value ?? '');
  const first = Math.min(...chars.map((c) => text.indexOf(c)).filter((i) => i >= 0));
  const severity = (font.role === 'body' || font.role === 'title') && config.missingGlyph === 'error' ? 'error' : 'warning';
  report(file, rules.missingGlyph, { role: font.role, font: font.name, chars: chars.slice(0, 10), count: chars.length }, Number.isFinite(first) ? offsetToAt(text, first) : undefined, { severity });
}
