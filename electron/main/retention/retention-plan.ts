// What retention deletes or expires, and why: read from the store a slice at a time (indexed by
// state and expiry), so a backlog of thirty thousand cases is never one query or one block of work.
import type { Db } from '../store/database';
import type { CaseRow } from '../cases/case-rows';
import { DAY_MS, taiwanDay } from '../../../common/taiwan-day';

export interface PurgePlanItem {
  kind: 'expire-authorization' | 'purge-product' | 'purge-case';
  caseId: number;
  state: string;
  dueAt: string;
  why: string;
  products: string[];
  pages: number;
}

export const ENDED_STATES = "('data_received', 'rejected', 'authorization_expired')";
const NOT_YET_SENT = "('authorization_captured', 'awaiting_approval', 'sent_back', 'approved', 'queued')";

/** When the form images of a case that ends without data go: the longest window of its products. */
export function formsKeptUntil(productsJson: string, retentionDays: Record<string, number>, now: Date): string {
  const days = Math.max(...(JSON.parse(productsJson) as string[]).map((p) => retentionDays[p] ?? 3));
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** What is due at `now` (the retention clock's time), at most `limit` items, one kind at a time:
 * lapsed authorizations, then whole cases, then single products of cases not yet due as a whole.
 * Each query walks its own index range and stops at the limit (a LIMIT bound as a parameter makes
 * SQLite re-plan every call: hence the CAST). */
export function planRetention(db: Pick<Db, 'prepare'>, now: Date, limit: number): PurgePlanItem[] {
  const at = now.toISOString();
  const cap = Number.isFinite(limit) ? limit : -1; // SQLite: a negative LIMIT is no limit
  const lapsed = db
    .prepare(`SELECT * FROM cases WHERE state IN ${NOT_YET_SENT} AND valid_until < ? LIMIT CAST(? AS INTEGER)`)
    .all(taiwanDay(now), cap) as CaseRow[];
  const items: PurgePlanItem[] = lapsed.map((r) =>
    item(
      db,
      r,
      'expire-authorization',
      `authorization valid until ${r.valid_until} has lapsed before submission: the case expires`,
      r.valid_until!,
    ),
  );
  const room = () => (cap < 0 ? -1 : cap - items.length);
  if (room() === 0) return items;
  const due = db
    .prepare(`SELECT * FROM cases WHERE state IN ${ENDED_STATES} AND data_expires_at <= ? LIMIT CAST(? AS INTEGER)`)
    .all(at, room()) as CaseRow[];
  for (const r of due)
    items.push(
      item(
        db,
        r,
        'purge-case',
        `retention window ended ${r.data_expires_at}: returned data and form images are deleted`,
        r.data_expires_at!,
      ),
    );
  if (room() === 0 || (cap >= 0 && due.length > 0)) return items;
  // Products on their own day: only once no whole case is due (their rows would go with it).
  const products = db
    .prepare(
      `SELECT r.case_id, r.product, r.expires_at, c.state FROM case_results r JOIN cases c ON c.id = r.case_id
       WHERE r.expires_at <= ? AND NOT (c.state IN ${ENDED_STATES} AND c.data_expires_at <= ?) LIMIT CAST(? AS INTEGER)`,
    )
    .all(at, at, room()) as { case_id: number; product: string; expires_at: string; state: string }[];
  for (const r of products)
    items.push({
      kind: 'purge-product',
      caseId: r.case_id,
      state: r.state,
      dueAt: r.expires_at,
      why: `${r.product} retention window ended ${r.expires_at}: that product's data is deleted`,
      products: [r.product],
      pages: 0,
    });
  return items.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}

function item(
  db: Pick<Db, 'prepare'>,
  r: CaseRow,
  kind: PurgePlanItem['kind'],
  why: string,
  dueAt: string,
): PurgePlanItem {
  return {
    kind,
    caseId: r.id,
    state: r.state,
    dueAt,
    why,
    products: (db.prepare('SELECT product FROM case_results WHERE case_id = ?').all(r.id) as { product: string }[]).map(
      (x) => x.product,
    ),
    pages: (db.prepare('SELECT COUNT(*) AS n FROM case_pages WHERE case_id = ?').get(r.id) as { n: number }).n,
  };
}

/** When the soonest held data is due for deletion (ISO), or null when nothing is held. */
export function nextExpiry(db: Pick<Db, 'prepare'>): string | null {
  const next = db
    .prepare(
      `SELECT MIN(at) AS at FROM (SELECT MIN(data_expires_at) AS at FROM cases WHERE state IN ${ENDED_STATES}
      UNION ALL SELECT MIN(expires_at) FROM case_results)`,
    )
    .get() as { at: string | null };
  return next.at;
}
