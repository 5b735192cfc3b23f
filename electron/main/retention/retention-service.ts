// Nothing outlives its window: returned data and form images are deleted when the case's window
// ends (policy, per product), and authorizations past their validity expire before they are used.
// One timer for the soonest expiry, and a sweep at start-up for whatever came due while the desk
// was closed. A purged case keeps its history and audit, never the data.
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { CaseService } from '../cases/case-service';
import type { CaseRow } from '../cases/case-rows';
import type { FormStore } from '../cases/form-store';
import { taiwanDay } from '../../../common/taiwan-day';
import { DAY_MS } from '../../../common/taiwan-day';

export interface PurgePlanItem {
  kind: 'expire-authorization' | 'purge-product' | 'purge-case';
  caseId: number;
  state: string;
  dueAt: string;
  why: string;
  products: string[];
  pages: number;
}

const ENDED = "('data_received', 'rejected', 'authorization_expired')";
const NOT_YET_SENT = "('authorization_captured', 'awaiting_approval', 'approved', 'queued')";
/** When the form images of a case that ends without data go: the longest window of its products. */
export function formsKeptUntil(productsJson: string, retentionDays: Record<string, number>, now: Date): string {
  const days = Math.max(...(JSON.parse(productsJson) as string[]).map((p) => retentionDays[p] ?? 3));
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** Even a far expiry is re-checked this often, so a changed clock is noticed. */
const MAX_TIMER_MS = 60_000;

export class RetentionService {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly cases: CaseService,
    private readonly forms: FormStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly retentionDays: Record<string, number>,
  ) {}

  /** What would be deleted or expired now, and why (for `desk purge --dry-run`). */
  plan(): PurgePlanItem[] {
    const now = this.clock.now().toISOString();
    const today = taiwanDay(now);
    const due = this.db
      .prepare(
        `SELECT * FROM cases WHERE state IN ${ENDED} AND data_expires_at IS NOT NULL AND data_expires_at <= ? ORDER BY data_expires_at`,
      )
      .all(now) as CaseRow[];
    const lapsed = this.db
      .prepare(
        `SELECT * FROM cases WHERE state IN ${NOT_YET_SENT} AND valid_until IS NOT NULL AND valid_until < ? ORDER BY valid_until`,
      )
      .all(today) as CaseRow[];
    const items = (r: CaseRow, kind: PurgePlanItem['kind'], why: string, dueAt: string): PurgePlanItem => ({
      kind,
      caseId: r.id,
      state: r.state,
      dueAt,
      why,
      products: (
        this.db.prepare('SELECT product FROM case_results WHERE case_id = ?').all(r.id) as { product: string }[]
      ).map((x) => x.product),
      pages: (this.db.prepare('SELECT COUNT(*) AS n FROM case_pages WHERE case_id = ?').get(r.id) as { n: number }).n,
    });
    // A product with a shorter window than the case's others goes on its own day.
    const dueIds = new Set(due.map((r) => r.id));
    const products = (
      this.db
        .prepare(
          'SELECT r.case_id, r.product, r.expires_at, c.state FROM case_results r JOIN cases c ON c.id = r.case_id WHERE r.expires_at <= ? ORDER BY r.expires_at',
        )
        .all(now) as { case_id: number; product: string; expires_at: string; state: string }[]
    ).filter((r) => !dueIds.has(r.case_id));
    return [
      ...lapsed.map((r) =>
        items(
          r,
          'expire-authorization',
          `authorization valid until ${r.valid_until} has lapsed before submission: the case expires`,
          r.valid_until!,
        ),
      ),
      ...products.map((r): PurgePlanItem => ({
        kind: 'purge-product',
        caseId: r.case_id,
        state: r.state,
        dueAt: r.expires_at,
        why: `${r.product} retention window ended ${r.expires_at}: that product's data is deleted`,
        products: [r.product],
        pages: 0,
      })),
      ...due.map((r) =>
        items(
          r,
          'purge-case',
          `retention window ended ${r.data_expires_at}: returned data and form images are deleted`,
          r.data_expires_at!,
        ),
      ),
    ];
  }

  /** Applies the plan. Returns what was done. */
  sweep(): PurgePlanItem[] {
    const plan = this.plan();
    for (const item of plan) {
      if (item.kind === 'expire-authorization') this.expireAuthorization(item.caseId);
      else if (item.kind === 'purge-product') this.purgeProduct(item);
      else this.purge(item.caseId, item);
    }
    // Deleted data leaves the files now: secure_delete zeroes it in the pages, and a truncating
    // checkpoint moves those pages into the main file and empties the WAL that still held them.
    if (plan.some((item) => item.kind !== 'expire-authorization')) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.schedule();
    return plan;
  }

  private expireAuthorization(caseId: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          "UPDATE outbox SET state = 'failed', last_error = 'authorization expired' WHERE case_id = ? AND state = 'pending'",
        )
        .run(caseId);
      const row = this.cases.row(caseId);
      // Like a rejected case, its form stays for the policy's window so staff can see what happened.
      this.cases.transition(
        caseId,
        'authorization_expired',
        null,
        `authorization valid until ${row.valid_until} lapsed`,
        { data_expires_at: formsKeptUntil(row.products, this.retentionDays, this.clock.now()) },
      );
    })();
  }

  private purge(caseId: number, item: PurgePlanItem): void {
    const files = this.cases.pages(caseId).map((p) => p.stored_as);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM case_results WHERE case_id = ?').run(caseId);
      this.db.prepare('DELETE FROM case_pages WHERE case_id = ?').run(caseId);
      this.audit.record({
        actor: null,
        action: 'retention.purged',
        caseId,
        detail: { products: item.products, pages: item.pages, dueAt: item.dueAt },
      });
      // The identity goes with the data: only its masks and keyed hashes stay with the history.
      this.cases.transition(caseId, 'purged', null, 'retention window ended', { subject_sealed: null });
    })();
    // Files go after the rows: a crash in between leaves orphan files that the next sweep removes.
    for (const f of files) this.forms.remove(caseId, f);
    this.forms.removeCase(caseId);
  }

  private purgeProduct(item: PurgePlanItem): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM case_results WHERE case_id = ? AND product = ?').run(item.caseId, item.products[0]);
      this.audit.record({
        actor: null,
        action: 'retention.product_purged',
        caseId: item.caseId,
        detail: { product: item.products[0], dueAt: item.dueAt },
      });
    })();
  }

  /** Removes form folders of cases already purged (a crash between the database and the disk). */
  removeOrphans(): void {
    const purged = this.db.prepare("SELECT id FROM cases WHERE state = 'purged'").all() as { id: number }[];
    for (const { id } of purged) this.forms.removeCase(id);
  }

  /** One timer, for the soonest expiry (or a minute, whichever is sooner). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const next = nextExpiry(this.db);
    const wait = next
      ? Math.max(0, Math.min(MAX_TIMER_MS, Date.parse(next) - this.clock.now().getTime()))
      : MAX_TIMER_MS;
    this.timer = setTimeout(() => this.sweep(), wait);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** When the soonest held data is due for deletion (ISO), or null when nothing is held. */
export function nextExpiry(db: Pick<Db, 'prepare'>): string | null {
  const next = db
    .prepare(
      `SELECT MIN(at) AS at FROM (SELECT MIN(data_expires_at) AS at FROM cases WHERE state IN ${ENDED}
    UNION ALL SELECT MIN(expires_at) FROM case_results)`,
    )
    .get() as { at: string | null };
  return next.at;
}
