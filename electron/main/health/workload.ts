// What the desk holds, for support: cases by state, the outbox, the next deletion. Read-only, so
// `desk doctor` can run it on a store the desk has open.
import type Database from 'better-sqlite3';
import { nextExpiry } from '../retention/retention-plan';

export interface Workload {
  casesByState: Record<string, number>;
  outboxPending: number;
  /** Cases that will not be sent until IT looks (form altered after approval, or refused). */
  outboxFailed: number;
  oldestPendingSince: string | null;
  nextExpiry: string | null;
  /** The latest time the clock was found to have gone back (the desk records it as it happens). */
  clockMovedBack: { lastEntryAt: string; now: string; minutes: number } | null;
  /** The last start that found the data directory too open, and what it closed. */
  permissionsTightened: { at: string; paths: string[] } | null;
}

export function workload(db: Pick<Database.Database, 'prepare'>): Workload {
  const states = db.prepare('SELECT state, COUNT(*) AS n FROM cases GROUP BY state ORDER BY state').all() as {
    state: string;
    n: number;
  }[];
  const outbox = db
    .prepare(
      `SELECT
      COALESCE(SUM(CASE WHEN o.state = 'pending' THEN 1 ELSE 0 END), 0) AS pending,
      COALESCE(SUM(CASE WHEN o.state = 'failed' AND c.state = 'queued' THEN 1 ELSE 0 END), 0) AS failed,
      MIN(CASE WHEN o.state = 'pending' THEN c.updated_at END) AS oldest
    FROM outbox o JOIN cases c ON c.id = o.case_id`,
    )
    .get() as { pending: number; failed: number; oldest: string | null };
  return {
    casesByState: Object.fromEntries(states.map((s) => [s.state, s.n])),
    outboxPending: outbox.pending,
    outboxFailed: outbox.failed,
    oldestPendingSince: outbox.oldest,
    nextExpiry: nextExpiry(db),
    clockMovedBack: metaJson(db, 'clock_moved_back'),
    permissionsTightened: metaJson(db, 'permissions_tightened'),
  };
}

function metaJson<T>(db: Pick<Database.Database, 'prepare'>, key: string): T | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}
