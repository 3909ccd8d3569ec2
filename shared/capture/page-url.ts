/**
 * The page a URL names: the URL without its fragment. Moving to an anchor on the same page (a table of contents)
 * is not a new page, so it neither ends a reading session nor starts a media item.
 * One rule for the detectors and the background.
 */
export function withoutHash(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? href : href.slice(0, i);
}
