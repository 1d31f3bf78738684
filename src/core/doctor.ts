import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, offsetToAt } from '../diagnostics/report.js';
import { BulletinError } from '../diagnostics/errors.js';
import type { Channel, System, Tried } from '../browser/discover.js';
import { resolveFonts, ROLES, type Role, type RoleFont } from '../fonts/fonts.js';
import { roleTexts } from '../fonts/roleText.js';
import { coverage, openFace } from '../fonts/coverage.js';
import { analyse } from './analyse.js';
import { displayPath, type Io } from './io.js';
import { auditUserCache, type CacheAudit } from './userCache.js';

/**
 * `bulletin doctor`: what this machine and project will do when asked for a PDF — Node, the
 * browser (found, started, one page printed), the font serving each role and the characters of
 * the sources it lacks, the config, the output folder. Returns a report; the CLI renders it.
 */

export const MIN_NODE = [20, 19] as const;

/** The official face of each role (docs/layout.md § Fonts), as Word and WPS name them. */
export const OFFICIAL_FACES: Record<Role, string[]> = {
  title: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK'],
  body: ['仿宋_GB2312', '仿宋', 'FangSong_GB2312', 'FangSong'],
  kai: ['楷体_GB2312', '楷体', 'KaiTi_GB2312', 'KaiTi'],
  hei: ['黑体', 'SimHei'],
  figures: ['宋体', 'SimSun'],
};

export interface MissingChar {
  char: string;
  codePoint: string;
  /** Where it first occurs: “bulletins/2021/064.md:9:5”. */
  at: string;
}

export interface FontCheck {
  role: Role;
  /** What serves the role: a family, a project font file, or a bundled package. */
  name: string;
  files: string[];
  /** The whole font PDFs are printed with (bundled roles: the npm package's file), when it differs from `files`. */
  print?: string;
  official: boolean;
  /** The official face this role stands for. */
  officialName: string;
  /** Characters the sources use in this role that the font cannot print. */
  missing: MissingChar[];
  /** Coverage cannot be read for a system family. */
  checked: boolean;
}

export interface BrowserCheck {
  tried: Tried[];
  path?: string;
  source?: string;
  version?: string;
  /** A one-page test PDF was printed. */
  printed: boolean;
  ms?: number;
  error?: string;
  hint?: string;
}

export interface DoctorReport {
  ok: boolean;
  /** PDF output can work (browser prints, config valid, output writable). */
  pdfReady: boolean;
  node: { version: string; ok: boolean };
  config: { file?: string; ok: boolean; problems: string[] };
  browser: BrowserCheck;
  fonts: FontCheck[];
  output: { path: string; writable: boolean; error?: string };
  /** The user's cache folder: entries looked at, and the damaged ones removed (made again when next needed). */
  caches: CacheAudit;
  sources: number;
}

export interface DoctorOptions {
  io: Io;
  /** `--browser PATH` */
  browser?: string;
  /** Missing glyphs count as failures. */
  strict?: boolean;
  /** Stands in for the machine in tests. */
  system?: System;
}

function nodeOk(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

async function checkBrowser(options: DoctorOptions, executablePath: string | undefined, channel: Channel): Promise<BrowserCheck> {
  const { locateBrowser, launchBrowser } = await import('../browser/browser.js');
  const common = { flag: options.browser, executablePath, channel, env: options.io.env, ...(options.system ? { system: options.system } : {}) };
  let tried: Tried[] = [];
  try {
    const located = await locateBrowser({ ...common, log: () => {} });
    tried = located.tried;
    const started = Date.now();
    const browser = await launchBrowser(common);
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><meta charset="utf-8"><p>bulletin doctor 试印</p>');
      const pdf = await page.pdf({ format: 'A4' });
      const printed = Buffer.from(pdf.subarray(0, 5)).toString() === '%PDF-';
      return { tried, path: located.executablePath, source: located.source, version: await browser.version(), printed, ms: Date.now() - started };
    } finally {
      await browser.close().catch(() => {});
    }
  } catch (error) {
    const e = error as Error;
    // Discovery's own list, when it got that far.
    if (tried.length === 0) {
      const { discoverBrowser, realSystem } = await import('../browser/discover.js');
      tried = discoverBrowser({ flag: options.browser, configPath: executablePath, channel }, options.system ?? realSystem(options.io.env)).tried;
    }
    return { tried, printed: false, error: e.message, ...(error instanceof BulletinError ? { hint: error.hint } : {}) };
  }
}

