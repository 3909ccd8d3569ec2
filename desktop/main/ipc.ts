/**
 * IPC handlers (issue 5, part 6). Every message is checked twice before it does anything: who sent it (one
 * of our windows, the right kind for that channel, its top-level app page) and what it carries
 * (core/ipc-validate.ts). Anything else is refused and logged, never acted on.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { DesktopApp } from '../core/app';
import {
  CHANNELS,
  UI_INVOKE_CHANNELS,
  type ExportResult,
  type RecordFile,
  type UiInvokeMethod,
} from '../core/contract';
import { parseOutboxReply, parseUiArgs, type UiArgs } from '../core/ipc-validate';
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
  setStartAtLogin: (enabled: boolean) => Promise<void>;
  /** Hand an export to the learner (a save dialog next to the window that asked, then the file written). */
  saveFile: (event: IpcMainInvokeEvent, file: RecordFile) => Promise<ExportResult>;
  log?: (message: string) => void;
}

/** Which windows may call each UI method. */
const ALLOWED: Record<UiInvokeMethod, readonly WindowKind[]> = {
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
  skillFrameworks: ['my-learning'],
  commentItem: ['my-learning'],
  deleteItem: ['my-learning'],
  exportRecord: ['my-learning'],
};

export class RefusedMessage extends Error {
  override name = 'RefusedMessage';
}

type Handlers = { [M in UiInvokeMethod]: (event: IpcMainInvokeEvent, ...args: UiArgs[M]) => unknown };

export function registerIpc(ipc: IpcMain, deps: IpcDeps): void {
  const { app } = deps;
  const log = deps.log ?? ((m: string) => console.warn(`Trailnote IPC: ${m}`));
  const handlers: Handlers = {
    quickLogSetup: () => app.pickers.quickLogSetup(),
    saveQuickLog: (_e, input) => app.capture.saveQuickLog(input),
    closeWindow: (event) => deps.closeSender(event),
    status: () => app.status.view(),
    saveSettings: (_e, input) => app.settings.save(input),
    pause: (_e, choice) => app.tray.pause(choice),
    sendNow: () => app.sync.sendNow(),
    setStartAtLogin: (_e, enabled) => deps.setStartAtLogin(enabled),
    updateItem: (_e, tags) => app.record.update(tags),
    discardItem: (_e, id) => app.record.discard(id),
    approveItem: (_e, id) => app.record.approve(id),
    recordView: () => app.record.view(),
    skillFrameworks: () => app.pickers.frameworks(),
    commentItem: (_e, comment) => app.record.comment(comment),
    deleteItem: (_e, id) => app.record.remove(id),
    exportRecord: async (event, format) => {
      let file: RecordFile;
      try {
        file = await app.record.exportFile(format);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      return deps.saveFile(event, file);
    },
  };

  for (const method of Object.keys(UI_INVOKE_CHANNELS) as UiInvokeMethod[]) {
    ipc.handle(UI_INVOKE_CHANNELS[method], (event, ...args: unknown[]) => {
      const kind = deps.senderKind(event);
      if (!kind || !ALLOWED[method].includes(kind)) {
        log(`refused ${method} from ${kind ?? 'an unknown sender'}`);
        throw new RefusedMessage(`${method} is not available here.`);
      }
      const parsed = parseUiArgs(method, args);
      if (!parsed.ok) {
        log(`refused ${method}: ${parsed.reason}`);
        throw new RefusedMessage(`${method}: invalid request (${parsed.reason}).`);
      }
      const handler = handlers[method] as (event: IpcMainInvokeEvent, ...a: unknown[]) => unknown;
      return handler(event, ...parsed.value);
    });
  }

  ipc.on(CHANNELS.outboxReady, (event) => {
    if (deps.senderKind(event) !== 'outbox') return log('refused outbox-ready from a non-outbox sender');
    deps.onOutboxReady(event);
  });
  ipc.on(CHANNELS.outboxReply, (event, reply: unknown) => {
    if (deps.senderKind(event) !== 'outbox') return log('refused an outbox reply from a non-outbox sender');
    const parsed = parseOutboxReply(reply);
    if (!parsed.ok) return log(`refused an outbox reply: ${parsed.reason}`);
    deps.link.settle(parsed.value);
  });
  ipc.on(CHANNELS.networkOnline, (event, ...args: unknown[]) => {
    if (deps.senderKind(event) !== 'outbox' || args.length !== 0) return log('refused network-online');
    deps.onNetworkOnline();
  });
}
