/**
 * The learner's record (issue 4): My learning's list and exports, reflections and skills added after an item
 * was frozen (a `commented` statement), deletion (discarded when unsent, `voided` when frozen), pausing capture
 * and "capture this page". Their routes and payload checks are in record-routes.ts; answers never carry
 * credentials.
 */
import type { Outbox } from '../../shared/outbox';
import { captureDecision, pseudonymActor, syncDestinations } from '../../shared/policy';
import {
  addFollowUp as sharedAddFollowUp,
  deleteItem as sharedDeleteItem,
  exportPage,
  queryRecord,
  RECORD_PAGE,
  type ExportCursor,
  type RecordCursor,
  type RecordEnv,
  type RecordQuery,
} from '../../shared/record';
import { holdFor, MANUAL_CAPTURE_KIND, newItem, pageRecipe } from '../../shared/learner/items';
import { hostOf, type StatementContext } from '../../shared/xapi';
import type { ManualKind, RecordState } from '../platform/messages';
import { currentActor, installId, loadSettings } from './settings';

/** What the record handlers need (a subset of the learner deps). */
export interface RecordDeps {
  outbox: Outbox;
  now: () => number;
  sync: (force?: boolean) => Promise<void>;
  tab: (tabId: number) => Promise<{ url?: string; title?: string; incognito: boolean } | undefined>;
  /** The extension's version, for the statements' source activity. */
  version?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Follow-ups (docs/xapi-profile.md § Reflections): the shared rules (shared/record), said by the extension.

/** The statements' source activity (docs/xapi-profile.md): this extension, at its version. */
const sourceOf = (deps: RecordDeps): StatementContext['source'] => ({
  surface: 'extension',
  version: deps.version ?? '0.0.0',
});

function recordEnv(deps: RecordDeps): RecordEnv {
  return { outbox: deps.outbox, now: deps.now, source: sourceOf(deps) };
}

/** A reflection or skills added after the item was frozen: a `commented` statement (shared/record). */
export async function addFollowUp(
  id: string,
  added: { reflection: string; addSkills: Array<{ id: string; name: string }> },
  deps: RecordDeps,
): Promise<{ ok: boolean; error?: string }> {
  const { changed, ...result } = await sharedAddFollowUp(id, added, recordEnv(deps));
  if (result.ok && changed) void deps.sync();
  return result;
}

/** Delete an item: discarded when unsent, `voided` when frozen (shared/record deleteItem). */
export async function deleteItem(id: string, deps: RecordDeps): Promise<{ ok: boolean; error?: string }> {
  const { queued, ...result } = await sharedDeleteItem(id, recordEnv(deps));
  if (queued) void deps.sync();
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// "Capture this page" (issue 4 part 1): the learner says what the page is (shared/learner/items.ts pageRecipe).

export async function capturePage(
  tabId: number,
  kind: ManualKind,
  deps: RecordDeps,
): Promise<{ ok: boolean; id?: string; error?: string; reason?: string }> {
  const tab = await deps.tab(tabId);
  if (!tab?.url) return { ok: false, reason: 'not-http', error: 'This tab has no page to capture.' };
  const resolved = await loadSettings();
  const { settings } = resolved;
  const now = deps.now();
  // The learner asked for this page: a pause (of automatic capture) does not apply; the rest of the policy does.
  const decision = captureDecision(tab.url, settings, {
    incognito: tab.incognito,
    now,
    kind: MANUAL_CAPTURE_KIND[kind],
  });
  if (!decision.capture)
    return { ok: false, reason: decision.reason, error: `Not captured: ${decision.reason}.` };
  const recipe = pageRecipe({ url: tab.url, title: tab.title }, kind, settings.capture.keepQueryStrings);
  const item = newItem(
    recipe,
    { actor: await currentActor(resolved, { outbox: deps.outbox, now }), source: sourceOf(deps) },
    {
      timestamp: new Date(now),
      now,
      platform: hostOf(tab.url),
      meta: { kind, title: recipe.input.title, url: tab.url, details: { manual: true } },
      hold: holdFor(settings.capture, now),
    },
  );
  await deps.outbox.enqueue(
    item,
    now,
    syncDestinations(resolved).map((d) => d.id),
  );
  void deps.sync();
  return { ok: true, id: item.id };
}

// ---------------------------------------------------------------------------------------------------------
// The record as My learning shows it (shared/record).

export async function configuredIds(): Promise<string[]> {
  return syncDestinations(await loadSettings()).map((d) => d.id);
}

/** What the popup shows of refused items (shared with the desktop app). */
export { refusedView } from '../../shared/record/refused';

/** A page of My learning's timeline (shared/record/query.ts), read from the indexes, never the whole record. */
export async function recordState(
  deps: RecordDeps,
  query: RecordQuery,
  limit = RECORD_PAGE,
  after?: RecordCursor,
): Promise<RecordState> {
  const resolved = await loadSettings();
  const destinations = syncDestinations(resolved);
  // Items kept from a destination requiring identity say so (shared/learner/withheld.ts).
  const withheld = {
    pseudonym: pseudonymActor(resolved, await installId()),
    requiring: destinations
      .filter((d) => d.requiresIdentity)
      .map((d) => ({ id: d.id, name: d.name ?? d.id })),
  };
  return queryRecord(
    deps.outbox,
    destinations.map((d) => d.id),
    query,
    limit,
    { ...(after ? { after } : {}), withheld },
  );
}

/** One page of an export (shared/record/export.ts): the page asks for the next until there is none. */
export async function exportFile(format: 'xapi' | 'csv', deps: RecordDeps, cursor?: ExportCursor) {
  const configured = format === 'csv' ? await configuredIds() : [];
  return { ok: true, ...(await exportPage(format, deps, configured, cursor)) };
}
