// The published archive: the same bytes for every file on every run, whether built whole or as
// three shards merged by `bulletin index`; the index and feed open in Chromium; verify proves it.
import { printedBuild } from '../helpers/project.js';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/core/verify.js';
import { launchBrowser } from '../../src/browser/browser.js';
import { captureIo, cliIn, copyInto, tempProject } from '../helpers/project.js';
import { pdfInfo } from '../helpers/pdf.js';

const DEMOS = path.resolve(import.meta.dirname, '../../bulletins');
const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };

async function hashes(dir: string, rel = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, await hashes(dir, r));
    else out[r] = createHash('sha256').update(await readFile(path.join(dir, r))).digest('hex');
  }
  return out;
}

describe('the published archive', () => {
  let dir: string;
  let first: Record<string, string>;

  beforeAll(async () => {
    dir = await tempProject();
    await copyInto(dir, DEMOS, 'bulletins');
    expect((await printedBuild({ io: captureIo(dir, ENV), out: 'full-1' })).exitCode).toBe(0);
    first = await hashes(path.join(dir, 'full-1'));
  });

  it('lists every issue in the manifest, index, series page and feed', () => {
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['manifest.json', 'index.html', 'feed.xml', 'series/省安全生产专项整治三年行动专刊.html', '2021/064.pdf', '2021/065.pdf', '2022/001.pdf', '2021/065.assets/drills.svg']),
    );
  });

  it('bookmarks each article of a two-article issue on its own page', async () => {
    const info = await pdfInfo(await readFile(path.join(dir, 'full-1/2021/065.pdf')));
    expect(info.outline).toEqual(['全省防汛应急演练圆满完成', '萍乡市开展危险化学品企业安全检查']);
    expect(info.outlinePages).toEqual([1, 2]);
    expect(info.keywords).toBe('全省防汛应急演练圆满完成 萍乡市开展危险化学品企业安全检查');
  });

  it('gives the same bytes for every file when built again', async () => {
    expect((await printedBuild({ io: captureIo(dir, ENV), out: 'full-2' })).exitCode).toBe(0);
    expect(await hashes(path.join(dir, 'full-2'))).toEqual(first);
  });

  it('gives the same bytes built as 3 shards merged by `bulletin index`', async () => {
    const shards = new Set<number>();
    for (let k = 1; k <= 3; k++) {
      const r = await printedBuild({ io: captureIo(dir, ENV), out: 'sharded', shard: { index: k, count: 3 } });
      expect(r.exitCode).toBe(0);
      r.issues.forEach((i) => i.entry && shards.add(k));
    }
    const merged = await cliIn(dir, ['index', '--out', 'sharded'], ENV);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe('已合并 3 份清单，共 3 期 → sharded/index.html\n');
    expect(await hashes(path.join(dir, 'sharded'))).toEqual(first);
  });

  it('dates the feed from SOURCE_DATE_EPOCH', async () => {
    const feed = await readFile(path.join(dir, 'full-1/feed.xml'), 'utf8');
    expect(feed).toContain('<updated>2023-11-14T22:13:20Z</updated>');
    expect(feed.match(/<entry>/g)).toHaveLength(3);
  });

  it('opens the index and parses the feed as Atom in headless Chromium', async () => {
    const browser = await launchBrowser({ env: process.env });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, 'full-1/index.html')).href);
      const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, '') ?? ''));
      expect(rows).toHaveLength(3);
      expect(rows[0]).toContain('第1期总第232期');
      expect(rows[2]).toContain('第64期总第230期省安全生产专项整治三年行动专刊（108）');
      // The listing uses the bundled fonts, not the reader's.
      const loaded = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...new Set([...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')))].sort();
      });
      expect(loaded).toEqual(['bulletin-body', 'bulletin-hei']);
      const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
      expect(headings).toEqual(['2022年', '2021年']);
      const feed = await readFile(path.join(dir, 'full-1/feed.xml'), 'utf8');
      const atom = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const ns = 'http://www.w3.org/2005/Atom';
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
          entries: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
            id: e.getElementsByTagNameNS(ns, 'id')[0]?.textContent,
            updated: e.getElementsByTagNameNS(ns, 'updated')[0]?.textContent,
            alternate: e.querySelector('link[rel="alternate"]')?.getAttribute('href'),
          })),
        };
      }, feed);
      expect(atom.error).toBe(0);
      expect(atom.root).toBe('http://www.w3.org/2005/Atom feed');
      expect(atom.entries.map((e) => e.alternate)).toEqual(['2022/001.html', '2021/065.html', '2021/064.html']);
      for (const e of atom.entries) {
        expect(e.id).toMatch(/^urn:bulletin:/);
        expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
      }
    } finally {
      await browser.close();
    }
  });

  it('verify passes on the published files and names an issue whose source changed', async () => {
    const ok = await cliIn(dir, ['verify', '--manifest', 'full-1/manifest.json'], ENV);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe('核对了 3 期：全部一致\n');
    const source = path.join(dir, 'bulletins/2021/065.md');
    await writeFile(source, (await readFile(source, 'utf8')).replace('236场', '237场'));
    const r = await verify({ io: captureIo(dir, ENV), manifest: 'full-1/manifest.json' });
    expect(r.exitCode).toBe(1);
    expect(r.differences.map((d) => `${d.source} ${d.kind}`).sort()).toEqual(['bulletins/2021/065.md html', 'bulletins/2021/065.md pdf']);
    expect((await cliIn(dir, ['verify', '--manifest', 'full-1/manifest.json'], ENV)).err).toContain('✗ bulletins/2021/065.md：HTML 不一致');
  });
});
