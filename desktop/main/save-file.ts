/**
 * Exports leave through a save dialog in main (My learning's "Export"): the file is built in the outbox window,
 * checked by main (outbox-answers.ts isRecordFile) and written by main where the learner chose. Why not a Blob
 * download in the page: that would need the session's downloads allowed (`will-download`) for pages that
 * otherwise may not navigate or open anything, and it would hand the whole record to the renderer only to
 * send it back; here the renderer receives where it was saved, nothing else.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, app, dialog, type IpcMainInvokeEvent } from 'electron';
import type { ExportResult, RecordFile } from '../core/contract';

export async function saveWithDialog(event: IpcMainInvokeEvent, file: RecordFile): Promise<ExportResult> {
  const json = file.mimeType === 'application/json';
  const options = {
    title: json ? 'Export xAPI statements' : 'Export your record as CSV',
    defaultPath: join(app.getPath('downloads'), file.filename),
    filters: [json ? { name: 'xAPI JSON', extensions: ['json'] } : { name: 'CSV', extensions: ['csv'] }],
  };
  const owner = BrowserWindow.fromWebContents(event.sender);
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { ok: true, cancelled: true };
  try {
    await writeFile(choice.filePath, file.text, { encoding: 'utf8', mode: 0o600 });
    return { ok: true, path: choice.filePath };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `The file could not be saved (${reason}).` };
  }
}
