// "My learning" in the extension: the shared page (shared/ui/record MyLearning) over the background's
// messages. The timeline comes page by page from `record/list`, the chart and filter menus from `record/tally`,
// destinations, skill settings and the frameworks' stamp from `record/context`, the frameworks from
// `skills/frameworks`; exports are downloaded by the page.

import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { MyLearning, type MyLearningApi } from '../../../shared/ui/record';
import { openingRecordView, type ExportCursor } from '../../../shared/record';
import type { SendToBackground } from '../../platform/send';

export interface DashboardApi {
  send: SendToBackground;
  /** Save a file for the learner (a download in the browser), given whole or in parts. */
  download(file: { filename: string; mimeType: string; text: string | readonly string[] }): void;
}

export interface DashboardProps {
  api: DashboardApi;
  clock?: () => number;
}

/** The shared page's API over the extension's messages. */
export function dashboardApi(api: DashboardApi): MyLearningApi {
  const { send } = api;
  return {
    async load(query, limit) {
      const tally = send('record/tally', {});
      const context = send('record/context', {});
      void Promise.allSettled([tally, context]); // awaited below, unless the record's answer is all there is
      const record = await send('record/list', { query, limit });
      if (record.opening !== undefined) {
        // An older version's database still being upgraded: the message alone; the other two answer once it is
        // open (the page asks again meanwhile).
        return openingRecordView(record.opening);
      }
      return {
        items: record.items,
        next: record.next,
        tally: (await tally).tally,
        ...(record.preparing ? { preparing: record.preparing } : {}),
        ...(await context),
      };
    },
    more: (query, after) => send('record/list', { query, after }),
    frameworks: () => send('skills/frameworks', {}),
    update: (id, skills, reflection) => send('item/update', { id, skills, reflection }),
    comment: (id, reflection, addSkills) => send('item/comment', { id, reflection, addSkills }),
    remove: (id) => send('item/delete', { id }),
    resend: (id) => send('item/resend', { id }),
    // The file comes in pages (shared/record/export.ts), one message each, and is saved as their parts.
    async exportRecord(format) {
      const parts: string[] = [];
      let cursor: ExportCursor | undefined;
      let file: { filename: string; mimeType: string } | undefined;
      do {
        const page = await send('record/export', cursor ? { format, cursor } : { format });
        if (!page.ok || page.text === undefined || !page.filename || !page.mimeType) {
          return { ok: false, error: page.error };
        }
        file ??= { filename: page.filename, mimeType: page.mimeType };
        parts.push(page.text);
        cursor = page.next;
      } while (cursor);
      api.download({ ...file, text: parts });
      return { ok: true };
    },
  };
}

export function Dashboard({ api, clock }: DashboardProps): JSX.Element {
  const shared = useMemo(() => dashboardApi(api), [api]);
  return <MyLearning api={shared} clock={clock} />;
}
