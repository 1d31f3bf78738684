// Untrusted content stays inert: raw HTML, scripts, handlers, javascript:/data: URLs never reach
// the output as live markup (checked in Chromium with a trap and the page's CSP bypassed, so the
// transform alone must stop them); template values are escaped; the renderer makes no request.
import { printedBuild } from '../helpers/project.js';
import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/core/build.js';
import { launchBrowser } from '../../src/browser/browser.js';
import { BUILTIN_TEMPLATES } from '../../src/pipeline/render.js';
import { FRONT, captureIo, tempDir, tempProject } from './helpers.js';

const TRAP = 'window.__pwned=1';

/** Markdown vectors, each the body of its own source. */
const vectors: Record<string, string> = {
  'script-block': `<script>${TRAP}</script>`,
  'script-inline': `正文<script>${TRAP}</script>继续。`,
  'img-onerror': `<img src=x onerror="${TRAP}">`,
  'img-onerror-inline': `图片<img src=x onerror="${TRAP}">在此。`,
  'svg-onload': `<svg onload="${TRAP}"></svg>`,
  'iframe-javascript': `<iframe src="javascript:parent.__pwned=1"></iframe>`,
  'iframe-srcdoc': `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  'object-data': `<object data="data:text/html,<script>parent.__pwned=1</script>"></object>`,
  'style-tag': `<style>body{background:url(javascript:${TRAP})}</style>`,
  'a-onclick': `<a href="#" onclick="${TRAP}" onmouseover="${TRAP}">链接</a>`,
  'body-onload': `<body onload="${TRAP}">`,
  'details-ontoggle': `<details open ontoggle="${TRAP}"><summary>x</summary></details>`,
  'link-javascript': `[点我](javascript:${TRAP})`,
  'link-javascript-case': `[点我](JaVaScRiPt:${TRAP})`,
  'link-javascript-entity': `[点我](&#106;avascript:${TRAP})`,
  'link-javascript-escaped': `[点我](java&#x09;script:${TRAP})`,
  'link-backslashes': `[点我](\\\\\\\\example.org/x)`,
  'link-backslash-root': `[点我](\\\\etc/passwd)`,
  'link-vbscript': `[点我](vbscript:msgbox)`,
  'link-data-html': `[点我](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)`,
  'autolink-javascript': `<javascript:${TRAP}>`,
  'reference-javascript': `[点我][x]\n\n[x]: javascript:${TRAP}`,
  'link-title-quote': `[点我](https://example.org "t\\" onmouseover=\\"${TRAP}")`,
  'code-span': `代码 \`<script>${TRAP}</script>\` 结束。`,
  'code-block': '```\n<script>' + TRAP + '</script>\n```',
  'table-cell': `| 列 |\n| - |\n| <img src=x onerror="${TRAP}"> |`,
  'html-comment': `<!-- <script>${TRAP}</script> -->正文。`,
  'heading-html': `## 小标题<script>${TRAP}</script>`,
};

const hostileFront = `---
issue: 1
total: 1
date: 2021-01-15
title: '<script>window.__pwned=1</script>简报'
publisher: '" onload="window.__pwned=1'
marker: "<img src=x onerror='window.__pwned=1'>"
distribution:
  抄报: '</p><script>window.__pwned=1</script>'
series:
  name: "专刊\\" onmouseover=\\"window.__pwned=1"
  number: 1
---
`;

let browser: Browser;
let project: string;
let built: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  const files: Record<string, string> = {};
  // Distinct numbers and dates, so the archive's numbering rules have nothing to say.
  Object.entries(vectors).forEach(([name, body], i) => {
    const front = `---\nissue: ${i + 2}\ntotal: ${i + 2}\ndate: 2021-02-${String(i + 1).padStart(2, '0')}\n---\n`;
    files[`bulletins/${name}.md`] = `${front}\n# 标题\n\n${body}\n\n正文。\n`;
  });
  files['bulletins/front-matter.md'] = `${hostileFront}\n# <script>window.__pwned=1</script>" onload="x\n\n正文。\n`;
  project = await tempProject(files);
  const io = captureIo(project);
  built = await printedBuild({ io, formats: ['html'] });
  if (built.exitCode !== 0) console.error(io.err());
  browser = await launchBrowser({ env: process.env });
});

afterAll(async () => {
  await browser?.close();
});

interface PageFacts {
  pwned: unknown;
  handlers: string[];
  scripts: number;
  scriptText: string;
  styles: number;
  embeds: number;
  hrefs: string[];
  /** The links of the page's own navigation (index, files, neighbours). */
  navHrefs: string[];
  srcs: string[];
  title: string;
  text: string;
}

