/**
 * The extension's fixed identity. Chrome derives an unpacked or self-hosted extension's id from the manifest's
 * public `key`, so admins can address it in enterprise policy (docs/policy.md); Firefox uses the gecko id.
 * The private key is not needed to load the extension; the Chrome Web Store signs with its own.
 */
export const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnWMdEz2+KsC+w2W71kiLZ8oc55DLYEZN57vFAGFUkRIVjp9x8EfN8ih2sYAhHOGalB8dGY5lhNY1F9qgroKETw+IOwyMlm+CmGtWIOkKDoiDDdOwGR7fkrTK0Cm734MxrMwxljivW3YMN6PYVF/8WSfad9s1ZB9GmhU3VQTNdqbk7Sjg9c7hDqIslafbSRft5BFQCXyD91qpJnJNSf5VVd/fxncir0vFxbWiKqaHWgKmGkqTQPHPE+8oeA008dfBcwzA/lcBZ9bfJeQmnuaMGjKyQkuj+EAJYe0bO9BkaFJtWHSIw7oZqCqHqeaoSUiUDTA5HgWnwG0udypXhm6UhQIDAQAB';

/** = the first 32 hex digits of sha256(public key DER), mapped 0-f → a-p (checked by identity.test.ts). */
export const CHROME_EXTENSION_ID = 'kcbmmnmnelilmdjcbjifjcjahgepbchi';

export const GECKO_ID = 'trailnote@trailnote.app';
