/**
 * The security settings every window and the app's session get (issue 5, part 6; Electron's security
 * checklist): isolated, sandboxed renderers without Node, a strict Content-Security-Policy, no navigation, no
 * new windows, no permissions, no webviews.
 */
import type { Session, WebContents } from 'electron';

/** The persistent partition all our windows share: one origin, one IndexedDB that survives restarts. */
export const PARTITION = 'persist:trailnote';

/** The UI windows talk only to main: no network at all. */
export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/**
 * The outbox window also sends statements to the LRSs, which are configured at run time: any https endpoint,
 * and plain http only on loopback (a local test LRS). Nothing else may run or load there.
 */
export const OUTBOX_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:* http://[::1]:*; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

export function cspFor(pathname: string): string {
  return pathname === '/outbox.html' ? OUTBOX_CSP : UI_CSP;
}

/** Refuse every navigation away from the loaded page and every new window, and any webview. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Deny every permission request and check (camera, notifications from pages, geolocation...). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}
