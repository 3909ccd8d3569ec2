// A small icon and an English label per experience kind. The icon is decoration (aria-hidden): the label says it.

import type { JSX } from 'preact';
import { hasMessage, t } from './i18n';

/** "Article", "Video"...; "Item" for a kind this table does not know. */
export function kindLabel(kind: string): string {
  const key = `kind.${kind}`;
  return hasMessage(key) ? t(key) : t('kind.other');
}

const PATHS: Readonly<Record<string, string>> = {
  // A page with lines.
  article: 'M5 2h7l4 4v12H5zM12 2v4h4M8 9h5M8 12h5M8 15h3',
  // A screen with a play triangle.
  video: 'M2 4h16v12H2zM8 7.5v5l4.5-2.5z',
  // Headphones.
  audio: 'M3 14v-3a7 7 0 0 1 14 0v3M3 13h3v5H3zM14 13h3v5h-3z',
  podcast: 'M3 14v-3a7 7 0 0 1 14 0v3M3 13h3v5H3zM14 13h3v5h-3z',
  // An open book.
  book: 'M10 5C8 3.5 5 3 2 3.5V16c3-.5 6 0 8 1.5 2-1.5 5-2 8-1.5V3.5C15 3 12 3.5 10 5zM10 5v12.5',
};
const FALLBACK = 'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM10 7v4M10 13.5v.5';

export function KindIcon({ kind }: { kind: string }): JSX.Element {
  return (
    <svg
      class="tn-kind-icon"
      viewBox="0 0 20 20"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linejoin="round"
      stroke-linecap="round"
    >
      <path d={PATHS[kind] ?? FALLBACK} />
    </svg>
  );
}
