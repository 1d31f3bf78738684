// Bounded and inert inputs of a build: over-long titles and headings, images with more pixels
// than a browser decodes, SVG pictures that hold scripts, and what the preview serves.
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { check } from '../../src/core/check.js';
import { preview, type PreviewSession } from '../../src/core/preview.js';
import { FRONT, REPO, captureIo, tempProject } from './helpers.js';

/** A source of issue `n` (1 by default): every issue counts for the numbering rules by its front matter, a broken body or not. */
const body = (text: string, n = 1) => `${FRONT.replace('issue: 1', `issue: ${n}`).replace('total: 1', `total: ${n}`)}\n${text}\n`;

describe('titles and headings', () => {
  it('refuses a 300,000-character title and a long heading in check, before anything is laid out', async () => {
    const long = '应急'.repeat(150_000);
    const dir = await tempProject({
      'bulletins/a.md': body(`# ${long}\n\n正文。`),
      'bulletins/b.md': body(`# 标题\n\n## ${'管'.repeat(201)}\n\n正文。`, 2),
      'bulletins/c.md': `---\nissue: 3\ntotal: 3\ndate: 2021-06-25\ntitle: ${long}\n---\n\n# 标题\n\n正文。\n`,
      'bulletins/ok.md': body(`# ${'管'.repeat(200)}\n\n正文。`, 4),
    });
    const result = await check({ io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    const io = captureIo(dir);
    const built = await build({ io, formats: ['html'], paths: ['bulletins/a.md', 'bulletins/b.md', 'bulletins/c.md'] });
    const byFile = Object.fromEntries(built.issues.map((i) => [i.file.path, i.file.messages.filter((m) => m.fatal).map((m) => [m.ruleId, m.reason, m.line])]));
    expect(byFile['bulletins/a.md']).toEqual([['heading-too-long', '标题过长（300000 个字符，上限 200）', 7]]);
    expect(byFile['bulletins/b.md']).toEqual([['heading-too-long', '标题过长（201 个字符，上限 200）', 9]]);
    expect(byFile['bulletins/c.md']).toEqual([['front-matter-too-long', 'title 过长（300000 个字符，上限 200）', 5]]);
  });
});

/** A PNG that claims `width` × `height` pixels in its header (its data is a few bytes). */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); // not checked by the size reader, nor needed: the build refuses first
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1))), chunk('IEND', Buffer.alloc(0))]);
}

describe('images', () => {
  it('refuses a 30000 × 30000 PNG with a clear error instead of printing a broken picture', async () => {
    const dir = await tempProject({ 'bulletins/a.md': body('# 标题\n\n![演练](images/huge.png)\n\n正文。'), 'bulletins/images/huge.png': pngClaiming(30000, 30000) });
    const result = await build({ io: captureIo(dir), formats: ['html'] });
    expect(result.exitCode).toBe(1);
    expect(result.issues[0]!.file.messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['image-too-large', '图片像素过多：“images/huge.png”（30000 × 30000，上限 50 百万像素）'],
    ]);
    // The cap is an option: a small one refuses a small picture.
    const small = await tempProject({ 'bulletins/a.md': body('# 标题\n\n![演练](images/p.png)\n\n正文。'), 'bulletins/images/p.png': pngClaiming(200, 200) });
    const { resolveAssets } = await import('../../src/pipeline/resolveAssets.js');
    const { VFile } = await import('vfile');
    const file = new VFile();
    const image = { from: path.join(small, 'bulletins/images/p.png'), to: 'a.assets/p.png', url: 'images/p.png', alt: '', place: { line: 9, column: 1 } };
    expect(resolveAssets(file, { images: [image] } as never, { root: small, maxImagePixels: 100 * 100 })).toBeUndefined();
    expect(resolveAssets(new VFile(), { images: [image] } as never, { root: small })).toBeDefined();
  });

  it('publishes an SVG without its scripts, handlers and outside references, and a clean one byte for byte', async () => {
    const hostile = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE svg [<!ENTITY x "y">]>',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">',
      '<script>alert(2)</script>',
      '<rect width="10" height="10" fill="#c00" onclick="alert(3)" style="fill:url(https://evil.example/x)"/>',
      '<use href="#r"/><use xlink:href="https://evil.example/a.svg#x"/>',
      '<image href="https://evil.example/p.png" width="1" height="1"/>',
      '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="javascript:alert(4)"/></body></foreignObject>',
      '<a href="javascript:alert(5)"><text>x</text></a>',
      '<set attributeName="href" to="javascript:alert(6)"/>',
      '<style>@import url(https://evil.example/s.css);</style>',
      '<circle r="2" fill="#000"/>',
      '</svg>',
    ].join('\n');
    const clean = await readFile(path.join(REPO, 'bulletins/2021/images/drills.svg'));
    const dir = await tempProject({
      'bulletins/a.md': body('# 标题\n\n![图一](images/evil.svg)\n\n![图二](images/drills.svg)\n\n正文。'),
      'bulletins/images/evil.svg': hostile,
      'bulletins/images/drills.svg': clean,
    });
    const result = await build({ io: captureIo(dir), formats: ['html'] });
    expect(result.exitCode).toBe(0);
    const warnings = result.issues[0]!.file.messages.map((m) => [m.ruleId, m.line]);
    expect(warnings).toEqual([['image-svg-unsafe', 9]]);
    const published = await readFile(path.join(dir, 'dist/a.assets/evil.svg'), 'utf8');
    for (const gone of ['<script', 'onload', 'onclick', 'evil.example', 'foreignObject', 'javascript:', '<!DOCTYPE', '<set', '@import']) expect(published).not.toContain(gone);
    for (const kept of ['<rect width="10" height="10" fill="#c00"/>', '<use href="#r"/>', '<circle r="2" fill="#000"/>']) expect(published).toContain(kept);
    const copied = await readFile(path.join(dir, 'dist/a.assets/drills.svg'));
    expect(createHash('sha256').update(copied).digest('hex')).toBe(createHash('sha256').update(clean).digest('hex'));
  });
});

