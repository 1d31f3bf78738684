// Incremental builds: an unchanged rebuild builds and writes nothing (no browser started, every
// file keeps its time); a changed source, image, template or config rebuilds exactly the issues
// that use it; --force builds everything; verify still proves every output.
import { sealEntry, sealer } from '../../src/core/seal.js';
import { printedBuild } from '../helpers/project.js';
import { readdir, stat, writeFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/core/verify.js';
import { captureIo, tempProject } from '../helpers/project.js';

// A real 2 × 1 PNG, and the same size in other colours.
const PNG = (last: string) => Buffer.from(`iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DwHwoB${last}`, 'base64');
const issue = (n: number, body: string) => `---\nissue: ${n}\ntotal: ${n}\ndate: 2021-01-0${n}\n---\n\n# 第${n}篇\n\n${body}\n`;

async function times(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out[path.relative(dir, full)] = (await stat(full)).mtimeMs;
    }
  };
  await walk(dir);
  return out;
}

async function project() {
  return tempProject({
    'bulletins/a.md': issue(1, '正文一。'),
    'bulletins/b.md': issue(2, '![图](chart.png)'),
    'bulletins/chart.png': PNG('AA0wA/0ARUt5QAAAAAElFTkSuQmCC'),
    'bulletins/c.md': issue(3, '正文三。'),
  });
}

/** Builds and tells which sources were built (not taken as unchanged). */
async function builtSources(dir: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const r = await printedBuild({ io: captureIo(dir), formats: ['html', 'pdf'], ...extra });
  expect(r.exitCode).toBe(0);
  return r.issues.filter((i) => i.entry && !i.unchanged).map((i) => i.file.path).sort();
}