async function fontName(font: RoleFont): Promise<{ name: string; files: string[]; official: boolean }> {
  const official = OFFICIAL_FACES[font.role];
  if (font.family) return { name: font.family, files: [], official: official.includes(font.family) };
  const files = [...new Set(font.slices.map((s) => s.file))];
  if (files.length === 1 && files[0]) {
    // A project font file: its own family name decides whether it is the official face.
    try {
      const family = (await openFace(files[0])).familyName ?? font.name;
      return { name: `${family}（${font.name}）`, files, official: official.some((o) => family.includes(o)) };
    } catch {
      return { name: font.name, files, official: false };
    }
  }
  return { name: font.name, files, official: false };
}

/** First place of a character in a source, as “file:line:column”. */
function firstPlace(display: string, text: string, char: string): string {
  const offset = text.indexOf(char);
  if (offset < 0) return display;
  const at = offsetToAt(text, offset);
  return `${display}:${at.line}:${at.column}`;
}

export async function doctor(options: DoctorOptions): Promise<DoctorReport> {
  const { io } = options;
  const show = (abs: string) => displayPath(io, abs);
  const analysis = await analyse(io, []);
  const { config, root } = analysis;
  const configProblems = analysis.configFile ? analysis.configFile.messages.filter((m) => m.fatal).map((m) => `${analysis.configFile!.path}:${m.line ?? 1}:${m.column ?? 1} ${m.reason}`) : [];
  const configOk = !analysis.configFile || !hasErrors(analysis.configFile);

  // The user cache first: a damaged Chromium copy or print font is removed before the test print.
  const caches = await auditUserCache(io.env);
  const browser = await checkBrowser(options, config.browser.executablePath, config.browser.channel);

  const fonts: FontCheck[] = [];
  const resolved = resolveFonts(config, root);
  const issues = analysis.sources.filter((s) => s.bulletin).map((s) => ({ display: s.file.path, text: String(s.file.value ?? ''), roles: roleTexts(s.bulletin!) }));
  for (const role of ROLES) {
    const font = resolved.find((f) => f.role === role)!;
    const named = await fontName(font);
    const missing: MissingChar[] = [];
    const seen = new Set<number>();
    for (const issue of issues) {
      const lacking = (await coverage(font, issue.roles[role])).missing;
      for (const cp of [...lacking].sort((a, b) => a - b)) {
        if (seen.has(cp)) continue;
        seen.add(cp);
        const char = String.fromCodePoint(cp);
        missing.push({ char, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, at: firstPlace(issue.display, issue.text, char) });
      }
    }
    const print = font.print && !named.files.includes(font.print) ? { print: font.print } : {};
    fonts.push({ role, ...named, ...print, officialName: OFFICIAL_FACES[role][0]!, missing, checked: !font.family });
  }

  const outDir = path.resolve(root, config.out);
  const output = await writable(outDir);
  const pdfReady = browser.printed && configOk && output.writable;
  const glyphsOk = fonts.every((f) => f.missing.length === 0);
  return {
    ok: pdfReady && nodeOk(process.version) && (!options.strict || glyphsOk),
    pdfReady,
    node: { version: process.version, ok: nodeOk(process.version) },
    config: { ...(analysis.configFile ? { file: analysis.configFile.path } : {}), ok: configOk, problems: configProblems },
    browser,
    fonts,
    output: { path: show(outDir), ...output },
    caches,
    sources: issues.length,
  };
}

/** Whether the output folder, or the nearest folder that exists above it, can be written. */
async function writable(dir: string): Promise<{ writable: boolean; error?: string }> {
  let probe = dir;
  for (;;) {
    try {
      await access(probe, constants.F_OK);
      break;
    } catch {
      const up = path.dirname(probe);
      if (up === probe) break;
      probe = up;
    }
  }
  try {
    await access(probe, constants.W_OK);
    return { writable: true };
  } catch (error) {
    return { writable: false, error: (error as Error).message };
  }
}
