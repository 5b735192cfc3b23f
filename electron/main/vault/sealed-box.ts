// Authenticated encryption for data at rest: AES-256-GCM, a fresh 96-bit nonce per seal, and a
// context string (which case, which file or product) bound in as associated data, so a sealed
// blob moved to another case or product fails to open instead of showing the wrong customer.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('BDV1');
const NONCE = 12;
const TAG = 16;

export class SealedBoxError extends Error {}

export function isSealed(blob: Buffer): boolean {
  return blob.length >= MAGIC.length + NONCE + TAG && blob.subarray(0, MAGIC.length).equals(MAGIC);
}

export function seal(key: Buffer, context: string, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, context: string, blob: Buffer): Buffer {
  if (!isSealed(blob)) throw new SealedBoxError('not sealed');
  const nonce = blob.subarray(MAGIC.length, MAGIC.length + NONCE);
  const tag = blob.subarray(MAGIC.length + NONCE, MAGIC.length + NONCE + TAG);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(blob.subarray(MAGIC.length + NONCE + TAG)), decipher.final()]);
  } catch {
    throw new SealedBoxError('authentication failed');
  }
}