/** Opens an output page with the CSP bypassed, fires events on every element, reports. */
async function inspect(file: string): Promise<PageFacts> {
  const page = await browser.newPage();
  try {
    await page.setBypassCSP(true);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return (await page.evaluate(async () => {
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        for (const type of ['mouseover', 'focus', 'toggle']) el.dispatchEvent(new Event(type));
      }
      await new Promise((r) => setTimeout(r, 100));
      const all = Array.from(document.querySelectorAll('*'));
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
        scripts: document.querySelectorAll('script').length,
        scriptText: Array.from(document.querySelectorAll('script')).map((s) => s.textContent ?? '').join(''),
        styles: document.querySelectorAll('style').length,
        embeds: document.querySelectorAll('iframe, object, embed, svg, frame, base, form, meta[http-equiv="refresh"]').length,
        hrefs: Array.from(document.querySelectorAll('[href]')).filter((el) => !el.closest('.issue-nav')).map((el) => el.getAttribute('href') ?? ''),
        navHrefs: Array.from(document.querySelectorAll('.issue-nav [href]')).map((el) => el.getAttribute('href') ?? ''),
        srcs: Array.from(document.querySelectorAll('[src], [srcdoc], [data]')).map((el) => el.getAttribute('src') ?? el.getAttribute('srcdoc') ?? el.getAttribute('data') ?? ''),
        title: document.title,
        text: document.body.innerText,
      };
    })) as PageFacts;
  } finally {
    await page.close();
  }
}

function expectInert(facts: PageFacts): void {
  expect(facts.pwned).toBeUndefined();
  expect(facts.handlers).toEqual([]);
  expect(facts.scripts).toBe(1); // the template's own pagination script
  expect(facts.scriptText).not.toContain('__pwned');
  expect(facts.styles).toBe(1);
  expect(facts.embeds).toBe(0);
  for (const href of facts.hrefs) expect(href).toMatch(/^(#article-\d+|https:\/\/example\.org)$/);
  for (const href of facts.navHrefs) expect(href).toMatch(/^(\.\.\/)*[\w./-]+\.(html|pdf|docx)$/);
  for (const src of facts.srcs) expect(src).not.toMatch(/^(javascript|data|vbscript):/i);
}

describe('the trap works (control)', () => {
  it('a page with a live handler sets window.__pwned under the same harness', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'control.html');
    await writeFile(file, `<!doctype html><html><body><img src=x onerror="${TRAP}"></body></html>`);
    expect((await inspect(file)).pwned).toBe(1);
  });
});

describe('Markdown vectors', () => {
  it('every vector source builds (raw HTML is a warning, not an error)', () => {
    expect(built.exitCode).toBe(0);
  });
  for (const name of Object.keys(vectors)) {
    it(name, async () => {
      const issue = built.issues.find((i) => i.file.path === `bulletins/${name}.md`)!;
      expect(issue.entry?.html).toBeTruthy();
      const facts = await inspect(path.join(project, 'dist', `${name}.html`));
      expectInert(facts);
      const rules = issue.file.messages.map((m) => m.ruleId);
      const expected = /^(link-(javascript|vbscript|data|backslashes)|autolink)/.test(name)
        ? 'link-unsafe'
        : name === 'link-backslash-root'
          ? 'link-outside'
          : /^(link-title|code-|reference-)/.test(name)
            ? undefined
            : 'raw-html';
      const body = vectors[name]!;
      const line = 9 + body.split('\n').findIndex((l) => /<|script:|data:|\\/i.test(l));
      if (expected) {
        const m = issue.file.messages.find((x) => x.ruleId === expected)!;
        expect(m, `${expected} among ${rules.join(', ')}`).toBeDefined();
        expect(m.fatal).toBe(false);
        expect(m.line).toBe(line);
      }
      if (name.startsWith('code-')) expect(facts.text).toContain(`<script>${TRAP}</script>`);
    });
  }
});

describe('template values are escaped', () => {
  it('front matter and titles with markup show as text, never as markup', async () => {
    const file = path.join(project, 'dist', 'front-matter.html');
    const html = await readFile(file, 'utf8');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;简报');
    expect(html).toContain('&quot; onload=&quot;window.__pwned=1');
    expect(html).not.toMatch(/<script>window/);
    const facts = await inspect(file);
    expectInert(facts);
    expect(facts.title).toContain('<script>window.__pwned=1</script>简报');
    expect(facts.text).toContain('" onload="window.__pwned=1');
    // The article title's inline <script> tags are raw HTML (dropped); the rest is text.
    expect(facts.text).toContain('window.__pwned=1" onload="x');
  });
});

