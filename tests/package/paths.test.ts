// Paths that work under any folder name and on Windows: module locations go through
// fileURLToPath (a URL's pathname is percent-encoded, “/C:/…” on Windows: the build failed under
// “张 三” with ENOENT …%E5%BC%A0%20%E4%B8%89…), and the output paths are computed with the
// platform's path module, tried here with path.win32 standing in for Windows.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/core/io.js';
import { outputStem } from '../../src/core/sources.js';
import { isInside } from '../../src/paths.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function codeFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('module paths', () => {
  it('never take a URL’s pathname, nor a URL made from import.meta.url that does not go through fileURLToPath', () => {
    const offending: string[] = [];
    for (const file of [...codeFiles('src'), ...codeFiles('bin'), ...codeFiles('scripts'), ...codeFiles('templates')]) {
      const text = readFileSync(file, 'utf8');
      const rel = path.relative(ROOT, file);
      if (/\.pathname\b/.test(text)) offending.push(`${rel}: .pathname`);
      for (const m of text.matchAll(/(.{0,20})new URL\([^)]*import\.meta\.url\)/g)) if (!m[1]!.includes('fileURLToPath(')) offending.push(`${rel}: ${m[0]}`);
    }
    expect(offending).toEqual([]);
  });
});

describe('output paths on Windows (path.win32 standing in)', () => {
  const win = path.win32;
  const root = 'C:\\Users\\张 三\\Documents\\应急 简报';
  const sources = `${root}\\bulletins`;

  it('an issue’s output stem is its place under the sources folder, with forward slashes', () => {
    expect(outputStem(`${sources}\\2021\\065.md`, root, sources, win)).toBe('2021/065');
    expect(outputStem(`${sources}\\专刊 一\\001.MD`, root, sources, win)).toBe('专刊 一/001');
    // Drive letters and folder names differ in case only: the same place on Windows.
    expect(outputStem(`c:\\users\\张 三\\documents\\应急 简报\\bulletins\\2021\\065.md`, root, sources, win)).toBe('2021/065');
    // In the project but outside bulletins/, and on another drive: its name alone.
    expect(outputStem(`${root}\\草稿\\064.md`, root, sources, win)).toBe('草稿/064');
    expect(outputStem('D:\\旧简报\\064.md', root, sources, win)).toBe('064');
  });

  it('a folder on another drive, or a sibling sharing a prefix, is not inside the project', () => {
    expect(isInside(root, `${root}\\dist\\2021\\065.pdf`, win)).toBe(true);
    expect(isInside(root, root, win)).toBe(true);
    expect(isInside(root, `D:\\Users\\张 三\\Documents\\应急 简报\\dist`, win)).toBe(false);
    expect(isInside(root, `${root} 备份\\dist`, win)).toBe(false);
    expect(isInside('C:\\Program Files\\bulletin', 'C:\\Program Files (x86)\\bulletin', win)).toBe(false);
  });

  it('paths shown to the user are relative to the current folder, with forward slashes', () => {
    expect(displayPath({ cwd: root }, `${root}\\dist\\2021\\065.pdf`, win)).toBe('dist/2021/065.pdf');
    expect(displayPath({ cwd: root }, root, win)).toBe('.');
    expect(displayPath({ cwd: `${root}\\bulletins` }, `${root}\\dist\\2021\\065.pdf`, win)).toBe('../dist/2021/065.pdf');
  });

  it('the same on this system with a space and Chinese characters in the path', () => {
    const here = path.join(path.sep, 'home', '张 三', '应急 简报');
    expect(outputStem(path.join(here, 'bulletins', '2021', '065.md'), here, path.join(here, 'bulletins'))).toBe('2021/065');
    expect(displayPath({ cwd: here }, path.join(here, 'dist', '2021', '065.pdf'))).toBe('dist/2021/065.pdf');
  });
});
