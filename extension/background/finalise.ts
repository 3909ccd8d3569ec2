/**
 * A finished session becomes an outbox item: shared/capture decides whether it counts (policy thresholds),
 * shared/learner/items.ts builds the item (statement and draft), held for the policy's hold time (or review).
 */
import { mediaPlayedInput, readingVerdict } from '../../shared/capture';
import { pdfTitle, pdfVerdict } from '../../shared/capture/pdf';
import type { DraftRecipe } from '../../shared/learner/drafts';
import { holdFor, newItem } from '../../shared/learner/items';
import type { ItemMeta, NewItem } from '../../shared/outbox';
import { activityDecision, type Settings } from '../../shared/policy';
import { hostOf, type ArticleReadInput, type XapiAgent } from '../../shared/xapi';
import type { MediaSession, PdfSession, ReadingSession, Session } from './sessions';

export interface FinaliseContext {
  settings: Settings;
  actor: XapiAgent;
  now: number;
  version: string;
}

/** The outbox item for a finished session, or undefined when it does not count. */
export function finaliseSession(session: Session, ctx: FinaliseContext): NewItem | undefined {
  switch (session.kind) {
    case 'reading':
      return finaliseReading(session, ctx);
    case 'media':
      return finaliseMedia(session, ctx);
    case 'pdf':
      return finalisePdf(session, ctx);
  }
}

/** The session's item through the shared maker (shared/learner/items.ts): its own id, held per the policy. */
function item(
  ctx: FinaliseContext,
  session: Session,
  recipe: DraftRecipe,
  at: { url: string; startedAt: number; lang?: string },
  meta: Omit<ItemMeta, 'skills' | 'reflection' | 'source' | 'draft'>,
): NewItem {
  return newItem(
    recipe,
    { actor: ctx.actor, source: { surface: 'extension', version: ctx.version } },
    {
      id: session.statementId,
      timestamp: new Date(at.startedAt),
      now: ctx.now,
      platform: hostOf(at.url),
      language: at.lang,
      meta,
      hold: holdFor(ctx.settings.capture, ctx.now),
    },
  );
}

function finaliseReading(session: ReadingSession, ctx: FinaliseContext): NewItem | undefined {
  const { state } = session;
  const meta = state.meta;
  if (!meta || state.startedAt === null) return undefined;
  // The URL the statement names (its canonical link, same site only) must be allowed too (docs/policy.md).
  if (!activityDecision(meta, ctx.settings.capture).capture) return undefined;
  const verdict = readingVerdict(state, ctx.now, {
    articleMinSeconds: ctx.settings.capture.articleMinSeconds,
  });
  if (!verdict.counts) return undefined;
  const input: ArticleReadInput = {
    url: meta.url,
    canonicalHref: meta.canonicalHref,
    keepQueryStrings: ctx.settings.capture.keepQueryStrings,
    title: meta.title || meta.url,
    description: meta.description,
    engagedSeconds: verdict.engagedSeconds,
    completed: verdict.counts,
    scrollDepth: verdict.scrollDepth,
    wordCount: meta.wordCount,
  };
  const at = { url: meta.url, startedAt: state.startedAt, lang: meta.lang };
  return item(ctx, session, { builder: 'article', input }, at, {
    kind: 'article',
    title: input.title,
    url: meta.url,
    details: { engagedSeconds: Math.round(verdict.engagedSeconds), scrollDepth: verdict.scrollDepth },
  });
}

function finaliseMedia(session: MediaSession, ctx: FinaliseContext): NewItem | undefined {
  const { state, page } = session;
  if (!state.media) return undefined;
  if (!activityDecision(page, ctx.settings.capture).capture) return undefined;
  const kind = state.media.kind;
  const ms = page.mediaSession;
  const title = ms?.title || state.media.title || page.title || page.url;
  const outcome = mediaPlayedInput(
    state,
    {
      kind,
      url: page.url,
      canonicalHref: page.canonicalHref,
      title,
      artist: ms?.artist,
      album: ms?.album || undefined,
      audio: {
        pageUrl: page.url,
        feedLinks: page.feedLinks,
        jsonLdTypes: page.jsonLdTypes,
        ogType: page.ogType,
        title: ms?.title ?? page.title,
        artist: ms?.artist,
        album: ms?.album,
        source: 'web',
      },
    },
    ctx.settings.capture,
  );
  if ('skipped' in outcome) return undefined;
  const { input, verdict } = outcome;
  const at = { url: page.url, startedAt: state.firstPlayAt ?? session.lastEventAt, lang: page.lang };
  return item(ctx, session, { builder: 'media', input }, at, {
    kind,
    title,
    url: page.url,
    details: { playedSeconds: Math.round(verdict.playedSeconds), progress: verdict.progress ?? 0 },
  });
}

/** A PDF read in the browser's viewer: an article with the time the tab was shown, focused and the person active. */
function finalisePdf(session: PdfSession, ctx: FinaliseContext): NewItem | undefined {
  const { state } = session;
  if (state.startedAt === null) return undefined;
  const verdict = pdfVerdict(state, ctx.now, { articleMinSeconds: ctx.settings.capture.articleMinSeconds });
  if (!verdict.counts) return undefined;
  const input: ArticleReadInput = {
    url: state.url,
    keepQueryStrings: ctx.settings.capture.keepQueryStrings,
    title: pdfTitle(state),
    engagedSeconds: verdict.engagedSeconds,
    completed: verdict.counts,
  };
  return item(
    ctx,
    session,
    { builder: 'article', input },
    { url: state.url, startedAt: state.startedAt },
    {
      kind: 'article',
      title: input.title,
      url: state.url,
      details: { engagedSeconds: Math.round(verdict.engagedSeconds) },
    },
  );
}