describe('the renderer makes no network request', () => {
  let server: Server;
  let hits: string[];
  let port: number;
  beforeAll(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    server.headersTimeout = 5000;
    server.requestTimeout = 5000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('the server answers (control)', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/control`);
    expect(await r.text()).toBe('x');
    expect(hits).toEqual(['/control']);
    hits.length = 0;
  });

  it('an image on the server is refused by transform; a link to it is just a link', async () => {
    const dir = await tempProject({
      'bulletins/001.md': `${FRONT}\n# 标题\n\n![远程](http://127.0.0.1:${port}/img.png)\n\n[链接](http://127.0.0.1:${port}/link)\n`,
      'bulletins/002.md': `---\nissue: 2\ntotal: 2\ndate: 2021-06-26\n---\n\n# 标题\n\n[链接](http://127.0.0.1:${port}/link)\n`,
    });
    const io = captureIo(dir);
    const r = await printedBuild({ io, formats: ['html', 'pdf'] });
    expect(r.exitCode).toBe(1);
    const first = r.issues[0]!.file.messages.find((m) => m.fatal === true)!;
    expect(first.ruleId).toBe('image-not-relative');
    expect(first.line).toBe(9);
    expect(r.issues[1]!.entry?.pdf).toBeTruthy();
    expect(hits).toEqual([]);
  });

  it('a project template that injects remote and outside resources: all intercepted, counted, none reach the server', async () => {
    // The printed sheet (sheet.njk) is where a template's markup reaches the print; the page
    // around it (bulletin.njk) is where a careless template drops the CSP.
    const builtin = await readFile(path.join(BUILTIN_TEMPLATES, 'sheet.njk'), 'utf8');
    const page = await readFile(path.join(BUILTIN_TEMPLATES, 'bulletin.njk'), 'utf8');
    const injected = [
      `<img src="http://127.0.0.1:${port}/x.png">`,
      `<link rel="stylesheet" href="http://127.0.0.1:${port}/x.css">`,
      `<script src="http://127.0.0.1:${port}/x.js"></script>`,
      `<iframe src="http://127.0.0.1:${port}/frame"></iframe>`,
      `<img src="file:///etc/hostname">`,
    ].join('\n');
    const template = builtin.replace(/<main class="sheet">/, (tag) => `${injected}\n${tag}`);
    const careless = page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, ''); // a careless template drops the CSP too
    expect(template).toContain(injected);
    expect(careless).not.toContain('Content-Security-Policy');
    const dir = await tempProject({ 'bulletins/001.md': `${FRONT}\n# 标题\n\n正文。\n`, 'templates/sheet.njk': template, 'templates/bulletin.njk': careless });
    const io = captureIo(dir);
    const r = await printedBuild({ io, formats: ['pdf'] });
    expect(r.exitCode, io.err()).toBe(0);
    expect(hits).toEqual([]);
    const blocked = r.blocked.join('\n');
    expect(blocked).toContain(`http://127.0.0.1:${port}/x.png`);
    expect(blocked).toContain(`http://127.0.0.1:${port}/x.css`);
    expect(blocked).toContain(`http://127.0.0.1:${port}/x.js`);
    expect(blocked).toContain('file:///etc/hostname');
    expect(io.out()).toContain(`已拦截 ${r.blocked.length} 个外部请求（渲染时不访问网络）`);
  });
});

describe('the browser sandbox', () => {
  /** The arguments the bundled Chromium would be started with, as user `uid`; the launch is reached. */
  async function launchArgs(uid: number): Promise<{ args: string[]; log: string }> {
    const getuid = vi.spyOn(process, 'getuid').mockReturnValue(uid);
    const calls: string[][] = [];
    const launch = vi.spyOn(puppeteer, 'launch').mockImplementation(async (opts) => {
      calls.push(opts?.args ?? []);
      throw new Error('stop here');
    });
    let log = '';
    try {
      await expect(launchBrowser({ env: { HOME: process.env.HOME }, log: (t) => (log += t) })).rejects.toThrow('stop here');
    } finally {
      getuid.mockRestore();
      launch.mockRestore();
    }
    // Exactly one launch, with the flags bulletin always passes: the checks below see real arguments.
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('--headless=new');
    expect(calls[0]).toContain('--disable-background-networking');
    return { args: calls[0]!, log };
  }

  it('keeps the sandbox when not root', async () => {
    const { args, log } = await launchArgs(1000);
    expect(args).not.toContain('--no-sandbox');
    expect(args).not.toContain('--disable-setuid-sandbox');
    expect(args).not.toContain('--single-process');
    expect(args).not.toContain('--disable-web-security');
    expect(log).not.toContain('--no-sandbox');
  });

  it('as root adds --no-sandbox and says so (shown with --verbose)', async () => {
    const { args, log } = await launchArgs(0);
    expect(args).toContain('--no-sandbox');
    expect(log).toContain('以 root 身份运行：Chromium 无法在 root 下启用沙箱，已加 --no-sandbox。');
  });
});
