/**
 * Exports leave through a save dialog in main (My learning's "Export"): the file is read in the outbox window page
 * by page (shared/record/export.ts), each page checked by main (outbox-answers.ts) and written to where the learner
 * chose as it arrives; a file left half-written by a failure is removed. Why not a Blob
 * download in the page: that would need the session's downloads allowed (`will-download`) for pages that
 * otherwise may not navigate or open anything, and it would hand the whole record to the renderer only to
 * send it back; here the renderer receives where it was saved, nothing else.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, app, dialog, type IpcMainInvokeEvent } from 'electron';
import type { ExportResult } from '../core/contract';
import type { ExportStream } from '../core/record-service';

export async function saveWithDialog(event: IpcMainInvokeEvent, file: ExportStream): Promise<ExportResult> {
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
    await writePages(choice.filePath, file.pages);
    return { ok: true, path: choice.filePath };
  } catch (error) {
    await rm(choice.filePath, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `The file could not be saved (${reason}).` };
  }
}

/** Writes the pages in order to a new file readable by the learner only. */
export async function writePages(path: string, pages: AsyncIterable<string>): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    for await (const text of pages) await handle.write(text, null, 'utf8');
  } finally {
    await handle.close();
  }
}
