// Coverage is read from the font files' cmaps, not from the CSS unicode-range of the slices:
// the bundled slices claim code points they cannot print, and a project font claims everything.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { resolveFonts, type RoleFont } from '../../src/fonts/fonts.js';
import { CodePoints, characterSetOf, coverage } from '../../src/fonts/coverage.js';

const roles = resolveFonts(defaultConfig, process.cwd());
const role = (name: string): RoleFont => roles.find((f) => f.role === name)!;
const hex = (s: Set<number>) => [...s].map((cp) => cp.toString(16).toUpperCase()).sort();

describe('true glyph coverage', () => {
  it('finds characters a slice claims in its unicode-range but has no glyph for', async () => {
    const body = role('body');
    // Both are inside the ranges the stylesheet declares for Noto Serif SC …
    const claimed = (cp: number) => body.slices.some((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
    expect(claimed(0xf0b7) && claimed(0xf941)).toBe(true);
    // … yet neither prints; the ordinary text around them does.
    const { missing, used } = await coverage(body, '安全生产\uF0B7\uF941。');
    expect(hex(missing)).toEqual(['F0B7', 'F941']);
    expect(used.length).toBeGreaterThan(0);
  });

  it('finds a character outside every slice (U+20000) for each bundled role', async () => {
    for (const name of ['title', 'body', 'kai', 'hei', 'figures']) {
      expect(hex((await coverage(role(name), '应急𠀀')).missing), name).toEqual(['20000']);
    }
  });

  it('returns exactly the slices whose glyphs the text uses', async () => {
    const hei = role('hei');
    const { used, missing } = await coverage(hei, '应急管理');
    expect(missing.size).toBe(0);
    for (const ch of '应急管理') {
      const cp = ch.codePointAt(0)!;
      const sets = await Promise.all(used.map((s) => characterSetOf(s.file)));
      expect(sets.some((set) => set.has(cp)), ch).toBe(true);
    }
  });

  it('reads a project font file by its cmap instead of trusting it with everything', async () => {
    const slice = role('body').slices.find((s) => s.ranges.some(([a, b]) => 0x5b89 >= a && 0x5b89 <= b))!;
    const project: RoleFont = { role: 'body', name: 'project.woff2', slices: [{ file: slice.file, ranges: [[0, 0x10ffff]] }] };
    const chars = await characterSetOf(slice.file);
    const absent = [...'安全生产应急管理厅'].filter((c) => !chars.has(c.codePointAt(0)!));
    expect(absent.length).toBeGreaterThan(0);
    expect(hex((await coverage(project, '安全生产应急管理厅')).missing)).toEqual(hex(new Set(absent.map((c) => c.codePointAt(0)!))));
  });

  it('skips control characters and does not check a system family it cannot read', async () => {
    expect((await coverage(role('body'), '\n\t\u0085')).missing.size).toBe(0);
    expect((await coverage({ role: 'body', name: '仿宋', slices: [], family: '仿宋' }, '𠀀')).missing.size).toBe(0);
  });
});

describe('a cmap kept as runs of code points', () => {
  it('answers has() as the set of its code points does, at every run edge, and lists them in order', () => {
    const points = [0x20, 0x21, 0x22, 0x41, 0x4e00, 0x4e01, 0x4e03, 0x9fa5, 0x20000];
    const cmap = CodePoints.of([...points].reverse().concat(0x21));
    expect([...cmap]).toEqual(points);
    for (let cp = 0; cp < 0x20010; cp++) if (cmap.has(cp) !== points.includes(cp)) throw new Error(`has(${cp.toString(16)})`);
    expect(CodePoints.of([]).has(0)).toBe(false);
    expect(JSON.stringify(cmap)).toBe(JSON.stringify([0x20, 0x22, 0x41, 0x41, 0x4e00, 0x4e01, 0x4e03, 0x4e03, 0x9fa5, 0x9fa5, 0x20000, 0x20000]));
  });

  it('reads a whole font the same from the font file and from the kept runs', async () => {
    const { openFace } = await import('../../src/fonts/coverage.js');
    const file = role('body').print!;
    const read = await characterSetOf(file);
    const face = await openFace(file);
    const truth = new Set(face.characterSet);
    expect([...read]).toEqual([...truth].sort((a, b) => a - b));
  });
});
