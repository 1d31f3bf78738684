import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { bulletinError, details, type Detail } from '../diagnostics/errors.js';
import { EVENTS_PATH, injectReload, PAGE_TEXTS } from './pages.js';
import type { Lang } from '../diagnostics/rules.js';
import { isInside } from '../paths.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The policy of every file the preview serves but its pages: no script, nothing from elsewhere, a sandboxed document. */
export const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'; sandbox";

/** An IPv4 address or a bracketed IPv6 one: a Host that names an address, not a name that could be rebound. */
export function isAddress(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || /^\[[0-9a-f:.]+\]$/i.test(host);
}

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface Routes {
  /** A page to serve instead of a file for this decoded path ("/", an issue with errors…). */
  page(pathname: string): string | undefined;
  /** The current build's id, for the reload script. */
  build(): string;
  /** What the served copy of a built page adds for this path (the diagnostics overlay), or the page as it is. */
  decorate?(pathname: string, html: string): string;
}

/**
 * The preview's HTTP server: GET/HEAD only, files of one folder only (no dot-files, no path
 * outside it), HTML pages served with the reload script, and the events endpoint.
 */
export class PreviewServer {
  private readonly server: Server;
  private readonly clients = new Set<ServerResponse>();
  private readonly ping: NodeJS.Timeout;
  /** Host names (besides loopback names and IP addresses) the server answers to. */
  private allowedHosts = new Set<string>();

  private readonly texts: (typeof PAGE_TEXTS)[Lang]['server'];

  constructor(
    readonly root: string,
    private readonly routes: Routes,
    lang: Lang = 'zh',
  ) {
    this.texts = PAGE_TEXTS[lang].server;
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => this.send(res, req, 500, `${this.texts.failed}\n`)));
    this.ping = setInterval(() => {
      for (const client of this.clients) client.write(': ping\n\n');
    }, 15_000);
    this.ping.unref();
  }

  /**
   * Listens on `host`, on `port` or, when taken, one of the next `span` ports; port 0 lets the
   * system choose. Throws PreviewPortUnavailable. Returns the port.
   */
  async listen(host: string, port: number, span = 10, allowHosts: string[] = []): Promise<number> {
    // The name it listens on, when it is one, and those the user allowed (--allow-host).
    this.allowedHosts = new Set([host, ...allowHosts].map((h) => h.toLowerCase()));
    const last = port === 0 ? 0 : Math.min(port + span, 65535);
    let detail: Detail = '';
    for (let p = port; p <= last; p++) {
      try {
        await new Promise<void>((resolve, reject) => {
          const done = (error?: Error) => {
            this.server.off('error', done).off('listening', done);
            if (error) reject(error);
            else resolve();
          };
          this.server.on('error', done).on('listening', done);
          this.server.listen(p, host);
        });
        const address = this.server.address();
        return typeof address === 'object' && address ? address.port : p;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE') {
          const reason = code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? details.notLocalAddress(host) : (error as Error).message;
          throw bulletinError('PreviewPortUnavailable', [host, String(p), reason], error);
        }
        detail = details.portsTaken();
      }
    }
    throw bulletinError('PreviewPortUnavailable', [host, port === last ? String(port) : `${port}–${last}`, detail]);
  }

  /** Tells every open page that a build finished. */
  reload(build: string): void {
    for (const client of this.clients) client.write(`event: reload\ndata: ${build}\n\n`);
  }

  async close(): Promise<void> {
    clearInterval(this.ping);
    for (const client of this.clients) client.end();
    this.clients.clear();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private send(res: ServerResponse, req: IncomingMessage, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
    if (res.headersSent) return void res.end();
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': String(data.length),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.send(res, req, 405, `${this.texts.method}\n`, undefined, { Allow: 'GET, HEAD' });
    // Answers to loopback names, IP addresses and the allowed names only, on any address it
    // listens on: a page elsewhere cannot reach it by DNS rebinding (a name of the attacker's
    // that resolves to this machine), which needs a name, never an address.
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!isLoopback(hostName) && !isAddress(hostName) && !this.allowedHosts.has(hostName)) return this.send(res, req, 403, `${this.texts.host}\n`);
    const raw = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    if (!raw.startsWith('/')) return this.send(res, req, 400, `${this.texts.path}\n`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(raw);
    } catch {
      return this.send(res, req, 400, `${this.texts.path}\n`);
    }
    const segments = pathname.split('/');
    if (pathname.includes('\0') || pathname.includes('\\') || segments.some((s) => s === '..' || s === '.')) {
      return this.send(res, req, 400, `${this.texts.path}\n`);
    }
    if (pathname === EVENTS_PATH) return this.events(req, res);
    const page = this.routes.page(pathname);
    if (page !== undefined) return this.send(res, req, 200, page, TYPES['.html']);
    const notFound = () => this.send(res, req, 404, `${this.texts.notFound(pathname)}\n`);
    if (segments.some((s) => s.startsWith('.'))) return notFound();
    const file = path.join(this.root, ...segments);
    if (file === path.resolve(this.root) || !isInside(this.root, file)) return notFound();
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return notFound();
    const ext = path.extname(file).toLowerCase();
    const type = TYPES[ext] ?? 'application/octet-stream';
    // Fonts, pictures and styles are revalidated, not fetched again, when a page reloads: the
    // same file answers 304 and the tab keeps what it decoded (the web fonts are megabytes).
    const tag = ext === '.html' ? undefined : `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    if (tag !== undefined && req.headers['if-none-match'] === tag) {
      res.writeHead(304, { ETag: tag, 'Cache-Control': 'no-cache' });
      return void res.end();
    }
    const data = await readFile(file).catch(() => undefined);
    if (!data) return notFound();
    if (ext === '.html') {
      const html = data.toString('utf8');
      return this.send(res, req, 200, injectReload(this.routes.decorate?.(pathname, html) ?? html, this.routes.build()), type);
    }
    // Anything else opened on its own (an SVG above all) may run no script and load nothing from elsewhere.
    this.send(res, req, 200, data, type, { 'Content-Security-Policy': FILE_CSP, ...(tag !== undefined ? { ETag: tag, 'Cache-Control': 'no-cache' } : {}) });
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
    if (req.method === 'HEAD') return void res.end();
    res.write(`retry: 1000\nevent: build\ndata: ${this.routes.build()}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }
}
