// What the learner does to their record once items are frozen (docs/xapi-profile.md § Reflections): statements are
// immutable once sent, so a reflection or skills added later become a `commented` statement about the original,
// and deleting one sends a `voided` statement. The same rules for the extension (background) and the desktop
// app (its outbox window, the outbox's single writer). Pure: the outbox, the clock and the source are given.
import type { ItemMeta, Outbox, OutboxItem } from '../outbox';
import {
  buildCommented,
  buildVoided,
  freezeStatement,
  type StatementContext,
  type StatementSource,
} from '../xapi';
import { exportPages } from './export';
import { FOLLOW_UP_KINDS, parseStatement, type ExportFormat } from './view';

export interface RecordEnv {
  outbox: Outbox;
  now: () => number;
  /** Which app says the follow-up, and its version (the statements' source activity). */
  source: StatementSource;
}

export type RecordResult = { ok: boolean; error?: string };
type SkillRef = { id: string; name: string };

/** A follow-up is said by the original's actor, in its language, now. */
function followUpContext(original: OutboxItem, env: RecordEnv): StatementContext {
  const statement = parseStatement(original);
  if (!statement?.actor) throw new Error('The stored statement of this item cannot be read.');
  const now = env.now();
  return {
    id: crypto.randomUUID(),
    actor: statement.actor,
    timestamp: new Date(now),
    now: new Date(now),
    language: statement.context?.language,
    platform: '',
    source: env.source,
  };
}

/**
 * A reflection or skills added after the item was frozen: one `commented` statement about the original, with
 * every skill the learner now gives it (the original's and the added ones) so a skill query finds it. When
 * only skills were added, the response says so in words (a `commented` statement needs a response).
 * `changed` is false when there was nothing new to say (no statement queued).
 */
export async function addFollowUp(
  id: string,
  added: { reflection: string; addSkills: readonly SkillRef[] },
  env: RecordEnv,
): Promise<RecordResult & { changed?: boolean }> {
  const original = await env.outbox.get(id);
  if (!original || original.state === 'discarded')
    return { ok: false, error: 'This item is no longer in the outbox.' };
  if (original.state !== 'ready') return { ok: false, error: 'This item is not sent yet: edit it instead.' };
  if (original.meta.deleted) return { ok: false, error: 'This item was deleted.' };
  if (FOLLOW_UP_KINDS.has(original.meta.kind))
    return { ok: false, error: 'Add reflections to the item itself.' };
  const known = new Set((original.meta.skills ?? []).map((s) => s.id));
  const newSkills: SkillRef[] = [];
  for (const skill of added.addSkills) {
    if (known.has(skill.id)) continue;
    known.add(skill.id);
    newSkills.push({ id: skill.id, name: skill.name });
  }
  const reflection = added.reflection.trim();
  if (!reflection && newSkills.length === 0) return { ok: true, changed: false }; // nothing new to say
  const skills = [...(original.meta.skills ?? []), ...newSkills];
  const ctx = followUpContext(original, env);
  const response = reflection || `Skills added: ${newSkills.map((s) => s.name).join(', ')}`;
  const statement = buildCommented({ originalId: original.id, reflection: response, skills }, ctx);
  const at = env.now();
  await env.outbox.followUp(
    original.id,
    {
      id: statement.id,
      json: freezeStatement(statement),
      meta: { kind: 'comment', title: original.meta.title, skills, reflection: reflection || undefined },
    },
    at,
    (meta): ItemMeta => ({
      ...meta,
      skills,
      comments: [
        ...(meta.comments ?? []),
        {
          id: statement.id,
          at,
          ...(reflection ? { reflection } : {}),
          ...(newSkills.length ? { skills: newSkills } : {}),
        },
      ],
    }),
    (current) => current.meta.deleted !== undefined, // deleted meanwhile: nothing more about it
  );
  return { ok: true, changed: true };
}

/**
 * An update (the full skills and reflection, as an item card sends them) for an item that is frozen
 * meanwhile: what is new in it becomes a follow-up. A reflection equal to one already given is not new.
 */
export function followUpOf(
  item: OutboxItem,
  update: { skills: readonly SkillRef[]; reflection: string },
): { reflection: string; addSkills: SkillRef[] } {
  const said = new Set([
    item.meta.reflection ?? '',
    ...(item.meta.comments ?? []).map((c) => c.reflection ?? ''),
  ]);
  const reflection = update.reflection.trim();
  return { reflection: said.has(reflection) ? '' : reflection, addSkills: [...update.skills] };
}

/**
 * Delete an item. Unsent (held, in review): discarded, nothing is sent. Frozen: a `voided` statement is queued
 * for the destinations of the original and the item is kept as a tombstone (`meta.deleted`), hidden from the
 * learner's views but tracked until the void is sent; the comments sent about it are voided as well. Deleting
 * twice does nothing more. `queued` is true when a void was queued (the caller then asks for a sync).
 */
export async function deleteItem(id: string, env: RecordEnv): Promise<RecordResult & { queued?: boolean }> {
  const item = await env.outbox.get(id);
  if (!item || item.state === 'discarded' || item.meta.deleted) return { ok: true };
  if (FOLLOW_UP_KINDS.has(item.meta.kind))
    return { ok: false, error: 'A follow-up is deleted with the item it belongs to.' };
  if (item.state !== 'ready') {
    await env.outbox.discard(id);
    return { ok: true };
  }
  // The comments about it go too: each is a statement of its own that the LRS would keep showing. Each void is
  // recorded on what it voids (`meta.deleted`) in the same transaction, so a retry never voids anything twice.
  for (const comment of item.meta.comments ?? []) {
    const queued = await env.outbox.get(comment.id);
    if (!queued || queued.state !== 'ready' || queued.meta.deleted) continue;
    await voidItem(queued, env);
  }
  await voidItem(item, env);
  return { ok: true, queued: true };
}

async function voidItem(item: OutboxItem, env: RecordEnv): Promise<void> {
  const statement = buildVoided({ originalId: item.id }, followUpContext(item, env));
  const at = env.now();
  await env.outbox.followUp(
    item.id,
    { id: statement.id, json: freezeStatement(statement), meta: { kind: 'void', title: item.meta.title } },
    at,
    (meta) => ({ ...meta, deleted: { at, voidId: statement.id } }),
    (current) => current.meta.deleted !== undefined, // deleted twice at once: one void
  );
}

export interface RecordFile {
  filename: string;
  mimeType: string;
  text: string;
}

/**
 * The whole export as one text (./export.ts has the rules), for callers that hand over one file at once; read
 * page by page all the same. Writers that can take the file in pages use exportPages.
 */
export async function exportRecord(
  format: ExportFormat,
  env: Pick<RecordEnv, 'outbox' | 'now'>,
  configured: readonly string[],
): Promise<RecordFile> {
  const parts: string[] = [];
  let file: Omit<RecordFile, 'text'> | undefined;
  for await (const page of exportPages(format, env, configured)) {
    file ??= { filename: page.filename, mimeType: page.mimeType };
    parts.push(page.text);
  }
  return { ...file!, text: parts.join('') };
}
