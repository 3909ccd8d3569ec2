/**
 * The web the detection bench browses: one HTTP proxy that Chromium reaches through `--proxy-server` and that
 * answers every corpus page (and the iframes it loads) at its own URL, by the absolute URL of the request (its
 * host included), and generated media at `/media/<file>` on any host, with Range requests so players can seek.
 * Everything else (images, style sheets, analytics, feeds) is a quick 404, and CONNECT (https) is refused.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename, join } from 'node:path';
import type { CorpusPage } from '../test/fixtures/detect/corpus';
import { serveFile } from '../test/e2e/support/fixtures-server';

export interface CorpusProxy {
  port: number;
  /** Requests answered with a page, and page requests on the corpus's hosts answered 404. */
  served: () => { pages: number; missing: string[] };
  close: () => Promise<void>;
}

const key = (url: string) => {
  const u = new URL(url);
  return `${u.host}${u.pathname}${u.search}`;
};

export async function startCorpusProxy(pages: CorpusPage[], mediaDir: string): Promise<CorpusProxy> {
  const routes = new Map<string, () => string>();
  const hosts = new Set(pages.map((p) => new URL(p.url).host));
  for (const page of pages) {
    routes.set(key(page.url), page.html);
    for (const [url, html] of Object.entries(page.frames ?? {})) routes.set(key(url), html);
  }
  let servedPages = 0;
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    const raw = req.url ?? '/';
    // A proxy gets the absolute URL; a direct request (none expected) only the path and a Host header.
    const target = new URL(/^https?:\/\//i.test(raw) ? raw : `http://${req.headers.host ?? 'unknown'}${raw}`);
    const page = routes.get(key(target.href));
    if (page) {
      servedPages++;
      const body = page();
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    const file = target.pathname.startsWith('/media/')
      ? join(mediaDir, basename(target.pathname))
      : undefined;
    if (file && existsSync(file)) {
      serveFile(file, req.headers.range, res);
      return;
    }
    // A page of the corpus's sites that the corpus lacks (a wrong URL); the browser's own requests are left out.
    if (hosts.has(target.host) && !/\.\w{2,12}$/.test(target.pathname)) missing.push(target.href);
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    served: () => ({ pages: servedPages, missing: [...new Set(missing)] }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
