// The append-only audit trail: who did what, when, to which case. The table refuses UPDATE and
// DELETE (triggers); each entry is chained to the one before and MACed (audit-chain.ts); the head
// is anchored outside the database (audit-anchor.ts), so cutting the end or wiping the trail is
// found. An append reads the last entry and inserts in one IMMEDIATE transaction, so a command-line
// tool and the desk appending at once can never fork the chain. Tools without the data key cannot
// sign: they hand their entries to the desk (audit_inbox), which signs them in at its next start.
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import { CLOCK_TOLERANCE_MS, GENESIS, rowHash, rowMac, type AuditContent, type AuditRow } from './audit-chain';
import type { AnchorBreak, AnchorRead, AuditAnchor } from './audit-anchor';
import { startWorker } from '../workers/start-worker';
import { verifyTrail, type AuditVerdict, type VerifyOptions } from './audit-verify';
import type { RetentionClock } from '../time/retention-clock';
import { listAudit, type AuditFilter } from './audit-query';

export type { AuditRow } from './audit-chain';
export type { AuditVerdict } from './audit-verify';
export { toAuditEntry, type AuditFilter } from './audit-query';

export interface Actor {
  id: number;
  employeeId: string;
}

export interface AuditRecord {
  actor: Actor | null;
  action: string;
  target?: string;
  caseId?: number;
  detail?: Record<string, unknown>;
}

export interface AuditKeys {
  /** Derived from the data key; null for tools that run without it (their entries go to the inbox). */
  mac: Buffer | null;
  anchor: AuditAnchor | null;
}

