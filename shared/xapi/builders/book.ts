// "book read", logged by the learner (docs/xapi-profile.md § What is captured, book row).
import type { XapiStatement } from '../types';
import { toIsoDuration } from '../duration';
import { iriSegment, joinIri } from '../iri';
import { isbnUrn } from '../isbn';
import { langMap } from '../language';
import { cleanUrl } from '../url';
import { ACTIVITY_ID_BASE, ACTIVITY_TYPES, EXTENSIONS, verb } from '../vocab';
import { activity, assembleStatement, requiredText, singleLine, type StatementContext } from './context';

export interface BookReadInput {
  title: string;
  /** ISBN-10 or ISBN-13, hyphens allowed. An invalid one is ignored (the id falls back to url or title). */
  isbn?: string;
  url?: string;
  /** docs/policy.md `capture.keepQueryStrings` for `url`; default false, as in the policy. */
  keepQueryStrings?: boolean;
  author?: string;
  durationSeconds?: number;
  completed?: boolean;
}

/**
 * The book's id: `urn:isbn:<ISBN-13>` for a valid ISBN (ISBN-10 converted, see isbn.ts), else the cleaned URL,
 * else `${ACTIVITY_ID_BASE}/book/<slug of title>`. The last is shared by every learner who logs the same title,
 * which is what grouping readers needs; the price is that two books with one title share an id.
 */
export function bookActivityId(
  input: Pick<BookReadInput, 'title' | 'isbn' | 'url' | 'keepQueryStrings'>,
): string {
  const urn = input.isbn === undefined ? undefined : isbnUrn(input.isbn);
  if (urn !== undefined) return urn;
  const url = singleLine(input.url);
  if (url !== undefined) return cleanUrl(url, { keepQueryStrings: input.keepQueryStrings === true });
  return joinIri(`${ACTIVITY_ID_BASE}/book`, iriSegment(input.title));
}

export function buildBookRead(input: BookReadInput, ctx: StatementContext): XapiStatement {
  const title = requiredText(input.title, 'title', 'buildBookRead');
  const id = bookActivityId({ ...input, title });
  const url = singleLine(input.url);
  const moreInfo =
    url === undefined ? undefined : cleanUrl(url, { keepQueryStrings: input.keepQueryStrings === true });
  const author = singleLine(input.author);

  return assembleStatement(ctx, {
    verb: verb('read'),
    object: activity(id, {
      type: ACTIVITY_TYPES.book,
      name: langMap(title, ctx.language),
      moreInfo: moreInfo === id ? undefined : moreInfo,
      extensions: author === undefined ? undefined : { [EXTENSIONS.author]: author },
    }),
    result: {
      completion: typeof input.completed === 'boolean' ? input.completed : undefined,
      duration: input.durationSeconds === undefined ? undefined : toIsoDuration(input.durationSeconds),
    },
  });
}
