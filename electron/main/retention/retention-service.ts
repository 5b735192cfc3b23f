// Nothing outlives its window: returned data and form images are deleted when the case's window
// ends (policy, per product), and authorizations past their validity expire before they are used.
// One timer for the soonest expiry, and a sweep just after start-up for whatever came due while the
// desk was closed. A sweep works in slices (at most 100 cases or 10 ms each) and yields between
// them, its checkpoints run in a worker, files are removed asynchronously, so a long weekend's backlog never holds up the desk; what
// is due is hidden from the moment it is due by the queries themselves (ResultStore), not by the
// sweep. Decisions read the retention clock, never behind the latest time seen. A purged case keeps
// its history and audit, never the data.
import { readdir, rm } from 'node:fs/promises';
import type { Db } from '../store/database';
import type { TimeSource } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { CaseService } from '../cases/case-service';
import type { FormStore } from '../cases/form-store';
import type { WalCheckpointer } from '../store/wal-checkpointer';
import { formsKeptUntil, nextExpiry, planRetention, type PurgePlanItem } from './retention-plan';

export { formsKeptUntil, nextExpiry, type PurgePlanItem } from './retention-plan';

/** Even a far expiry is re-checked this often, so a changed clock is noticed. */
const MAX_TIMER_MS = 60_000;
const SLICE_CASES = 100;
const SLICE_MS = 10;

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export class RetentionService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PurgePlanItem[]> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly cases: CaseService,
    private readonly forms: FormStore,
    private readonly audit: AuditLog,
    /** The retention clock: never behind the latest time the desk has seen. */
    private readonly clock: TimeSource,
    private readonly retentionDays: Record<string, number>,
    private readonly checkpointer: Pick<WalCheckpointer, 'flush'>,
    /** The longest the timer waits before looking again (tests shorten it). */
    private readonly checkEveryMs = MAX_TIMER_MS,
  ) {}

  /** What would be deleted or expired now, and why (for `desk purge --dry-run`): all of it. */
  plan(): PurgePlanItem[] {
    return planRetention(this.db, this.clock.now(), Infinity);
  }

  /** After start: orphaned form folders, then what came due while the desk was closed, then the
   * timer. Runs once the caller's own start-up is done (the host is listening). */
  start(): void {
    setImmediate(() => {
      if (this.stopped) return;
      // The sweep first: after it, only live cases' folders are left to compare.
      void this.sweep().then(() => this.removeOrphans());
    });
  }

  /** Applies everything due now, a slice at a time. Returns what was done. One sweep at a time:
   * a second call waits for the running one and returns what it did. */
  sweep(): Promise<PurgePlanItem[]> {
    this.running ??= this.sweepInSlices().finally(() => {
      this.running = null;
      if (!this.stopped) this.schedule();
    });
    return this.running;
  }

  private async sweepInSlices(): Promise<PurgePlanItem[]> {
    const done: PurgePlanItem[] = [];
    for (;;) {
      if (this.stopped || !this.db.open) break;
      const started = performance.now();
      const slice = planRetention(this.db, this.clock.now(), SLICE_CASES);
      if (slice.length === 0) break;
      const files: { caseId: number; names: string[] }[] = [];
      let applied = 0;
      // One commit for the slice (each item is still whole: a crash undoes the slice, redone at the
      // next start): a commit per case cost more than the case itself.
      this.db.transaction(() => {
        for (const item of slice) {
          if (item.kind === 'expire-authorization') this.expireAuthorization(item.caseId);
          else if (item.kind === 'purge-product') this.purgeProduct(item);
          else files.push({ caseId: item.caseId, names: this.purge(item) });
          applied++;
          if (performance.now() - started > SLICE_MS) break;
        }
      })();
      done.push(...slice.slice(0, applied));
      // Deleted data leaves the files now: secure_delete zeroed it in the pages, and a checkpoint
      // moves those pages into the main file and empties the WAL that still held them. Off the
      // main thread: it writes and syncs the slice's pages (30–60 ms on this disk, measured).
      if (slice.slice(0, applied).some((i) => i.kind !== 'expire-authorization')) {
        await this.checkpointer.flush();
        if (!this.db.open) break;
      }
      // Files go after the rows: a crash in between leaves orphan folders, removed at the next start.
      await Promise.all(files.map(({ caseId }) => this.forms.removeCaseAsync(caseId)));
      await yieldNow();
    }
    return done;
  }

  private expireAuthorization(caseId: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE outbox SET state = 'failed', last_error = 'authorization expired', last_problem = '{"code":"authorization_expired","params":{}}'
          WHERE case_id = ? AND state = 'pending'`,
        )
        .run(caseId);
      const row = this.cases.row(caseId);
      // Like a rejected case, its form stays for the policy's window so staff can see what happened.
      this.cases.transition(
        caseId,
        'authorization_expired',
        null,
        { note: { code: 'authorization_lapsed', params: { validUntil: row.valid_until ?? '' } } },
        {
          data_expires_at: formsKeptUntil(row.products, this.retentionDays, this.clock.now()),
        },
      );
    })();
  }

  /** The rows go now; returns the form files to remove. */
  private purge(item: PurgePlanItem): string[] {
    const { caseId } = item;
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
      this.cases.transition(
        caseId,
        'purged',
        null,
        { note: { code: 'retention_ended', params: {} } },
        { subject_sealed: null, esign_sealed: null },
      );
    })();
    return files;
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

  /** Removes form folders of cases already purged or gone (a crash between the database and the
   * disk). Looks only at the folders there are (live cases), never at every case ever purged. */
  async removeOrphans(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.forms.root);
    } catch {
      return 0;
    }
    if (this.stopped || !this.db.open) return 0;
    const live = this.db.prepare("SELECT 1 FROM cases WHERE id = ? AND state != 'purged'");
    const orphans: string[] = [];
    for (let i = 0; i < names.length; i++) {
      if (!/^\d+$/.test(names[i]!) || !live.get(Number(names[i]))) orphans.push(names[i]!);
      if (i % 500 === 499) {
        await yieldNow(); // a folder per live case: yield between a few hundred
        if (this.stopped || !this.db.open) return 0; // the desk closed meanwhile
      }
    }
    await Promise.all(orphans.map((n) => rm(`${this.forms.root}/${n}`, { recursive: true, force: true })));
    return orphans.length;
  }

  /** One timer, for the soonest expiry (or the check interval, whichever is sooner). Each time it
   * fires it also brings the latest time seen up to date in the audit anchor. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    const next = nextExpiry(this.db);
    const wait = next
      ? Math.max(0, Math.min(this.checkEveryMs, Date.parse(next) - this.clock.now().getTime()))
      : this.checkEveryMs;
    this.timer = setTimeout(() => {
      void this.sweep().then(() => this.audit.flushAnchor());
    }, wait);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
