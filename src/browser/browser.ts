import type { Browser } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { bulletinError } from '../diagnostics/errors.js';
import { bundledChromium, isExecutable } from './bundled.js';

export interface BrowserOptions {
  /** config browser.executablePath */
  executablePath?: string;
  env: Record<string, string | undefined>;
  log?: (text: string) => void;
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
 * Starts the one browser of a run. The executable comes from PUPPETEER_EXECUTABLE_PATH, else
 * the config, else the Chromium shipped in the @sparticuz/chromium npm package.
 */
export async function launchBrowser(options: BrowserOptions): Promise<Browser> {
  const log = options.log ?? (() => {});
  let executablePath = options.env.PUPPETEER_EXECUTABLE_PATH || options.executablePath;
  let args = [...QUIET];
  let source = executablePath === options.env.PUPPETEER_EXECUTABLE_PATH ? 'PUPPETEER_EXECUTABLE_PATH' : '配置 browser.executablePath';
  if (!executablePath) {
    try {
      const chromium = await bundledChromium(options.env);
      executablePath = chromium.executablePath;
      const skip = new Set([...UNSAFE, '--no-sandbox', '--disable-setuid-sandbox', "--headless='shell'", '--headless=shell', '--single-process', '--no-zygote']);
      args = [...chromium.args.filter((a) => !skip.has(a) && !args.includes(a)), ...args];
      source = '@sparticuz/chromium';
    } catch (error) {
      throw bulletinError('BrowserLaunchFailed', [`随包的 Chromium 不可用（${(error as Error).message}）`], error);
    }
  }
  if (!isExecutable(executablePath)) {
    throw bulletinError('BrowserLaunchFailed', [`${executablePath} 不存在或不可执行（来自 ${source}）`]);
  }
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
