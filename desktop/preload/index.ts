/**
 * The one preload script (issue 5, part 6): exposes a typed API as `window.trailnote` through contextBridge,
 * nothing else (no ipcRenderer, no Node). The UI windows get UiApi (core/ui-contract.ts); the hidden outbox
 * window gets OutboxHostApi (core/outbox-contract.ts). Which one is decided by the page's own address, and main
 * checks every sender again, so a UI window that called outbox channels would be refused there.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { OUTBOX_CHANNELS, type OutboxEnvelope, type OutboxHostApi } from '../core/outbox-contract';
import {
  STATUS_CHANGED_CHANNEL,
  UI_CHANNELS,
  type UiApi,
  type UiPayload,
  type UiRequest,
  type UiResponse,
} from '../core/ui-contract';

/** One request: its payload (if any) to its channel; main validates it and answers with the contract's type. */
const invoke =
  <R extends UiRequest>(request: R) =>
  (payload: UiPayload<R>): Promise<UiResponse<R>> =>
    ipcRenderer.invoke(UI_CHANNELS[request], ...(payload === undefined ? [] : [payload]));

export const uiApi: UiApi = {
  quickLogSetup: invoke('quickLogSetup'),
  saveQuickLog: invoke('saveQuickLog'),
  closeWindow: invoke('closeWindow'),
  status: invoke('status'),
  saveSettings: invoke('saveSettings'),
  pause: invoke('pause'),
  sendNow: invoke('sendNow'),
  setStartAtLogin: invoke('setStartAtLogin'),
  updateItem: invoke('updateItem'),
  discardItem: invoke('discardItem'),
  approveItem: invoke('approveItem'),
  recordView: invoke('recordView'),
  recordPage: invoke('recordPage'),
  skillFrameworks: invoke('skillFrameworks'),
  commentItem: invoke('commentItem'),
  deleteItem: invoke('deleteItem'),
  exportRecord: invoke('exportRecord'),
  earlierRecord: invoke('earlierRecord'),
  sendEarlierRecord: invoke('sendEarlierRecord'),
  resendItem: invoke('resendItem'),
  resendRefused: invoke('resendRefused'),
  onStatusChanged(listener) {
    // The event object never reaches the page: it carries `sender`, i.e. ipcRenderer itself.
    const handler = () => listener();
    ipcRenderer.on(STATUS_CHANGED_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(STATUS_CHANGED_CHANNEL, handler);
    };
  },
};

export const outboxApi: OutboxHostApi = {
  serve(handler) {
    ipcRenderer.on(OUTBOX_CHANNELS.request, (_event, envelope: OutboxEnvelope) => {
      const { requestId, ...request } = envelope;
      handler(request).then(
        (value) => ipcRenderer.send(OUTBOX_CHANNELS.reply, { requestId, ok: true, value }),
        (error: unknown) =>
          ipcRenderer.send(OUTBOX_CHANNELS.reply, {
            requestId,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    });
    ipcRenderer.send(OUTBOX_CHANNELS.ready);
  },
  networkOnline() {
    ipcRenderer.send(OUTBOX_CHANNELS.networkOnline);
  },
};

contextBridge.exposeInMainWorld('trailnote', window.location.pathname === '/outbox.html' ? outboxApi : uiApi);
