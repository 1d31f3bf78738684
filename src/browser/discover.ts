import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { details, said, type Said } from '../diagnostics/errors.js';

/**
 * Which Chrome/Chromium/Edge prints the PDF. Order (each step named in `--verbose` and doctor):
 * 1. an explicit path: `--browser`, config `browser.executablePath`, `PUPPETEER_EXECUTABLE_PATH`,
 *    `CHROME_PATH` — the first one given wins, and is used even when it is broken (the error
 *    names it) rather than silently replaced;
 * 2. channel `auto` (default): the Chromium bundled in @sparticuz/chromium where it runs
 *    (Linux x64), else a browser installed in the standard places, else one in puppeteer's
 *    cache; channel `system`: the installed browser first, then the bundled one and the cache.
 * Everything the search looks at comes through `System`, so tests can stand in for Windows,
 * macOS or Linux.
 */

export type Channel = 'auto' | 'system';

export interface System {
  platform: NodeJS.Platform;
  arch: string;
  env: Record<string, string | undefined>;
  homedir: string;
  /** True for an existing file this user may run. */
  isExecutable: (file: string) => boolean;
  /** Entries of a folder; [] when it does not exist. */
  list: (dir: string) => string[];
  /** True when the bundled @sparticuz/chromium package is installed. */
  hasBundled: () => boolean;
}

export interface Candidate {
  /** What this step is, in the user's words (both languages): “--browser”, “Microsoft Edge（Program Files (x86)）”… */
  source: Said;
  /** The executable this step points at; for the bundled Chromium, where the package is. */
  path: string;
  /** The bundled Chromium must be unpacked before it can run. */
  bundled?: boolean;
}

export interface Tried extends Candidate {
  found: boolean;
}

export interface Discovery {
  chosen?: Candidate;
  /** Every place looked at, in order, up to and including the chosen one. */
  tried: Tried[];
}

export interface DiscoverOptions {
  /** `--browser PATH` */
  flag?: string;
  /** config browser.executablePath */
  configPath?: string;
  channel?: Channel;
}

const require = createRequire(import.meta.url);

