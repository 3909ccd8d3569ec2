// "article read" (docs/xapi-profile.md § What is captured, article row).
import type { XapiStatement } from '../types';
import { toIsoDuration } from '../duration';
import { langMap } from '../language';
import { canonicalUrl, cleanUrl } from '../url';
import { ACTIVITY_TYPES, EXTENSIONS, verb } from '../vocab';
import {
  activity,
  assembleStatement,
  fraction3,
  singleLine,
  optionalText,
  type StatementContext,
} from './context';

export interface ArticleReadInput {
  /** The address of the page as the learner visited it. */
  url: string;
  /** The page's `<link rel=canonical>` href, as written (may be relative). */
  canonicalHref?: string;
  /** docs/policy.md `capture.keepQueryStrings`. */
  keepQueryStrings: boolean;
  title: string;
  description?: string;
  /** Engaged reading time (page visible, window focused, learner active). */
  engagedSeconds: number;
  /** Whether the policy's reading threshold was met. */
  completed: boolean;
  /** How far down the page the learner scrolled, 0..1. */
  scrollDepth?: number;
  wordCount?: number;
}

export function buildArticleRead(input: ArticleReadInput, ctx: StatementContext): XapiStatement {
  const cleaning = { keepQueryStrings: input.keepQueryStrings };
  const id = canonicalUrl(input.url, { ...cleaning, canonicalHref: input.canonicalHref });
  const title = singleLine(input.title) ?? id;
  const description = optionalText(input.description);
  const wordCount =
    typeof input.wordCount === 'number' && Number.isFinite(input.wordCount) && input.wordCount > 0
      ? Math.round(input.wordCount)
      : undefined;
  const scrollDepth = fraction3(input.scrollDepth);

  return assembleStatement(ctx, {
    verb: verb('read'),
    object: activity(id, {
      type: ACTIVITY_TYPES.article,
      name: langMap(title, ctx.language),
      description: description === undefined ? undefined : langMap(description, ctx.language),
      // The address actually visited (it may differ from the canonical id), cleaned by the same policy.
      moreInfo: cleanUrl(input.url, cleaning),
      extensions: wordCount === undefined ? undefined : { [EXTENSIONS.wordCount]: wordCount },
    }),
    result: {
      completion: input.completed === true,
      duration: toIsoDuration(input.engagedSeconds),
      extensions: scrollDepth === undefined ? undefined : { [EXTENSIONS.scrollDepth]: scrollDepth },
    },
  });
}
