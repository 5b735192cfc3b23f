// The OS key store as Electron offers it (safeStorage): DPAPI for this Windows account, the macOS
// Keychain, or the Linux login keyring. Linux without a keyring falls back to a fixed password
// ("basic_text"), which protects nothing, so the desk then keeps its key file instead and says so.
// safeStorage and the platform come in as parameters so a stand-in can be tested without Electron.
import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../../native/key-protection/key-protector';

export type SafeStorageParts = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

export function safeStorageKeyProtector(
  safeStorage: SafeStorageParts,
  platform: NodeJS.Platform = process.platform,
): KeyProtector | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  let where: string;
  if (platform === 'win32') where = 'Windows DPAPI';
  else if (platform === 'darwin') where = 'macOS Keychain';
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
