/**
 * Stand-ins for the settings store's file and safeStorage, for the unit tests and the Chromium harness.
 */
import type { SecretBox, TextFile } from '../core/settings-store';

/** A settings file in memory; `text` is what was last written. */
export function memoryFile(initial?: string): TextFile & { text: string | undefined } {
  const file = {
    text: initial,
    read: () => Promise.resolve(file.text),
    write: (t: string) => {
      file.text = t;
      return Promise.resolve();
    },
  };
  return file;
}

/** A reversible stand-in for safeStorage, so a test can tell sealed from plain text. */
export const sealingBox = (available = true): SecretBox => ({
  isAvailable: () => available,
  encrypt: (plain) => `sealed:${Buffer.from(plain).toString('base64')}`,
  decrypt: (sealed) => {
    if (!sealed.startsWith('sealed:')) throw new Error('cannot open');
    return Buffer.from(sealed.slice(7), 'base64').toString();
  },
});
