import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The client-info service Learning Locker's statement service asks on every request when started with
 * AUTH_REPO=fetch (ENVIRONMENT.md): it forwards the request's Authorization header; 200 with a client
 * authorises (with its scopes), 404 becomes a real 401 from the LRS.
 */
export const TEST_CREDENTIALS = {
  /** Full access. */
  writer: { username: 'trailnote-writer', password: 'right-secret' },
  /** May read but not write statements: the LRS answers 403 to a POST. */
  reader: { username: 'trailnote-reader', password: 'right-secret' },
} as const;

const basic = (c: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

function client(title: string, scopes: string[]) {
  const hex = (n: number) => n.toString(16).padStart(24, '0');
  return {
    _id: hex(1),
    title,
    authority: { objectType: 'Agent', name: title, mbox: `mailto:${title}@trailnote.test` },
    isTrusted: true,
    lrs_id: hex(2),
    organisation: hex(3),
    scopes,
  };
}

export async function startAuthStub(): Promise<{ url: string; close: () => Promise<void> }> {
  const clients = new Map<string, object>([
    [basic(TEST_CREDENTIALS.writer), client('writer', ['all'])],
    [basic(TEST_CREDENTIALS.reader), client('reader', ['statements/read'])],
  ]);
  const server: Server = createServer((req, res) => {
    const found = clients.get(req.headers.authorization ?? '');
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(found ?? { message: 'no such client' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/auth`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
