export interface E2eEnv {
  lrs: { endpoint: string; username: string; password: string };
  /** Port of the fixture server; any `*.localhost` host name reaches it. */
  port: number;
  extensionDir: string;
  extensionId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnv;
  }
}
