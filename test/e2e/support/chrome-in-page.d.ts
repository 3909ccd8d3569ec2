// The few extension APIs the e2e tests call inside the extension's own pages and service worker
// (`worker.evaluate`, `page.evaluate`): declared here so test code stays typed without app typings.
declare const chrome: {
  storage: {
    local: {
      get(key: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    managed: { get(keys: null): Promise<Record<string, unknown>> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: {
    getBadgeText(details: object): Promise<string>;
    getBadgeBackgroundColor(details: object): Promise<[number, number, number, number]>;
  };
  tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
};
