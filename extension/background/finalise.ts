/**
 * A finished session becomes an outbox item: shared/capture decides whether it counts (policy thresholds),
 * shared/xapi builds the statement, and the item is held for the policy's hold time (or review).
 */
import { readingVerdict } from '../../shared/capture';
import { pdfTitle, pdfVerdict } from '../../shared/capture/pdf';
import type { NewItem } from '../../shared/outbox';
import { activityDecision, type Settings } from '../../shared/policy';
import {
  buildArticleRead,
  buildMediaPlayed,
  freezeStatement,
  hostOf,
  mediaPlayedInput,
  type ArticleReadInput,
  type StatementContext,
  type XapiAgent,
} from '../../shared/xapi';
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

function statementContext(
  ctx: FinaliseContext,
  session: Session,
  url: string,
  startedAt: number,
  lang?: string,
): StatementContext {
  return {
    id: session.statementId,
    actor: ctx.actor,
    timestamp: new Date(startedAt),
    now: new Date(ctx.now),
    language: lang,
    platform: hostOf(url),
    source: { surface: 'extension', version: ctx.version },
  };
}

function item(
  ctx: FinaliseContext,
  statement: ReturnType<typeof buildArticleRead>,
  meta: NewItem['meta'],
): NewItem {
  const capture = ctx.settings.capture;
  return {
    id: statement.id,
    json: freezeStatement(statement),
    meta,
    review: capture.reviewBeforeSync,
    holdUntil: ctx.now + capture.holdMinutes * 60_000,
  };
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
  const sctx = statementContext(ctx, session, meta.url, state.startedAt, meta.lang);
  const statement = buildArticleRead(input, sctx);
  return item(ctx, statement, {
    kind: 'article',
    title: input.title,
    url: meta.url,
    source: 'extension',
    details: { engagedSeconds: Math.round(verdict.engagedSeconds), scrollDepth: verdict.scrollDepth },
    draft: { builder: 'article', input, context: { ...sctx, timestamp: sctx.timestamp.toISOString() } },
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
  const sctx = statementContext(ctx, session, page.url, state.firstPlayAt ?? session.lastEventAt, page.lang);
  const statement = buildMediaPlayed(input, sctx);
  return item(ctx, statement, {
    kind,
    title,
    url: page.url,
    source: 'extension',
    details: { playedSeconds: Math.round(verdict.playedSeconds), progress: verdict.progress ?? 0 },
    draft: { builder: 'media', input, context: { ...sctx, timestamp: sctx.timestamp.toISOString() } },
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
  const sctx = statementContext(ctx, session, state.url, state.startedAt);
  const statement = buildArticleRead(input, sctx);
  return item(ctx, statement, {
    kind: 'article',
    title: input.title,
    url: state.url,
    source: 'extension',
    details: { engagedSeconds: Math.round(verdict.engagedSeconds) },
    draft: { builder: 'article', input, context: { ...sctx, timestamp: sctx.timestamp.toISOString() } },
  });
}
