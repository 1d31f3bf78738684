// Browser discovery on each platform, through a fake machine: which files exist, PATH, env.
import { describe, expect, it } from 'vitest';
import { describeTried, discoverBrowser, type System } from '../../src/browser/discover.js';
import { bulletinError, describeError, said } from '../../src/diagnostics/errors.js';

function machine(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}, extra: Partial<System> = {}): System {
  const set = new Set(files);
  return {
    platform,
    arch: 'x64',
    env,
    homedir: platform === 'win32' ? 'C:\\Users\\editor' : platform === 'darwin' ? '/Users/editor' : '/home/editor',
    isExecutable: (f) => set.has(f),
    list: (dir) => [...new Set(files.filter((f) => f.startsWith(dir + (platform === 'win32' ? '\\' : '/'))).map((f) => f.slice(dir.length + 1).split(/[\\/]/)[0]!))],
    hasBundled: () => false,
    ...extra,
  };
}

const winEnv = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\editor\\AppData\\Local' };
const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';

describe('browser discovery', () => {
  it('Windows with Edge only (the usual office PC) finds Edge under Program Files (x86)', () => {
    const d = discoverBrowser({}, machine('win32', [EDGE], winEnv));
    expect(d.chosen).toEqual({ source: said('Microsoft Edge（Program Files (x86)）', 'Microsoft Edge (Program Files (x86))'), path: EDGE });
    // Chrome was looked for first, in all three places.
    expect(d.tried.slice(0, 3).map((t) => t.path)).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\editor\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    ]);
  });

  it('Windows prefers a per-user Chrome in LocalAppData to Edge', () => {
    const chrome = 'C:\\Users\\editor\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(discoverBrowser({}, machine('win32', [EDGE, chrome], winEnv)).chosen?.path).toBe(chrome);
  });

  it('macOS with Chrome only in ~/Applications finds it', () => {
    const chrome = '/Users/editor/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const d = discoverBrowser({}, machine('darwin', [chrome]));
    expect(d.chosen).toEqual({ source: said('Google Chrome（/Users/editor/Applications）', 'Google Chrome (/Users/editor/Applications)'), path: chrome });
    expect(d.tried[0]!.path).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });

  it('Linux without the bundled build (arm64) finds chromium-browser on PATH', () => {
    const sys = machine('linux', ['/usr/bin/chromium-browser'], { PATH: '/usr/local/bin:/usr/bin' }, { arch: 'arm64', hasBundled: () => true });
    const d = discoverBrowser({}, sys);
    expect(d.chosen).toEqual({ source: said('PATH 中的 chromium-browser', 'chromium-browser on the PATH'), path: '/usr/bin/chromium-browser' });
    expect(d.tried.some((t) => t.bundled)).toBe(false);
  });

  it('Linux x64: auto takes the bundled Chromium first, system takes the installed one first', () => {
    const sys = machine('linux', ['/usr/bin/google-chrome'], { PATH: '/usr/bin' }, { hasBundled: () => true });
    expect(discoverBrowser({}, sys).chosen?.bundled).toBe(true);
    expect(discoverBrowser({ channel: 'system' }, sys).chosen?.path).toBe('/usr/bin/google-chrome');
  });

  it('an explicit path wins in the order --browser, config, PUPPETEER_EXECUTABLE_PATH, CHROME_PATH', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/env/p', CHROME_PATH: '/env/c' };
    const sys = machine('linux', ['/flag', '/config', '/env/p', '/env/c'], env, { hasBundled: () => true });
    expect(discoverBrowser({ flag: '/flag', configPath: '/config' }, sys).chosen?.path).toBe('/flag');
    expect(discoverBrowser({ configPath: '/config' }, sys).chosen?.path).toBe('/config');
    expect(discoverBrowser({}, sys).chosen?.path).toBe('/env/p');
    expect(discoverBrowser({}, machine('linux', [], { CHROME_PATH: '/env/c' }, { hasBundled: () => true })).chosen?.path).toBe('/env/c');
  });

  it('a broken explicit path is reported as such, not replaced by another browser', () => {
    const d = discoverBrowser({ configPath: 'D:\\old\\chrome.exe' }, machine('win32', [EDGE], winEnv));
    expect(d.chosen?.path).toBe('D:\\old\\chrome.exe');
    expect(d.tried).toEqual([{ source: said('配置 browser.executablePath', 'config browser.executablePath'), path: 'D:\\old\\chrome.exe', found: false }]);
  });

  it('finds a browser in puppeteer’s cache, newest version first', () => {
    const old = '/home/editor/.cache/puppeteer/chrome/linux-120.0.0/chrome-linux64/chrome';
    const newer = '/home/editor/.cache/puppeteer/chrome/linux-131.0.0/chrome-linux64/chrome';
    expect(discoverBrowser({}, machine('linux', [old, newer], { PATH: '/usr/bin' })).chosen?.path).toBe(newer);
  });

  it('nothing found: one Chinese message lists every place tried and how to fix it', () => {
    const d = discoverBrowser({}, machine('win32', [], winEnv));
    expect(d.chosen).toBeUndefined();
    // 3 browsers × 3 install places, then puppeteer's cache.
    expect(d.tried).toHaveLength(10);
    const text = describeError(bulletinError('BrowserNotFound', [describeTried(d.tried)]), false);
    for (const t of d.tried) expect(text).toContain(t.path);
    expect(text).toContain('Microsoft Edge（Program Files (x86)）');
    expect(text).toContain('--browser');
    expect(text).toContain('bulletin doctor');
  });
});
