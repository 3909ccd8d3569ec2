import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, CHROME_PUBLIC_KEY } from './identity';

describe('extension identity', () => {
  it('has the id Chrome derives from the manifest key', () => {
    const hex = createHash('sha256')
      .update(Buffer.from(CHROME_PUBLIC_KEY, 'base64'))
      .digest('hex')
      .slice(0, 32);
    const id = [...hex].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
    expect(id).toBe(CHROME_EXTENSION_ID);
  });
});
