import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A fault-injecting HTTP proxy in front of the real LRS. Each request is either passed through or meets one
 * fault, chosen by the test's `decide` function: a connection reset (before or after the LRS stored the
 * statements), a stall with no answer, a 5xx, 429/503 with Retry-After, 413, or an HTML page.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'reset' }
  /** Forward to the LRS, then cut the connection before the answer reaches the client. */
  | { kind: 'reset-after-store' }
  | { kind: 'stall' }
  /** Forward to the LRS (it stores the statements), then never answer the client. */
  | { kind: 'stall-after-store' }
  /** Forward, and drop the X-Experience-API-Version header from the LRS's answer. */
  | { kind: 'strip-version' }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string };

export interface ProxyRequest {
  method: string;
  url: string;
  body: Buffer;
}

export interface FaultProxy {
  endpoint: string;
  /** Every request seen, with the fault applied to it. */
  log: Array<{ method: string; url: string; fault: Fault['kind']; status?: number; statements: number }>;
  setDecider(decide: (req: ProxyRequest, n: number) => Fault): void;
  /** Resolves when the next request that the LRS answered was held back from the client (stall-after-store). */
  nextHeldAnswer(): Promise<void>;
  close: () => Promise<void>;
}

export async function startFaultProxy(
  target: string,
  decide: (req: ProxyRequest, n: number) => Fault = () => ({ kind: 'pass' }),
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const log: FaultProxy['log'] = [];
  let decider = decide;
  let count = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const info = { method: req.method ?? 'GET', url: req.url ?? '/', body };
      const fault = decider(info, count++);
      log.push({
        method: info.method,
        url: info.url,
        fault: fault.kind,
        ...(fault.kind === 'status' ? { status: fault.status } : {}),
        statements: countStatements(body),
      });
      switch (fault.kind) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'stall':
          return; // never answer; the client's timeout must fire
        case 'status':
          res.writeHead(fault.status, {
            'Content-Type': fault.contentType ?? 'application/json',
            ...(fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {}),
          });
          res.end(fault.body ?? JSON.stringify({ message: `injected ${fault.status}` }));
          return;
        case 'pass':
        case 'reset-after-store':
        case 'stall-after-store':
        case 'strip-version':
          forward(req, res, body, fault.kind);
      }
    });
  });

  let heldWaiters: Array<() => void> = [];
  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, kind: Fault['kind']) {
    const path = upstream.pathname.replace(/\/$/, '') + (req.url ?? '/');
    const up = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: { ...req.headers, host: upstream.host },
      },
      (upRes) => {
        const parts: Buffer[] = [];
        upRes.on('data', (c: Buffer) => parts.push(c));
        upRes.on('end', () => {
          if (kind === 'reset-after-store') {
            req.socket.destroy();
            return;
          }
          if (kind === 'stall-after-store') {
            for (const w of heldWaiters) w();
            heldWaiters = [];
            return;
          }
          const headers = { ...upRes.headers };
          if (kind === 'strip-version') delete headers['x-experience-api-version'];
          res.writeHead(upRes.statusCode ?? 502, headers);
          res.end(Buffer.concat(parts));
        });
      },
    );
    up.on('error', (err) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy: ${err.message}`);
    });
    up.end(body);
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    log,
    nextHeldAnswer: () => new Promise<void>((resolve) => heldWaiters.push(resolve)),
    setDecider: (d) => {
      decider = d;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function countStatements(body: Buffer): number {
  if (body.length === 0) return 0;
  try {
    const parsed = JSON.parse(body.toString()) as unknown;
    return Array.isArray(parsed) ? parsed.length : 1;
  } catch {
    return 0;
  }
}