describe('preview', () => {
  const sessions: PreviewSession[] = [];
  afterEach(async () => void (await Promise.all(sessions.splice(0).map((s) => s.close()))));

  /** A GET to the preview on loopback with the Host header as given. */
  const get = (url: string, rawPath: string, host: string): Promise<{ status: number; headers: Record<string, unknown> }> =>
    new Promise((resolve, reject) => {
      const { port } = new URL(url);
      const req = request({ hostname: '127.0.0.1', port, path: rawPath, headers: { Host: host } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  it('on 0.0.0.0 answers addresses and --allow-host names only (no DNS rebinding), and serves files with a CSP', async () => {
    const dir = await tempProject({ 'bulletins/a.md': body('# 标题\n\n![图](images/drills.svg)\n\n正文。') });
    await mkdir(path.join(dir, 'bulletins/images'), { recursive: true });
    await writeFile(path.join(dir, 'bulletins/images/drills.svg'), await readFile(path.join(REPO, 'bulletins/2021/images/drills.svg')));
    const session = await preview({ io: captureIo(dir), port: 0, host: '0.0.0.0', allowHosts: ['bulletin.lan'] });
    sessions.push(session);
    const url = session.url!;
    const port = new URL(url).port;
    for (let i = 0; i < 100 && (await get(url, '/a.html', `127.0.0.1:${port}`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await get(url, '/a.html', `evil.example:${port}`)).status).toBe(403);
    expect((await get(url, '/a.html', `192.168.1.20:${port}`)).status).toBe(200);
    expect((await get(url, '/a.html', `bulletin.lan:${port}`)).status).toBe(200);
    expect((await get(url, '/a.html', `localhost:${port}`)).status).toBe(200);
    const svg = await get(url, '/a.assets/drills.svg', `127.0.0.1:${port}`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'; sandbox");
  }, 30_000);
});

describe('Markdown parsed within bounds', () => {
  /** Each a shape micromark costs the square of (bench --hostile has them at the caps), just past the paragraph's cap of 200 marks. */
  const shapes: [string, string][] = [
    ['nested links', '['.repeat(101) + 'a' + '](b)'.repeat(101)],
    ['nested emphasis', '*a '.repeat(101) + 'b' + ' a*'.repeat(101)],
    ['a long bold run', `${'*'.repeat(202)}a`],
    ['*a** runs', '*a**'.repeat(70)],
    ['strikes', '~~a'.repeat(101)],
    ['autolink openers', '<a'.repeat(201)],
  ];
  it.for(shapes)('%s: refused before parsing, at the paragraph', async ([, shape]) => {
    const dir = await tempProject({ 'bulletins/a.md': body(`# 标题\n\n正文。\n\n${shape}\n继续。`) });
    const result = await check({ io: captureIo(dir) });
    expect(result.exitCode).toBe(1);
    const io = captureIo(dir);
    const built = await build({ io, formats: ['html'] });
    expect(built.issues[0]!.file.messages.map((m) => [m.ruleId, m.reason, m.line])).toEqual([
      ['inline-too-complex', '这一段中的 *、_、~、< 和方括号过多（超过 200 个）', 11],
    ]);
  });

  it('counts the body as a whole too', async () => {
    const paragraphs = Array.from({ length: 30 }, () => '*a* '.repeat(90)).join('\n\n');
    const dir = await tempProject({ 'bulletins/a.md': body(`# 标题\n\n${paragraphs}`) });
    const built = await build({ io: captureIo(dir), formats: ['html'] });
    expect(built.issues[0]!.file.messages.map((m) => [m.ruleId, m.reason])).toEqual([['inline-too-complex', '正文中的 *、_、~、< 和方括号过多（超过 5000 个）']]);
  });
});
