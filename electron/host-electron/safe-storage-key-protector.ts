// The OS key store as Electron offers it (safeStorage): DPAPI for this Windows account, the macOS
// Keychain, or the Linux login keyring. Linux without a keyring falls back to a fixed password
// ("basic_text"), which protects nothing, so the desk then keeps its key file instead and says so.
import { safeStorage } from 'electron';
import type { KeyProtector } from '../../native/key-protection/key-protector';

export function safeStorageKeyProtector(): KeyProtector | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  let where: string;
  if (process.platform === 'win32') where = 'Windows DPAPI';
  else if (process.platform === 'darwin') where = 'macOS Keychain';
  else {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return null;
    where = `login keyring (${backend})`;
  }
  return {
    protection: 'os-keystore',
    description: `${where} via Electron safeStorage`,
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}
