/**
 * The SecretBox (core/settings-store.ts) on Electron's safeStorage: the OS keychain (macOS), DPAPI (Windows),
 * or the desktop's secret service (Linux). On Linux without one, safeStorage falls back to `basic_text`, a
 * fixed key that protects nothing: that counts as unavailable, and the store then refuses to keep secrets.
 */
import { safeStorage } from 'electron';
import type { SecretBox } from '../core/settings-store';

export function safeStorageBox(platform: string = process.platform): SecretBox {
  return {
    isAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    encrypt(plain) {
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(sealed) {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}
