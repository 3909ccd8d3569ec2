/**
 * Main's IPC: a dispatch table from each UI request (core/ui-contract.ts) to the service that answers it, and the
 * outbox window's three messages (core/outbox-contract.ts). Every message is checked twice before it does
 * anything: who sent it (one of our windows, the right kind for that request, its top-level app page) and what it
 * carries (core/ui-payloads.ts, one validator per request). Anything else is refused and logged, never acted on.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { DesktopApp } from '../core/app';
import { parseOutboxReply } from '../core/outbox-answers';
import { OUTBOX_CHANNELS } from '../core/outbox-contract';
import {
  UI_CHANNELS,
  UI_REQUESTS,
  type ExportResult,
  type UiPayload,
  type UiRequest,
  type UiResponse,
} from '../core/ui-contract';
import type { ExportStream } from '../core/record-service';
import { parseUiPayload } from '../core/ui-payloads';
import type { ElectronOutboxLink } from './outbox-link';
import type { WindowKind } from './windows';

export interface IpcDeps {
  app: DesktopApp;
  link: ElectronOutboxLink;
  senderKind: (event: IpcMainEvent | IpcMainInvokeEvent) => WindowKind | undefined;
  /** Close the window that sent the message. */
  closeSender: (event: IpcMainInvokeEvent) => void;
  onOutboxReady: (event: IpcMainEvent) => void;
  onNetworkOnline: () => void;
  /** Apply the choice to the system (login items, XDG autostart) and keep it. */
  setStartAtLogin: (enabled: boolean) => Promise<void>;
  /** Hand an export to the learner (a save dialog next to the window that asked, then the file written). */
  saveFile: (event: IpcMainInvokeEvent, file: ExportStream) => Promise<ExportResult>;
  log?: (message: string) => void;
}

/** Which windows may make each UI request. */
const ALLOWED: Record<UiRequest, readonly WindowKind[]> = {
  quickLogSetup: ['quick-log'],
  saveQuickLog: ['quick-log'],
  closeWindow: ['quick-log', 'settings', 'my-learning'],
  status: ['settings'],
  saveSettings: ['settings'],
  pause: ['settings'],
  sendNow: ['settings'],
  setStartAtLogin: ['settings'],
  updateItem: ['settings', 'my-learning'],
  discardItem: ['settings'],
  approveItem: ['settings'],
  recordView: ['my-learning'],
  recordPage: ['my-learning'],
  skillFrameworks: ['my-learning'],
  commentItem: ['my-learning'],
  deleteItem: ['my-learning'],
  exportRecord: ['my-learning'],
  earlierRecord: ['settings'],
  sendEarlierRecord: ['settings'],
  resendItem: ['my-learning', 'settings'],
  resendRefused: ['settings'],
};

export class RefusedMessage extends Error {
  override name = 'RefusedMessage';
}

type UiHandlers = {
  [R in UiRequest]: (
    payload: UiPayload<R>,
    event: IpcMainInvokeEvent,
  ) => UiResponse<R> | Promise<UiResponse<R>>;
};

/** The dispatch table: each request to its service (core/app.ts composes them). */
function uiHandlers(deps: IpcDeps): UiHandlers {
  const { app } = deps;
  return {
    quickLogSetup: () => app.pickers.quickLogSetup(),
    saveQuickLog: (input) => app.capture.saveQuickLog(input),
    closeWindow: (_payload, event) => deps.closeSender(event),
    status: () => app.status.view(),
    saveSettings: (input) => app.settings.save(input),
    pause: (request) => app.tray.pause(request),
    sendNow: () => app.sync.sendNow(),
    setStartAtLogin: (enabled) => deps.setStartAtLogin(enabled),
    updateItem: (tags) => app.record.update(tags),
    discardItem: (id) => app.record.discard(id),
    approveItem: (id) => app.record.approve(id),
    recordView: (request) => app.record.view(request),
    recordPage: (request) => app.record.page(request),
    skillFrameworks: () => app.pickers.frameworks(),
    commentItem: (comment) => app.record.comment(comment),
    deleteItem: (id) => app.record.remove(id),
    exportRecord: (format, event) => app.record.exportTo(format, (file) => deps.saveFile(event, file)),
    earlierRecord: (id) => app.earlier.count(id),
    sendEarlierRecord: (id) => app.earlier.send(id),
    resendItem: (id) => app.refused.resend(id),
    resendRefused: () => app.refused.resend(),
  };
}

export function registerIpc(ipc: IpcMain, deps: IpcDeps): void {
  const log = deps.log ?? ((m: string) => console.warn(`Trailnote IPC: ${m}`));
  const handlers = uiHandlers(deps);

  const register = <R extends UiRequest>(request: R) => {
    const handler: UiHandlers[R] = handlers[request];
    ipc.handle(UI_CHANNELS[request], (event, ...args: unknown[]) => {
      const kind = deps.senderKind(event);
      if (!kind || !ALLOWED[request].includes(kind)) {
        log(`refused ${request} from ${kind ?? 'an unknown sender'}`);
        throw new RefusedMessage(`${request} is not available here.`);
      }
      const parsed = parseUiPayload(request, args);
      if (!parsed.ok) {
        log(`refused ${request}: ${parsed.reason}`);
        throw new RefusedMessage(`${request}: invalid request (${parsed.reason}).`);
      }
      return handler(parsed.value, event);
    });
  };
  for (const request of UI_REQUESTS) register(request);

  ipc.on(OUTBOX_CHANNELS.ready, (event) => {
    if (deps.senderKind(event) !== 'outbox') return log('refused outbox-ready from a non-outbox sender');
    deps.onOutboxReady(event);
  });
  ipc.on(OUTBOX_CHANNELS.reply, (event, reply: unknown) => {
    if (deps.senderKind(event) !== 'outbox') return log('refused an outbox reply from a non-outbox sender');
    const parsed = parseOutboxReply(reply);
    if (!parsed.ok) return log(`refused an outbox reply: ${parsed.reason}`);
    deps.link.settle(parsed.value);
  });
  ipc.on(OUTBOX_CHANNELS.networkOnline, (event, ...args: unknown[]) => {
    if (deps.senderKind(event) !== 'outbox' || args.length !== 0) return log('refused network-online');
    deps.onNetworkOnline();
  });
}
