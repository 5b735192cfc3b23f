// The desk's one data key: made on first start, kept wrapped by the best key protector this host
// offers, and moved up to the OS key store when one becomes available (browser mode first, the
// desktop app later). A key wrapped by the OS key store is never silently replaced: without it the
// stored data cannot be read, and the desk says so instead of starting with a fresh key.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../errors';
import type { KeyProtection, KeyProtector } from '../../../native/key-protection/key-protector';

export const KEY_FILE = join('keys', 'data-key.json');

export class DataKeyError extends StartupError {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }

  banner(): string {
    return `Branch Desk cannot open its data key / 無法開啟資料金鑰\n  ${this.message}`;
  }
}

interface KeyFile {
  version: 1;
  protection: KeyProtection;
  wrapped: string;
  check: string;
  createdAt: string;
}

/** A check value stored beside the wrapped key, so a key unwrapped wrongly (another account's
 * keyring) is caught at start rather than as unreadable data later. */
const checkValue = (key: Buffer) =>
  createHmac('sha256', key).update('branch-desk data key check v1').digest().subarray(0, 16);

export interface LoadedDataKey {
  key: Buffer;
  protector: KeyProtector;
  /** What happened at this start, for the audit trail. */
  event: 'created' | 'opened' | 'moved-to-os-keystore';
}

/** `protectors`: what this host can use, best first (the first is used for new and upgraded keys). */
export function loadDataKey(
  dataDir: string,
  protectors: readonly KeyProtector[],
  now: Date,
  options: { create?: boolean } = {},
): LoadedDataKey {
  const best = protectors[0];
  if (!best) throw new DataKeyError('no key protector available');
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) {
    if (options.create === false) throw new DataKeyError(`there is no data key at ${path} yet`);
    const key = randomBytes(32);
    write(path, best, key, now);
    return { key, protector: best, event: 'created' };
  }
  let file: KeyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch {
    throw new DataKeyError(`${path} is damaged. / 金鑰檔已損毀。`);
  }
  const protector = protectors.find((p) => p.protection === file.protection);
  if (!protector) {
    throw new DataKeyError(
      `the data key is protected by the ${file.protection === 'os-keystore' ? 'OS key store' : file.protection}, which this way of starting the desk cannot use; start the desktop application. ` +
        `/ 資料金鑰受作業系統金鑰庫保護，請以桌面應用程式啟動。`,
    );
  }
  let key: Buffer;
  try {
    key = protector.unwrap(Buffer.from(file.wrapped, 'base64'));
  } catch {
    throw new DataKeyError(
      `${protector.description} could not unwrap the data key (another Windows account or a reset keyring?). / 無法以${protector.description}解開資料金鑰。`,
    );
  }
  const stored = Buffer.from(file.check ?? '', 'base64');
  const expected = checkValue(key);
  if (key.length !== 32 || stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
    throw new DataKeyError(
      `${protector.description} could not unwrap the data key: it unwrapped to a different key (another Windows account or a reset keyring?). / 無法以${protector.description}解開資料金鑰。`,
    );
  }
  if (protector.protection === 'file' && best.protection === 'os-keystore') {
    write(path, best, key, now);
    return { key, protector: best, event: 'moved-to-os-keystore' };
  }
  return { key, protector, event: 'opened' };
}

function write(path: string, protector: KeyProtector, key: Buffer, now: Date): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const file: KeyFile = {
    version: 1,
    protection: protector.protection,
    wrapped: protector.wrap(key).toString('base64'),
    check: checkValue(key).toString('base64'),
    createdAt: now.toISOString(),
  };
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(file, null, 2), { mode: 0o600 });
  renameSync(temporary, path); // whole or not at all: a half-written key file would lose every sealed record
}

/** For `desk doctor`: how the key is kept, without unwrapping it. */
export function describeDataKey(
  dataDir: string,
): { state: 'missing' } | { state: 'damaged' } | { state: 'present'; protection: KeyProtection; createdAt: string } {
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) return { state: 'missing' };
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    if (file.protection !== 'file' && file.protection !== 'os-keystore') return { state: 'damaged' };
    return { state: 'present', protection: file.protection, createdAt: file.createdAt };
  } catch {
    return { state: 'damaged' };
  }
}