export class AuditLog {
  private readonly deferred: AuditRecord[] = [];
  private anchorDue = false;
  /** The newest entry this desk wrote: the anchor moves only over a trail that still holds it. */
  private lastAppended: { id: number; hash: string } | null = null;
  private retention: RetentionClock | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: AuditKeys = { mac: null, anchor: null },
  ) {}

  get signing(): boolean {
    return this.keys.mac !== null;
  }

  /** The retention clock's time is kept in the anchor as the latest time seen. */
  useRetentionClock(retention: RetentionClock): void {
    this.retention = retention;
  }

  /** Appends one entry; returns its id (printed copies carry it as their reference), or null when
   * the entry went to the inbox for the desk to sign. */
  record(entry: AuditRecord): number | null {
    if (!this.keys.mac) {
      this.toInbox(entry);
      return null;
    }
    this.appendInTransaction ??= this.db.transaction((e: AuditRecord) => this.appendNow(e));
    this.appended.length = 0;
    const id = this.appendInTransaction(entry);
    this.scheduleAnchor();
    // Each row this entry wrote (a clock.moved_back before it, then the entry), in order.
    for (const row of this.appended.splice(0))
      if (this.observer && this.observed(row.entry.action)) this.tellObserver(row.id, row.hash, row.entry);
    return id;
  }

  private observer: ((entry: AuditRecord) => void) | null = null;
  private observed: (action: string) => boolean = () => false;
  /** The rows the current record() appended, for the observer. */
  private readonly appended: { id: number; hash: string; entry: AuditRecord }[] = [];

  /** Told of each entry of the `observed` actions (only those cost a look-up) once it is in the trail
   * for good: one appended in a transaction that rolls back is never told (log/audit-to-log.ts). */
  onRecorded(observer: (entry: AuditRecord) => void, observed: (action: string) => boolean = () => true): void {
    this.observer = observer;
    this.observed = observed;
  }

  private tellObserver(id: number, hash: string, entry: AuditRecord): void {
    if (!this.db.open) return; // the desk closed meanwhile: its log has closed too
    if (this.db.inTransaction) return void setImmediate(() => this.tellObserver(id, hash, entry));
    try {
      // By its hash too: after a rollback the next entry takes the same id.
      if (this.db.prepare('SELECT 1 FROM audit WHERE id = ? AND hash = ?').get(id, hash)) this.observer?.(entry);
    } catch (e) {
      console.error('[audit] the observer failed:', (e as Error).message);
    }
  }

  /** Built once: a transaction function per entry cost as much as the entry's hash and MAC. */
  private appendInTransaction: ((entry: AuditRecord) => number) | null = null;

  private appendNow(entry: AuditRecord): number {
    const last = this.db.prepare('SELECT hash, at FROM audit ORDER BY id DESC LIMIT 1').get() as
      { hash: string; at: string } | undefined;
    const now = this.clock.now();
    // The desk says so itself when its clock has gone back: such a step is then explained.
    if (last && now.getTime() < Date.parse(last.at) - CLOCK_TOLERANCE_MS && entry.action !== 'clock.moved_back') {
      const minutes = Math.round((Date.parse(last.at) - now.getTime()) / 60_000);
      const jump = {
        actor: null,
        action: 'clock.moved_back',
        detail: { lastEntryAt: last.at, now: now.toISOString(), minutes },
      };
      this.db
        .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_moved_back', ?)")
        .run(JSON.stringify(jump.detail));
      this.append(jump, last.hash, now);
      return this.append(entry, this.lastHash(), now);
    }
    return this.append(entry, last?.hash ?? GENESIS, now);
  }

  private lastHash(): string {
    return (this.db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string }).hash;
  }

  private append(entry: AuditRecord, prev: string, now: Date): number {
    const row: AuditContent = {
      at: now.toISOString(),
      actor_id: entry.actor?.id ?? null,
      actor_employee_id: entry.actor?.employeeId ?? null,
      action: entry.action,
      target: entry.target ?? null,
      case_id: entry.caseId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    };
    const hash = rowHash(prev, row);
    const inserted = this.db
      .prepare(
        `INSERT INTO audit (at, actor_id, actor_employee_id, action, target, case_id, detail, prev_hash, hash, mac)
        VALUES (@at, @actor_id, @actor_employee_id, @action, @target, @case_id, @detail, @prev_hash, @hash, @mac)`,
      )
      .run({ ...row, prev_hash: prev, hash, mac: rowMac(this.keys.mac!, hash) });
    this.lastAppended = { id: Number(inserted.lastInsertRowid), hash };
    this.appended.push({ id: this.lastAppended.id, hash, entry });
    return Number(inserted.lastInsertRowid);
  }

  private toInbox(entry: AuditRecord): void {
    this.db
      .prepare(
        'INSERT INTO audit_inbox (at, actor_id, actor_employee_id, action, target, case_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        this.clock.now().toISOString(),
        entry.actor?.id ?? null,
        entry.actor?.employeeId ?? null,
        entry.action,
        entry.target ?? null,
        entry.caseId ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
      );
  }

  /** For a refusal found inside a write transaction that the refusal itself rolls back: the entry
   * is written once that transaction has ended (committed or not), so the attempt stays on record.
   * Outside a transaction it is written at once. */
  recordRefusal(entry: AuditRecord): void {
    if (!this.db.inTransaction) {
      this.record(entry);
      return;
    }
    this.deferred.push(entry);
    // better-sqlite3 transactions are synchronous: a microtask runs after the transaction ended.
    if (this.deferred.length === 1) queueMicrotask(() => this.flushDeferred());
  }

  private flushDeferred(): void {
    if (this.db.inTransaction) return queueMicrotask(() => this.flushDeferred());
    for (const entry of this.deferred.splice(0)) this.record(entry);
  }

  /** The anchor follows the trail once the current transaction (if any) has ended; appends in one
   * turn of the event loop share one write. */
  private scheduleAnchor(): void {
    if (this.anchorDue || !this.keys.anchor) return;
    this.anchorDue = true;
    // At once (a rename, no fsync: well under a millisecond): an anchor lagging the trail would let
    // whoever holds the file cut the newest entries unseen.
    queueMicrotask(() => this.flushAnchor());
  }

  /** Writes the anchor for the trail as it is now: also the latest time seen (the retention timer
   * calls this when nothing else has been recorded for a while). */
  flushAnchor(when: 'soon' | 'now' = 'soon'): void {
    // 'now' is the desk closing: a write still on the thread pool must not land after it.
    if (when === 'now') this.keys.anchor?.cancelPending();
    if (!this.db.open) return;
    if (this.db.inTransaction) return queueMicrotask(() => this.flushAnchor(when));
    this.anchorDue = false;
    const anchorFile = this.keys.anchor;
    if (!anchorFile?.canWrite || !this.db.open) return;
    const read = anchorFile.read();
    if (read.state !== 'ok') return; // only the start-up check (checkAnchor) replaces a missing or altered anchor
    const last = this.db.prepare('SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string; at: string } | undefined;
    const { anchor } = read;
    if (!last || last.id < anchor.lastId) return; // a cut: reported by checkAnchor and verify, never papered over
    // The anchored entry must still be there as anchored: entries cut and then appended again reuse
    // its id with another hash, and moving on over them would paper over the cut.
    if (anchor.lastId > 0) {
      const head = this.db.prepare('SELECT hash FROM audit WHERE id = ?').get(anchor.lastId) as
        { hash: string } | undefined;
      if (head?.hash !== anchor.lastHash) return;
    }
    if (this.lastAppended) {
      // Someone cut or rewrote what this desk appended since the last write: keep the anchor where
      // it was so verify reports it (or the entry was rolled back: the next append moves it on).
      const mine = this.db.prepare('SELECT hash FROM audit WHERE id = ?').get(this.lastAppended.id) as
        { hash: string } | undefined;
      if (mine?.hash !== this.lastAppended.hash) return;
    }
    // Counted up to the entry read above: another process may append between the two reads.
    const added = (
      this.db.prepare('SELECT COUNT(*) AS n FROM audit WHERE id > ? AND id <= ?').get(anchor.lastId, last.id) as {
        n: number;
      }
    ).n;
    const next = {
      ...anchor,
      lastId: last.id,
      lastHash: last.hash,
      rows: anchor.rows + added,
      highWater: this.highWaterNow(anchor.highWater, last.at),
    };
    if (when === 'now') anchorFile.write(next);
    else anchorFile.writeSoon(next);
  }

  private highWaterNow(...seen: (string | null)[]): string {
    const times = [...seen, this.retention?.now().toISOString() ?? null, this.clock.now().toISOString()].filter(
      (t): t is string => t !== null,
    );
    return times.reduce((a, b) => (a > b ? a : b));
  }

  /** The latest time the desk saw before this start: the anchor's, or else the newest entry's. */
  highWater(): Date | null {
    const read = this.keys.anchor?.read();
    const fromAnchor = read?.state === 'ok' ? read.anchor.highWater : null;
    const newest = (this.db.prepare('SELECT MAX(at) AS at FROM audit').get() as { at: string | null }).at;
    const best = [fromAnchor, newest]
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1);
    return best ? new Date(best) : null;
  }

  /** At start, with the key: the trail against its anchor. A cut, a wipe, a missing or altered anchor
   * is recorded and kept in the new anchor, so the trail never verifies as intact again; then the
   * entries tools left in the inbox are signed into the chain. Costs a few indexed reads however
   * long the trail is (entries removed from the middle break the chain, which verify finds). */
  checkAnchor(): void {
    const anchorFile = this.keys.anchor;
    if (!anchorFile?.canWrite) return;
    const read = anchorFile.read();
    const last = this.db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string } | undefined;
    const at = this.clock.now().toISOString();
    const previous = read.state === 'ok' ? read.anchor : null;
    let cut: AnchorBreak | null = null;
    if (previous) {
      const atAnchor = this.db.prepare('SELECT hash FROM audit WHERE id = ?').get(previous.lastId) as
        { hash: string } | undefined;
      if (previous.lastId > 0 && atAnchor?.hash !== previous.lastHash) {
        const rows = (this.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
        cut = {
          kind: rows === 0 ? 'wiped' : 'truncated',
          foundAt: at,
          expected: { lastId: previous.lastId, rows: previous.rows },
          found: { lastId: last?.id ?? 0, rows },
        };
      }
    } else if (read.state === 'altered' || this.db.prepare('SELECT 1 FROM audit WHERE mac IS NOT NULL LIMIT 1').get()) {
      // A signed trail without its anchor (deleted), or with one this desk did not write.
      const rows = (this.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
      cut = {
        kind: read.state === 'altered' ? 'anchor-altered' : 'anchor-missing',
        foundAt: at,
        expected: null,
        found: { lastId: last?.id ?? 0, rows },
      };
    }
    if (previous && !cut) {
      this.flushAnchor();
    } else {
      // A fresh anchor for the trail as it is, carrying every cut found so far.
      const rows = cut?.found.rows ?? 0;
      anchorFile.write({
        version: 1,
        lastId: last?.id ?? 0,
        lastHash: last?.hash ?? GENESIS,
        rows,
        highWater: this.highWaterNow(previous?.highWater ?? null),
        verified: null,
        breaks: [...(previous?.breaks ?? []), ...(cut ? [cut] : [])],
      });
      if (cut) this.record({ actor: null, action: 'audit.anchor_mismatch', detail: { ...cut } });
    }
    this.signInbox();
  }

  /** Entries left by tools without the key, signed into the chain now, marked as such. */
  private signInbox(): void {
    const waiting = this.db.prepare('SELECT * FROM audit_inbox ORDER BY id').all() as Omit<
      AuditRow,
      'prev_hash' | 'hash' | 'mac'
    >[];
    if (waiting.length === 0) return;
    this.db.transaction(() => {
      for (const e of waiting) {
        const detail = {
          ...(e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : {}),
          recordedAt: e.at,
          signedLater: true,
        };
        this.record({
          actor: e.actor_id ? { id: e.actor_id, employeeId: e.actor_employee_id ?? '' } : null,
          action: e.action,
          target: e.target ?? undefined,
          caseId: e.case_id ?? undefined,
          detail,
        });
        this.db.prepare('DELETE FROM audit_inbox WHERE id = ?').run(e.id);
      }
    })();
  }

  /** Newest first. With no filter: the whole trail, a page at a time (`beforeId`). */
  list(limit: number, beforeId?: number, filter: AuditFilter = {}): AuditRow[] {
    return listAudit(this.db, limit, beforeId, filter);
  }

  /** How the verification under way is getting on (the audit screen shows it). */
  progress: { running: boolean; full: boolean; checked: number; total: number } = {
    running: false,
    full: false,
    checked: 0,
    total: 0,
  };

  /** The whole trail checked (see audit-verify.ts): from the last verified checkpoint in slices on
   * this thread, or in full in a worker thread. An intact walk becomes the next checkpoint. */
  async verify(options: VerifyOptions = {}): Promise<AuditVerdict> {
    const anchorFile = this.keys.anchor;
    const anchorRead: AnchorRead = anchorFile ? anchorFile.read() : { state: 'missing' };
    this.progress = { running: true, full: options.full === true, checked: 0, total: 0 };
    const onProgress = (checked: number, total: number) => {
      this.progress = { ...this.progress, checked, total };
      options.onProgress?.(checked, total);
    };
    let verdict: AuditVerdict;
    try {
      verdict =
        options.full && this.db.name !== ':memory:'
          ? await this.verifyInWorker(anchorRead, onProgress)
          : await verifyTrail(this.db, this.keys.mac, anchorRead, { ...options, onProgress });
    } finally {
      this.progress = { ...this.progress, running: false };
    }
    if (verdict.intact && verdict.anchorChecked && anchorFile?.canWrite && verdict.reached) {
      const read = anchorFile.read();
      if (read.state === 'ok') anchorFile.write({ ...read.anchor, verified: verdict.reached });
    }
    return verdict;
  }

  private verifyInWorker(
    anchorRead: AnchorRead,
    onProgress: (checked: number, total: number) => void,
  ): Promise<AuditVerdict> {
    return new Promise((resolve, reject) => {
      const worker = startWorker(__filename, 'audit-verify-worker', {
        workerData: { dbPath: this.db.name, macKey: this.keys.mac ? new Uint8Array(this.keys.mac) : null, anchorRead },
      });
      worker.on(
        'message',
        (m: { progress?: { checked: number; total: number }; verdict?: AuditVerdict; error?: string }) => {
          if (m.progress) onProgress(m.progress.checked, m.progress.total);
          if (m.verdict) resolve(m.verdict);
          if (m.error) reject(new Error(m.error));
        },
      );
      worker.once('error', reject);
      worker.once('exit', (code) => code !== 0 && reject(new Error(`the verification stopped (${code})`)));
    });
  }
}
