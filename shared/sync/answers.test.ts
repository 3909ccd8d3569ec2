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

  it("shows a short text answer as the LRS's words whatever its content type; summarises only real pages", () => {
    const html = { 'content-type': 'text/html; charset=utf-8' };
    // ADL's LRS: plain-text reasons labelled text/html.
    expect(lrsMessage(res(400, 'Verb id with value not an iri was not a valid IRI', html))).toBe(
      'HTTP 400: Verb id with value not an iri was not a valid IRI',
    );
    expect(lrsMessage(res(409, 'A statement with ID 1 already exists', html))).toBe(
      'HTTP 409: A statement with ID 1 already exists',
    );
    expect(lrsMessage(res(400, 'value must be < 5 and > 1', html))).toBe(
      'HTTP 400: value must be < 5 and > 1',
    );
    expect(lrsMessage(res(400, '"a JSON string reason"'))).toBe('HTTP 400: a JSON string reason');
    expect(
      lrsMessage(
        res(502, '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'),
      ),
    ).toBe(
      'HTTP 502: the server answered with an HTML page ("502 Bad Gateway"), not an xAPI response (is the endpoint right?)',
    );
    expect(
      lrsMessage(res(500, '<body><h1>Server Error</h1></body>', { 'content-type': 'text/plain' })),
    ).toMatch(/HTML page, not an xAPI response/);
  });

  it('summarises a 1 MB error page, text or HTML, in one line', () => {
    const mb = 1 << 20;
    const text = lrsMessage(
      res(500, `Traceback (most recent call last):\n${'  File "x.py", line 1\n'.repeat(mb / 22)}`),
    );
    expect(text).toMatch(
      /^HTTP 500: the server answered with 1\.0 MB of text, not an xAPI response; it begins: Traceback/,
    );
    expect(text.length).toBeLessThan(320);
    const page = lrsMessage(
      res(503, `<html><title>Down</title><body>${'<p>sorry</p>'.repeat(mb / 12)}</body></html>`),
    );
    expect(page).toBe(
      'HTTP 503: the server answered with an HTML page ("Down"), not an xAPI response (is the endpoint right?)',
    );
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
    expect(aboutVersions(res(200, '{"version":[]}'))).toEqual({
      error: '/about lists no xAPI version (its "version" array is empty or not versions)',
    });
    expect(aboutVersions(res(200, '{"version":["banana", 2, "1.0.3"]}'))).toEqual({ versions: ['1.0.3'] });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs(res(429, '', { 'retry-after': '30' }), now)).toBe(30_000);
    expect(retryAfterMs(res(503, '', { 'retry-after': 'Mon, 23 Nov 2026 10:01:00 GMT' }), now)).toBe(60_000);
    expect(retryAfterMs(res(503, '', { 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(res(503, ''), now)).toBeUndefined();
  });
});
