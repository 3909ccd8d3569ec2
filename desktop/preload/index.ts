/**
 * The one preload script (issue 5, part 6): exposes a typed API as `window.trailnote` through contextBridge,
 * nothing else (no ipcRenderer, no Node). The UI windows get UiApi; the hidden outbox window gets
 * OutboxHostApi. Which one is decided by the page's own address, and main checks every sender again, so a UI
 * window that called outbox channels would be refused there.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  CHANNELS,
  UI_INVOKE_CHANNELS,
  type OutboxEnvelope,
  type OutboxHostApi,
  type UiApi,
} from '../core/contract';

const invoke =
  <M extends keyof typeof UI_INVOKE_CHANNELS>(method: M) =>
  (...args: unknown[]) =>
    ipcRenderer.invoke(UI_INVOKE_CHANNELS[method], ...args);

export const uiApi: UiApi = {
  quickLogSetup: invoke('quickLogSetup') as UiApi['quickLogSetup'],
  saveQuickLog: invoke('saveQuickLog') as UiApi['saveQuickLog'],
  closeWindow: invoke('closeWindow') as UiApi['closeWindow'],
  status: invoke('status') as UiApi['status'],
  saveSettings: invoke('saveSettings') as UiApi['saveSettings'],
  pause: invoke('pause') as UiApi['pause'],
  sendNow: invoke('sendNow') as UiApi['sendNow'],
  setStartAtLogin: invoke('setStartAtLogin') as UiApi['setStartAtLogin'],
  updateItem: invoke('updateItem') as UiApi['updateItem'],
  discardItem: invoke('discardItem') as UiApi['discardItem'],
  approveItem: invoke('approveItem') as UiApi['approveItem'],
  recordView: invoke('recordView') as UiApi['recordView'],
  skillFrameworks: invoke('skillFrameworks') as UiApi['skillFrameworks'],
  commentItem: invoke('commentItem') as UiApi['commentItem'],
  deleteItem: invoke('deleteItem') as UiApi['deleteItem'],
  exportRecord: invoke('exportRecord') as UiApi['exportRecord'],
  onStatusChanged(listener) {
    // The event object never reaches the page: it carries `sender`, i.e. ipcRenderer itself.
    const handler = () => listener();
    ipcRenderer.on(CHANNELS.statusChanged, handler);
    return () => {
      ipcRenderer.removeListener(CHANNELS.statusChanged, handler);
    };
  },
};

export const outboxApi: OutboxHostApi = {
  serve(handler) {
    ipcRenderer.on(CHANNELS.outboxRequest, (_event, envelope: OutboxEnvelope) => {
      const { requestId, ...request } = envelope;
      handler(request).then(
        (value) => ipcRenderer.send(CHANNELS.outboxReply, { requestId, ok: true, value }),
        (error: unknown) =>
          ipcRenderer.send(CHANNELS.outboxReply, {
            requestId,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    });
    ipcRenderer.send(CHANNELS.outboxReady);
  },
  networkOnline() {
    ipcRenderer.send(CHANNELS.networkOnline);
  },
};

contextBridge.exposeInMainWorld('trailnote', window.location.pathname === '/outbox.html' ? outboxApi : uiApi);