export function realSystem(env: Record<string, string | undefined>): System {
  return {
    platform: process.platform,
    arch: process.arch,
    env,
    homedir: env.HOME || env.USERPROFILE || os.homedir(),
    isExecutable: (file) => {
      try {
        if (!statSync(file).isFile()) return false;
        accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    hasBundled: () => {
      try {
        require.resolve('@sparticuz/chromium');
        return true;
      } catch {
        return false;
      }
    },
  };
}

function explicit(options: DiscoverOptions, env: System['env']): Candidate[] {
  const steps: Array<[Said, string | undefined]> = [
    [details.fromFlag(), options.flag],
    [details.fromConfig(), options.configPath],
    [details.fromEnv('PUPPETEER_EXECUTABLE_PATH'), env.PUPPETEER_EXECUTABLE_PATH],
    [details.fromEnv('CHROME_PATH'), env.CHROME_PATH],
  ];
  return steps.filter((s): s is [Said, string] => !!s[1]).map(([source, p]) => ({ source, path: p }));
}

/** The bundled Chromium runs on Linux x64 only (the package ships no other build). */
function bundled(sys: System): Candidate[] {
  if (sys.platform !== 'linux' || sys.arch !== 'x64' || !sys.hasBundled()) return [];
  return [{ source: details.fromBundled(), path: '@sparticuz/chromium', bundled: true }];
}

/** Chrome, Edge and Chromium where their installers put them. */
export function installed(sys: System): Candidate[] {
  const { env } = sys;
  if (sys.platform === 'win32') {
    const win = path.win32;
    const bases: Array<[string, string]> = [
      ['Program Files', env.PROGRAMFILES || env.ProgramFiles || 'C:\\Program Files'],
      ['Program Files (x86)', env['PROGRAMFILES(X86)'] || env['ProgramFiles(x86)'] || 'C:\\Program Files (x86)'],
      ['LocalAppData', env.LOCALAPPDATA || win.join(sys.homedir, 'AppData', 'Local')],
    ];
    const apps: Array<[string, string[]]> = [
      ['Google Chrome', ['Google', 'Chrome', 'Application', 'chrome.exe']],
      ['Microsoft Edge', ['Microsoft', 'Edge', 'Application', 'msedge.exe']],
      ['Chromium', ['Chromium', 'Application', 'chrome.exe']],
    ];
    return apps.flatMap(([name, parts]) => bases.map(([where, base]) => ({ source: details.fromInstalled(name, where), path: win.join(base, ...parts) })));
  }
  if (sys.platform === 'darwin') {
    const apps: Array<[string, string]> = [
      ['Google Chrome', 'Google Chrome.app/Contents/MacOS/Google Chrome'],
      ['Microsoft Edge', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
      ['Chromium', 'Chromium.app/Contents/MacOS/Chromium'],
    ];
    const dirs = ['/Applications', path.posix.join(sys.homedir, 'Applications')];
    return apps.flatMap(([name, app]) => dirs.map((dir) => ({ source: details.fromInstalled(name, dir), path: path.posix.join(dir, app) })));
  }
  const names = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser', 'microsoft-edge', 'microsoft-edge-stable'];
  const dirs = (env.PATH ?? '').split(':').filter(Boolean);
  return names.flatMap((name) => {
    const hit = dirs.map((dir) => path.posix.join(dir, name)).find((p) => sys.isExecutable(p));
    return [{ source: details.fromPath(name), path: hit ?? name }];
  });
}

/** Browsers that `npx puppeteer browsers install` put in its cache (~/.cache/puppeteer). */
export function puppeteerCache(sys: System): Candidate[] {
  const join = sys.platform === 'win32' ? path.win32.join : path.posix.join;
  const root = sys.env.PUPPETEER_CACHE_DIR || join(sys.homedir, '.cache', 'puppeteer');
  const inside: Record<string, (dir: string) => string[]> = {
    linux: (d) => [join(d, 'chrome-linux64', 'chrome'), join(d, 'chrome-linux', 'chrome')],
    darwin: (d) => ['chrome-mac-x64', 'chrome-mac-arm64'].map((p) => join(d, p, 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing')),
    win32: (d) => [join(d, 'chrome-win64', 'chrome.exe'), join(d, 'chrome-win32', 'chrome.exe')],
  };
  const executables = inside[sys.platform] ?? inside.linux!;
  const versions = sys
    .list(join(root, 'chrome'))
    .sort()
    .reverse()
    .flatMap((v) => executables(join(root, 'chrome', v)));
  const found = versions.find((p) => sys.isExecutable(p));
  return [{ source: details.fromPuppeteerCache(), path: found ?? join(root, 'chrome') }];
}

/** Walks the steps in order and stops at the first browser that is there. */
export function discoverBrowser(options: DiscoverOptions, sys: System): Discovery {
  const tried: Tried[] = [];
  const given = explicit(options, sys.env)[0];
  if (given) {
    // An explicit path always wins: a broken one is reported, never quietly replaced.
    tried.push({ ...given, found: sys.isExecutable(given.path) });
    return { chosen: given, tried };
  }
  const system = () => installed(sys);
  const order = options.channel === 'system' ? [system, () => bundled(sys)] : [() => bundled(sys), system];
  for (const step of [...order, () => puppeteerCache(sys)]) {
    for (const candidate of step()) {
      const found = candidate.bundled === true || sys.isExecutable(candidate.path);
      tried.push({ ...candidate, found });
      if (found) return { chosen: candidate, tried };
    }
  }
  return { tried };
}

/** The list of places tried, one per line, for the “no browser” message and doctor. */
export function describeTried(tried: Tried[]): Said {
  const list = (lang: 'zh' | 'en') => tried.map((t) => `  ${t.found ? '✓' : '✗'} ${t.source[lang]}${lang === 'zh' ? '：' : ': '}${t.path}`).join('\n');
  return said(list('zh'), list('en'));
}
