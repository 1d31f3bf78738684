// `bulletin preview`: a loopback server over a private temporary build that reloads open pages
// when a source changes, shows errors in the browser, and leaves nothing behind.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { get, request } from 'node:http';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preview, type PreviewSession } from '../../src/core/preview.js';
import { BulletinError } from '../../src/diagnostics/errors.js';
import { RELOAD_SCRIPT_HASH, previewCsp } from '../../src/preview/pages.js';
import { captureIo, FIXTURES, tempProject } from '../helpers/project.js';
import { previewEvents } from '../../src/cli/commands/preview.js';
import { output } from '../../src/cli/output.js';

const SAMPLE = path.join(FIXTURES, 'samples/jx-2021-064.md');
const BIN = path.resolve(import.meta.dirname, '../../bin/bulletin.js');

const sessions: PreviewSession[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(dir: string, port = 0) {
  const io = captureIo(dir);
  // What `bulletin preview` prints, through the CLI's own renderer.
  const session = await preview({ io, port, onEvent: previewEvents(output(io, 'zh'), false) });
  sessions.push(session);
  return { session, io };
}

/** A request with the path exactly as given (fetch would normalise "/../"). */
function raw(url: string, rawPath: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Listens to the events endpoint and collects what arrives. */
function listen(url: string): Promise<{ text: () => string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req = get(new URL('/__bulletin/events', url), (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('error', () => {});
      resolve({ text: () => text, stop: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const text = async (url: string) => (await fetch(url)).text();

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function occupy(port: number): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(-1));
    s.listen(port, '127.0.0.1', () => {
      servers.push(s);
      const a = s.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

describe('preview', () => {
  it('serves the issues with a reload script, rebuilds on change, shows errors, cleans up', async () => {
    const dir = await tempProject({ 'bulletins/2021/064.md': await readFile(SAMPLE, 'utf8') });
    const { session, io } = await start(dir);
    expect(session.exitCode).toBe(0);
    const url = session.url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(io.out()).toContain(`✓ bulletins/2021/064.md → ${url}2021/064.html`);
    expect(io.out()).toContain(`预览：${url}`);

    // The index lists the issue.
    const index = await fetch(url);
    expect(index.status).toBe(200);
    const indexHtml = await index.text();
    expect(indexHtml).toContain('2021年第64期（总第230期）');
    expect(indexHtml).toContain(`href="${url}2021/064.html"`);
    // The preview's own page uses the bundled font, served from the preview folder.
    const face = /font-family: "bulletin-body"; font-display: block; src: url\("(\/assets\/fonts\/[^"]+\.woff2)"\)/.exec(indexHtml)?.[1];
    expect(face).toBeDefined();
    const served = await fetch(new URL(face!, url));
    expect(served.status).toBe(200);
    expect(indexHtml).toContain('font-src &#39;self&#39;');
    // A font is revalidated on a reload, not sent again: 304 for the tag it was sent with.
    const tag = served.headers.get('etag');
    expect(tag).toMatch(/^W\/"/);
    expect(served.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(new URL(face!, url), { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    // The issue page: the built text, the injected script, and a CSP that allows exactly it.
    const res = await fetch(`${url}2021/064.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await res.text();
    expect(page).toContain('省安委会第一专项巡查组进驻南昌市');
    const script = /<script>([^<]*EventSource[^<]*)<\/script>/.exec(page)?.[1];
    expect(script).toContain('/__bulletin/events');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1]?.replace(/&#39;/g, "'");
    const hash = `'sha256-${createHash('sha256').update(script!).digest('base64')}'`;
    expect(hash).toBe(RELOAD_SCRIPT_HASH);
    expect(csp).toMatch(new RegExp(`script-src 'sha256-[^']+' ${hash.replace(/[+/]/g, '\\$&')}`));
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    // The file on disk keeps the published policy.
    const onDisk = await readFile(path.join(session.dir!, '2021/064.html'), 'utf8');
    expect(onDisk).not.toContain('EventSource');
    expect(onDisk).not.toContain('connect-src');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);

    // Fonts are served; nothing outside the folder, no dot-files, GET/HEAD only.
    const font = /url\("?([^")]+\.woff2)/.exec(page)?.[1];
    expect(font).toBeDefined();
    const fontRes = await fetch(new URL(font!, `${url}2021/064.html`));
    expect(fontRes.status).toBe(200);
    expect(fontRes.headers.get('content-type')).toBe('font/woff2');
    for (const p of ['/../package.json', '/%2e%2e/', '/%2e%2e/package.json', '/..%2fpackage.json', '/2021/..%5c..%5cpackage.json', '/%E0%A4%A']) {
      expect([400, 404], p).toContain((await raw(url, p)).status);
    }
    expect((await raw(url, '/package.json')).status).toBe(404);
    expect((await raw(url, '/.bulletin.lock')).status).toBe(404);
    expect((await raw(url, '/2021/064.html', 'POST')).status).toBe(405);
    expect((await raw(url, '/2021/064.html', 'HEAD')).status).toBe(200);

    // An edit: a "reload" event, then the new text.
    const events = await listen(url);
    await until('hello event', () => (events.text().includes('event: build') ? true : undefined));
    const source = path.join(dir, 'bulletins/2021/064.md');
    const original = await readFile(source, 'utf8');
    await writeFile(source, original.replace('经省政府同意', '经省人民政府同意'));
    await until('reload event', () => (/event: reload\ndata: \d+/.test(events.text()) ? true : undefined));
    await until('new text', async () => ((await text(`${url}2021/064.html`)).includes('经省人民政府同意') ? true : undefined));

    // Broken front matter: the page becomes the error page with the message and its place.
    await writeFile(source, original.replace('issue: 64', 'issue: 六十四'));
    const errorHtml = await until('error page', async () => {
      const html = await text(`${url}2021/064.html`);
      return html.includes('无法生成预览') ? html : undefined;
    });
    expect(errorHtml).toContain('字段“issue”应为整数，实际是文字“六十四”');
    expect(errorHtml).toContain('（2:8）');
    expect(errorHtml).toContain('front-matter-wrong-type');
    expect(errorHtml).toContain('提示：');
    expect(errorHtml).toContain('EventSource');
    expect(io.err()).toMatch(/bulletins\/2021\/064\.md\n\s+2:8\s+错误\s+字段“issue”应为整数/);
    expect(await text(url)).toContain('✗ 1 个错误');
    events.stop();

    // Messages are escaped.
    await writeFile(source, original.replace('issue: 64', 'issue: "<img src=x>"'));
    const escaped = await until('escaped error', async () => {
      const html = await text(`${url}2021/064.html`);
      return html.includes('&lt;img src=x&gt;') ? html : undefined;
    });
    expect(escaped).not.toContain('<img src=x>');

    // Fixed again: the page is back.
    await writeFile(source, original);
    await until('page back', async () => ((await text(`${url}2021/064.html`)).includes('经省政府同意') ? true : undefined));

    const port = Number(new URL(url).port);
    await session.close();
    expect(existsSync(session.dir!)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
  });

  it('takes the next port when one is taken, and says so when all are', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-05\n---\n\n# 标题\n\n正文。\n' });
    const base = await occupy(0);
    const { session } = await start(dir, base);
    const port = Number(new URL(session.url!).port);
    expect(port).toBeGreaterThan(base);
    expect(port).toBeLessThanOrEqual(base + 10);
    await session.close();

    for (let p = base + 1; p <= base + 10; p++) await occupy(p);
    const io = captureIo(dir);
    const refused = await preview({ io, port: base, onEvent: previewEvents(output(io, 'zh'), false) });
    expect(refused.exitCode).toBe(1);
    expect(refused.url).toBeUndefined();
    const error = refused.error;
    expect(error).toBeInstanceOf(BulletinError);
    expect((error as BulletinError).errorName).toBe('PreviewPortUnavailable');
    expect((error as BulletinError).message).toBe(`无法在 127.0.0.1 的端口 ${base}–${base + 10} 上启动预览服务器：端口都已被占用`);
  });

  it('exits 1 when there is nothing to preview, leaving nothing behind', async () => {
    const dir = await tempProject({ 'bulletins/说明.txt': 'x' });
    const { session, io } = await start(dir);
    expect(session.exitCode).toBe(1);
    expect(session.url).toBeUndefined();
    expect(io.err()).toBe('错误：在 bulletins 下没有找到任何 .md 源文件。\n提示：用 `bulletin new` 新建一期，或在命令后写出源文件路径。\n');
    expect(existsSync(session.dir!)).toBe(false);
  });

  it('adds only the reload script and connect-src to a policy', () => {
    expect(previewCsp("default-src 'none'; script-src 'sha256-abc'")).toBe(`default-src 'none'; script-src 'sha256-abc' ${RELOAD_SCRIPT_HASH}; connect-src 'self'`);
    expect(previewCsp("default-src 'self'")).toBe(`default-src 'self'; script-src 'self' ${RELOAD_SCRIPT_HASH}; connect-src 'self'`);
    expect(previewCsp("script-src 'none'; connect-src 'none'")).toBe(`script-src ${RELOAD_SCRIPT_HASH}; connect-src 'self'`);
  });

  it('bulletin preview runs until SIGINT, then exits 0 and removes its folder', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-05\n---\n\n# 标题\n\n正文一。\n' });
    const child = spawn(process.execPath, [BIN, 'preview', '--port', '0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await until('url', () => /预览：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1], 30_000);
    expect((await text(`${url}2021/001.html`)).replace(/<[^>]+>/g, '')).toContain('正文一。');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('预览已停止，临时文件已删除。');
    expect(await portIsFree(Number(new URL(url).port))).toBe(true);
  });
});
