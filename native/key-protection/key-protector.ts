// How the desk's data key is kept on this machine. The data key encrypts tax data and signed forms
// at rest; a protector wraps it so that copying the data directory alone does not reveal them.
export type KeyProtection = 'os-keystore' | 'file';

export interface KeyProtector {
  /** 'os-keystore': bound to this Windows account (DPAPI) or the login keyring; 'file': a key file only this account can read. */
  readonly protection: KeyProtection;
  /** What `desk doctor` prints, e.g. "Windows DPAPI via Electron safeStorage". */
  readonly description: string;
  wrap(key: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}
