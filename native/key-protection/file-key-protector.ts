// The fallback where no OS key store is reachable (browser mode, CI, a server without a keyring):
// the key sits in a file readable only by this account. That keeps it from a copied database but
// not from anyone who can read this account's files; `desk doctor` says so.
import type { KeyProtector } from './key-protector';

export const fileKeyProtector: KeyProtector = {
  protection: 'file',
  description: 'key file readable only by this account (no OS key store in use)',
  wrap: (key) => Buffer.from(key),
  unwrap: (wrapped) => Buffer.from(wrapped),
};
