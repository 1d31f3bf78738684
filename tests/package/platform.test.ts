// The platform package of the bundled Chromium (packages/chromium-linux-x64, issue 26): npm
// installs it, and @sparticuz/chromium with it, on Linux x64 only, and it brings the very
// @sparticuz/chromium bulletin uses. Installed from its packed tarball as npm would on each
// platform (npm's --os/--cpu), with what the cache that `npm ci` filled holds.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const PLATFORM = path.join(ROOT, 'packages/chromium-linux-x64');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string; os?: string[]; cpu?: string[]; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; packages?: Record<string, { version?: string }> };

describe('bulletin-chromium-linux-x64', () => {
  it('is @sparticuz/chromium at the version bulletin locks, for Linux x64 only', () => {
    const platform = json(path.join(PLATFORM, 'package.json'));
    const locked = json(path.join(ROOT, 'package-lock.json')).packages?.['node_modules/@sparticuz/chromium']?.version;
    expect(platform.os).toEqual(['linux']);
    expect(platform.cpu).toEqual(['x64']);
    expect(platform.dependencies).toEqual({ '@sparticuz/chromium': locked });
    expect(platform.version).toBe(locked);
  });

  it('is installed with @sparticuz/chromium on Linux x64, and not at all on Windows or macOS', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'bulletin-platform-'));
    const packed = await run(npm, ['pack', '--json', '--pack-destination', work], { cwd: PLATFORM });
    const tarball = path.join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
    const installed = async (os: string, cpu: string) => {
      const app = path.join(work, `${os}-${cpu}`);
      await mkdir(app);
      await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, optionalDependencies: { 'bulletin-chromium-linux-x64': `file:${tarball}` } }));
      await run(npm, ['install', `--os=${os}`, `--cpu=${cpu}`, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, maxBuffer: 64 << 20 });
      return (name: string) => existsSync(path.join(app, 'node_modules', name, 'package.json'));
    };
    for (const [os, cpu] of [['win32', 'x64'], ['darwin', 'arm64'], ['linux', 'arm64']]) {
      const has = await installed(os!, cpu!);
      expect(has('bulletin-chromium-linux-x64'), `${os} ${cpu}`).toBe(false);
      expect(has('@sparticuz/chromium'), `${os} ${cpu}`).toBe(false);
    }
    const has = await installed('linux', 'x64');
    expect(has('bulletin-chromium-linux-x64')).toBe(true);
    // At the top of node_modules, where bulletin finds it today.
    expect(has('@sparticuz/chromium')).toBe(true);
  }, 120_000);
});
