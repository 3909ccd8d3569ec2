import { describe, expect, it } from 'vitest';
import { aboutVersions, checkPostAnswer, lrsMessage, retryAfterMs } from './answers';
import type { LrsResponse } from './lrs-client';

const res = (status: number, body: string, headers: Record<string, string> = {}): LrsResponse => ({
  status,
  body,
  headers,
});

describe('reading LRS answers', () => {
  it("gives the LRS's own message and warnings", () => {
    expect(
      lrsMessage(
        res(
          400,
          JSON.stringify({ message: 'Invalid statement', warnings: ['statements.3.verb.id: not an IRI'] }),
        ),
      ),
    ).toBe('HTTP 400: Invalid statement; statements.3.verb.id: not an IRI');
    expect(lrsMessage(res(500, ''))).toBe('HTTP 500');
    expect(
      lrsMessage(res(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' })),
    ).toMatch(/HTML page/);
    expect(lrsMessage(res(400, 'x'.repeat(1000))).length).toBeLessThan(320);
  });

  it('accepts 204, or 200 with every id sent', () => {
    expect(checkPostAnswer(res(204, ''), ['a'])).toBeUndefined();
    expect(checkPostAnswer(res(200, '["A","b"]'), ['a', 'b'])).toBeUndefined();
  });

  it('refuses 200 answers that do not prove the statements were stored', () => {
    expect(checkPostAnswer(res(200, '<!doctype html><p>Sign in'), ['a'])).toMatch(/HTML page/);
    expect(checkPostAnswer(res(200, '["a", "b'), ['a', 'b'])).toMatch(/not JSON/);
    expect(checkPostAnswer(res(200, '{"ok":true}'), ['a'])).toMatch(/array/);
    expect(checkPostAnswer(res(200, '["a"]'), ['a', 'b'])).toMatch(/did not list 1 of the 2/);
  });

  it('reads /about versions and explains bad ones', () => {
    expect(aboutVersions(res(200, '{"version":["1.0.3","2.0.0"]}'))).toEqual({
      versions: ['1.0.3', '2.0.0'],
    });
    expect(aboutVersions(res(200, '{"versions":[]}'))).toEqual({ error: '/about has no "version" array' });
    expect(aboutVersions(res(404, 'nope'))).toEqual({ error: 'reading /about failed: HTTP 404: nope' });
    expect('error' in aboutVersions(res(200, '<html>'))).toBe(true);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs(res(429, '', { 'retry-after': '30' }), now)).toBe(30_000);
    expect(retryAfterMs(res(503, '', { 'retry-after': 'Mon, 23 Nov 2026 10:01:00 GMT' }), now)).toBe(60_000);
    expect(retryAfterMs(res(503, '', { 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(res(503, ''), now)).toBeUndefined();
  });
});
