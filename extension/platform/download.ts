/**
 * Saving a file from an extension page (My learning's exports, the options page's settings export). `text` may
 * come in parts (an export read in pages): the Blob takes them as they are, never joined into one string.
 */
export function downloadFile({
  filename,
  mimeType,
  text,
}: {
  filename: string;
  mimeType: string;
  text: string | readonly string[];
}): void {
  const parts: string[] = typeof text === 'string' ? [text] : [...text];
  const url = URL.createObjectURL(new Blob(parts, { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
