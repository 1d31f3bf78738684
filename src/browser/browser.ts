import type { Browser } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { bulletinError } from '../diagnostics/errors.js';
import { bundledChromium, bundledChromiumDir, isExecutable, unpackedIntact } from './bundled.js';
import { describeTried, discoverBrowser, realSystem, type Channel, type System, type Tried } from './discover.js';

export interface BrowserOptions {
  /** `--browser PATH` */
  flag?: string;
  /** config browser.executablePath */
  executablePath?: string;
  /** config browser.channel */
  channel?: Channel;
  env: Record<string, string | undefined>;
  log?: (text: string) => void;
  /** Stands in for the machine in tests. */
  system?: System;
}

/** The browser a run uses, with how it was found (for the manifest, --verbose and doctor). */
export interface Located {
  executablePath: string;
  source: string;
  /** Extra flags the bundled Chromium needs. */
  args: string[];
  tried: Tried[];
  /** The folder of the bundled Chromium's unpacked copy, when that is the browser. */
  bundledDir?: string;
}

/** Flags that keep a headless print engine quiet and offline. */
const QUIET = [
  '--headless=new',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  '--disable-domain-reliability',
  '--font-render-hinting=none',
  '--disable-gpu',
  '--mute-audio',
  '--disable-dev-shm-usage',
];

/** @sparticuz/chromium flags that weaken the page's security: never passed. */
const UNSAFE = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Finds the browser (discover.ts) and, for the bundled Chromium, unpacks it. Throws the
 * catalogue's BrowserNotFound, listing every place tried, when there is none.
 */
export async function locateBrowser(options: BrowserOptions, fresh?: boolean): Promise<Located> {
  const log = options.log ?? (() => {});
  const discovery = discoverBrowser({ flag: options.flag, configPath: options.executablePath, channel: options.channel }, options.system ?? realSystem(options.env));
  for (const t of discovery.tried) log(`查找浏览器：${t.found ? '✓' : '✗'} ${t.source}：${t.path}\n`);
  const chosen = discovery.chosen;
  if (!chosen) throw bulletinError('BrowserNotFound', [describeTried(discovery.tried)]);
  if (!chosen.bundled) {
    if (!isExecutable(chosen.path)) throw bulletinError('BrowserLaunchFailed', [`${chosen.path} 不存在或不可执行（来自 ${chosen.source}）`]);
    return { executablePath: chosen.path, source: chosen.source, args: [], tried: discovery.tried };
  }
  try {
    const chromium = await bundledChromium(options.env, { fresh: fresh === true });
    const skip = new Set([...UNSAFE, '--no-sandbox', '--disable-setuid-sandbox', "--headless='shell'", '--headless=shell', '--single-process', '--no-zygote']);
    return { executablePath: chromium.executablePath, source: chosen.source, args: chromium.args.filter((a) => !skip.has(a) && !QUIET.includes(a)), tried: discovery.tried, bundledDir: chromium.dir };
  } catch (error) {
    throw bulletinError('BundledBrowserFailed', [bundledChromiumDir(options.env), (error as Error).message.split('\n')[0] ?? ''], error);
  }
}

/**
 * Starts the one browser of a run. When the bundled Chromium does not start, its copy in the
 * user's cache is checked file by file: a damaged copy is removed, unpacked again and started
 * once more; a whole one that does not start (or a fresh copy that fails too) gives
 * BundledBrowserFailed, which says how to find what the machine lacks.
 */
export async function launchBrowser(options: BrowserOptions): Promise<Browser> {
  const log = options.log ?? (() => {});
  let located = await locateBrowser(options);
  try {
    return await start(located, options, log);
  } catch (error) {
    const dir = located.bundledDir;
    if (!dir) throw error;
    if (unpackedIntact(dir, true)) throw bundledFailed(dir, error);
    log(`随包的 Chromium 的副本已损坏，重新解压后再试：${dir}\n`);
    located = await locateBrowser(options, true);
    try {
      return await start(located, options, log);
    } catch (again) {
      throw bundledFailed(dir, again);
    }
  }
}

function bundledFailed(dir: string, error: unknown): Error {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return bulletinError('BundledBrowserFailed', [dir, (cause as Error).message.split('\n')[0] ?? ''], error);
}

async function start(located: Located, options: BrowserOptions, log: (text: string) => void): Promise<Browser> {
  const { executablePath, source } = located;
  const args = [...located.args, ...QUIET];
  if (isRoot()) {
    args.push('--no-sandbox', '--no-zygote');
    log('以 root 身份运行：Chromium 无法在 root 下启用沙箱，已加 --no-sandbox。\n');
  }
  log(`浏览器：${executablePath}（来自 ${source}）\n`);
  try {
    return await puppeteer.launch({
      executablePath,
      args,
      headless: true,
      pipe: true,
      timeout: 60_000,
      protocolTimeout: 180_000,
      defaultViewport: { width: 900, height: 1200 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      env: { ...options.env, TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8' },
    });
  } catch (error) {
    throw bulletinError('BrowserLaunchFailed', [`${executablePath}：${(error as Error).message.split('\n')[0]}`], error);
  }
}
