// How an audit row is chained and signed: a SHA-256 over its content and the previous row's hash,
// and a MAC of that hash under a key derived from the data key. One definition for writing and
// verifying.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_employee_id: string | null;
  action: string;
  target: string | null;
  case_id: number | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

export type AuditContent = Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'mac'>;

export const GENESIS = '0'.repeat(64);

/** How far back the clock may step between consecutive entries before it counts as going back. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export function rowHash(prev: string, r: AuditContent): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.at, r.actor_id, r.actor_employee_id, r.action, r.target, r.case_id, r.detail]))
    .digest('hex');
}

export const rowMac = (key: Buffer, hash: string) => createHmac('sha256', key).update(hash).digest('hex');

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