describe('incremental builds', () => {
  it('an unchanged rebuild builds nothing, starts no browser and rewrites no file', async () => {
    const dir = await project();
    expect(await builtSources(dir)).toEqual(['bulletins/a.md', 'bulletins/b.md', 'bulletins/c.md']);
    const before = await times(path.join(dir, 'dist'));
    const io = captureIo(dir);
    const r = await printedBuild({ io, formats: ['html', 'pdf'], verbose: true });
    expect(r.issues.map((i) => i.unchanged)).toEqual([true, true, true]);
    expect(io.err()).not.toContain('浏览器：');
    expect(io.out().replace(/（\d+\.\d 秒）/, '')).toBe('= bulletins/a.md：未改动\n= bulletins/b.md：未改动\n= bulletins/c.md：未改动\n完成：成功 0 期，未改动 3 期\n');
    expect(await times(path.join(dir, 'dist'))).toEqual(before);
    expect((await verify({ io: captureIo(dir) })).exitCode).toBe(0);
  });

  it('a changed source or image rebuilds exactly its issue', async () => {
    const dir = await project();
    await builtSources(dir);
    await writeFile(path.join(dir, 'bulletins/a.md'), issue(1, '正文一，改过了。'));
    expect(await builtSources(dir)).toEqual(['bulletins/a.md']);
    await writeFile(path.join(dir, 'bulletins/chart.png'), PNG('AA0wA/0AAUt5QAAAAAElFTkSuQmCC'));
    expect(await builtSources(dir)).toEqual(['bulletins/b.md']);
    expect(await builtSources(dir)).toEqual([]);
  });

  it('a changed template or config rebuilds every issue; --force does too', async () => {
    const dir = await project();
    await builtSources(dir);
    await mkdir(path.join(dir, 'templates'), { recursive: true });
    await writeFile(path.join(dir, 'templates/bulletin.css'), (await readFile(path.resolve(import.meta.dirname, '../../templates/bulletin.css'), 'utf8')) + '\n/* project */\n');
    expect(await builtSources(dir)).toEqual(['bulletins/a.md', 'bulletins/b.md', 'bulletins/c.md']);
    expect(await builtSources(dir)).toEqual([]);
    await writeFile(path.join(dir, 'bulletin.config.yaml'), 'marker: 内部资料\n');
    expect(await builtSources(dir)).toEqual(['bulletins/a.md', 'bulletins/b.md', 'bulletins/c.md']);
    expect(await builtSources(dir, { force: true })).toEqual(['bulletins/a.md', 'bulletins/b.md', 'bulletins/c.md']);
  });

  it('an output changed or removed behind its back is built again', async () => {
    const dir = await project();
    await builtSources(dir);
    await writeFile(path.join(dir, 'dist/c.pdf'), 'not a pdf');
    expect(await builtSources(dir)).toEqual(['bulletins/c.md']);
    expect((await readFile(path.join(dir, 'dist/c.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('what the cache key is made of', () => {
  it('reads the installed version of every package it depends on, even those whose exports hide package.json', async () => {
    const { packageVersion } = await import('../../src/paths.js');
    for (const name of ['docx', '@sparticuz/chromium', '@fontsource/noto-serif-sc', '@fontsource/noto-sans-sc', 'lxgw-wenkai-webfont', '@cantoo/pdf-lib']) {
      const own = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../node_modules', name, 'package.json'), 'utf8')) as { version: string };
      expect(packageVersion(name), name).toBe(own.version);
    }
  });
});

/** Changes the kept analysis behind the build's back, sealing each entry again as bulletin does (seal.ts). */
async function reseal(file: string, change: (entryJson: string, source: string) => string): Promise<void> {
  const data = JSON.parse(await readFile(file, 'utf8')) as { sources: Record<string, { value: string }> };
  const sealing = sealer(process.env);
  for (const [source, stored] of Object.entries(data.sources)) data.sources[source] = sealEntry(sealing, source, JSON.parse(change(stored.value, source)));
  await writeFile(file, JSON.stringify(data));
}

describe('the analysis kept between builds', () => {
  const SOURCE = '---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n# 标题\n\n安全,生产。\n';
  it('is used for an unchanged source; a changed config, or --force, analyses again', async () => {
    const dir = await tempProject({ 'bulletins/a.md': SOURCE });
    const first = captureIo(dir);
    await printedBuild({ io: first, formats: ['html'] });
    expect(first.err()).toContain('中文里用了半角标点“,”');
    // The kept analysis is what the next build reports: change its argument behind its back.
    // (Entries are sealed with the user's key: the change is sealed as bulletin would seal it.)
    const file = path.join(dir, 'dist/.bulletin-analysis.json');
    expect(await readFile(file, 'utf8')).toContain('typo-halfwidth-punct');
    await reseal(file, (text) => text.replace('"args":{"mark":","', '"args":{"mark":";"'));
    const second = captureIo(dir);
    await printedBuild({ io: second, formats: ['html'] });
    expect(second.err()).toContain('中文里用了半角标点“;”');
    // A changed config (the rules, say) analyses again.
    await writeFile(path.join(dir, 'bulletin.config.yaml'), 'rules:\n  word-relative-time: "off"\n');
    const third = captureIo(dir);
    await printedBuild({ io: third, formats: ['html'] });
    expect(third.err()).toContain('中文里用了半角标点“,”');
    // --force ignores the kept analysis.
    await reseal(file, (text) => text.replace('"args":{"mark":","', '"args":{"mark":";"'));
    const forced = captureIo(dir);
    await printedBuild({ io: forced, formats: ['html'], force: true });
    expect(forced.err()).toContain('中文里用了半角标点“,”');
  });

  it('gives the numbering rules the front matter of the other sources, unchanged, without reading them again', async () => {
    const dir = await tempProject({ 'bulletins/a.md': SOURCE, 'bulletins/b.md': SOURCE.replace('issue: 1\ntotal: 1', 'issue: 2\ntotal: 2') });
    expect((await printedBuild({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    // Behind its back, the kept front matter of b says it is issue 1 as well, a day earlier: a
    // build of a alone now finds a second first issue in a, which only the kept analysis can tell.
    const file = path.join(dir, 'dist/.bulletin-analysis.json');
    await reseal(file, (text, source) => {
      if (!source.endsWith('b.md')) return text;
      const entry = JSON.parse(text) as { frontMatter: { issue: number; total: number; date: string } };
      Object.assign(entry.frontMatter, { issue: 1, total: 1, date: '2021-06-24' });
      return JSON.stringify(entry);
    });
    const alone = captureIo(dir);
    const r = await printedBuild({ io: alone, formats: ['html'], paths: ['bulletins/a.md'] });
    expect(r.issues[0]!.file.messages.map((m) => m.ruleId)).toContain('numbering-duplicate-issue');
    // A build into another folder, which has no kept analysis, starts from the project's.
    const elsewhere = await printedBuild({ io: captureIo(dir), formats: ['html'], paths: ['bulletins/a.md'], out: 'preview' });
    expect(elsewhere.issues[0]!.file.messages.map((m) => m.ruleId)).toContain('numbering-duplicate-issue');
    // Changed on disk, b is read again, and the numbering is right.
    await writeFile(path.join(dir, 'bulletins/b.md'), `${SOURCE.replace('issue: 1\ntotal: 1', 'issue: 2\ntotal: 2')}\n`);
    const again = await printedBuild({ io: captureIo(dir), formats: ['html'], paths: ['bulletins/a.md'] });
    expect(again.issues[0]!.file.messages.map((m) => m.ruleId)).not.toContain('numbering-duplicate-issue');
  });
});
