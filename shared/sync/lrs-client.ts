/**
 * A small xAPI client that, unlike @xapi/xapi's fetch adapter, hands back every status code and header: the
 * sync engine needs them to follow docs/xapi-profile.md § Sending. Only the resources we use are here.
 */

export type Credentials =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'none' };

export interface LrsEndpoint {
  /** Absolute http(s) URL of the xAPI base, e.g. `https://lrs.example/xapi/`. */
  endpoint: string;
  credentials: Credentials;
}

export interface LrsResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** The request never got an HTTP answer: connection refused or reset, DNS, timeout, or a stopped engine. */
export class LrsTransportError extends Error {
  override name = 'LrsTransportError';
  constructor(
    message: string,
    readonly reason: 'network' | 'timeout' | 'aborted',
  ) {
    super(message);
  }
}

export interface LrsClientOptions {
  fetch?: typeof fetch;
  /** Whole-request budget (headers and body), in ms. */
  timeoutMs?: number;
  /** Aborts every request in flight (engine teardown). */
  signal?: AbortSignal;
}

export class LrsClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly target: LrsEndpoint,
    private readonly options: LrsClientOptions = {},
  ) {
    this.base = target.endpoint.endsWith('/') ? target.endpoint : `${target.endpoint}/`;
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
  }

  /** `GET about` (C 2.8): the versions the LRS speaks. Sent with the version header, as some LRSs require. */
  about(): Promise<LrsResponse> {
    return this.request('GET', 'about', '1.0.3');
  }

  /** `POST statements` with a JSON array body (C 2.1): the exact bytes given, never re-serialised. */
  postStatements(jsonArray: string, version: string): Promise<LrsResponse> {
    return this.request('POST', 'statements', version, jsonArray);
  }

  /** `GET statements?statementId=` (or `voidedStatementId=`, C 2.1.3): one statement as the LRS holds it. */
  getStatement(id: string, version: string, voided = false): Promise<LrsResponse> {
    const param = voided ? 'voidedStatementId' : 'statementId';
    return this.request('GET', `statements?${param}=${encodeURIComponent(id)}`, version);
  }

  /** `GET statements?<query>` (C 2.1.3): a StatementResult, most recently stored first. */
  queryStatements(query: Record<string, string>, version: string): Promise<LrsResponse> {
    return this.request('GET', `statements?${new URLSearchParams(query).toString()}`, version);
  }

  private async request(method: string, path: string, version: string, body?: string): Promise<LrsResponse> {
    const headers: Record<string, string> = { 'X-Experience-API-Version': version };
    const auth = authorizationHeader(this.target.credentials);
    if (auth) headers.Authorization = auth;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const signals = [AbortSignal.timeout(this.options.timeoutMs ?? 30_000)];
    if (this.options.signal) signals.push(this.options.signal);
    const signal = AbortSignal.any(signals);
    try {
      const res = await this.fetchImpl(this.base + path, {
        method,
        headers,
        body,
        signal,
        redirect: 'manual',
      });
      const text = await res.text();
      const out: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        out[key.toLowerCase()] = value;
      });
      return { status: res.status, headers: out, body: text };
    } catch (err) {
      if (this.options.signal?.aborted)
        throw new LrsTransportError('stopped before the LRS answered', 'aborted');
      if (signal.aborted) {
        throw new LrsTransportError(
          `no answer from the LRS within ${Math.round((this.options.timeoutMs ?? 30_000) / 1000)} s`,
          'timeout',
        );
      }
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new LrsTransportError(
        `could not reach the LRS at ${this.base} (${err instanceof Error ? err.message : String(err)}${cause})`,
        'network',
      );
    }
  }
}

export function authorizationHeader(c: Credentials): string | undefined {
  switch (c.kind) {
    case 'basic':
      return `Basic ${base64(`${c.username}:${c.password}`)}`;
    case 'bearer':
      return `Bearer ${c.token}`;
    case 'none':
      return undefined;
  }
}

function base64(text: string): string {
  // btoa only takes Latin-1; encode UTF-8 first so non-ASCII secrets work.
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
