// The append-only audit trail: who did what, when, to which case. The table refuses UPDATE and
// DELETE (triggers), and each row carries a SHA-256 over its content and the previous row's hash,
// so an auditor can tell if rows were removed or edited outside the desk.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import { taiwanDayStart } from '../../../common/taiwan-day';

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

export interface AuditVerdict {
  /** Rows that matched before the first broken one (all rows when intact). */
  rows: number;
  firstBrokenId: number | null;
  /** Whether the MACs were checked (the key is there) or only the plain hash chain. */
  macChecked: boolean;
  /** Rows without a MAC: written by delete-only command-line tools, or before schema 4. */
  unsignedIds: number[];
}

const GENESIS = '0'.repeat(64);

function rowHash(prev: string, r: Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'mac'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.at, r.actor_id, r.actor_employee_id, r.action, r.target, r.case_id, r.detail]))
    .digest('hex');
}

export class AuditLog {
  private readonly deferred: AuditRecord[] = [];
  /** `macKey`: derived from the data key; null for tools that run without it (their rows go unsigned). */
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly macKey: Buffer | null = null,
  ) {}

  private mac(hash: string): string {
    return createHmac('sha256', this.macKey!).update(hash).digest('hex');
  }

  /** Appends one entry; returns its id (printed copies carry it as their reference). */
  record(entry: AuditRecord): number {
    const last = this.db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as
      { hash: string } | undefined;
    const prev = last?.hash ?? GENESIS;
    const row = {
      at: this.clock.now().toISOString(),
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
      .run({ ...row, prev_hash: prev, hash, mac: this.macKey ? this.mac(hash) : null });
    return Number(inserted.lastInsertRowid);
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

  /** Newest first. With no filter: the whole trail, a page at a time (`beforeId`). */
  list(limit: number, beforeId?: number, filter: AuditFilter = {}): AuditRow[] {
    const where = ['id < @beforeId'];
    const params: Record<string, unknown> = { beforeId: beforeId ?? Number.MAX_SAFE_INTEGER, limit };
    if (filter.caseId !== undefined) {
      where.push('case_id = @caseId');
      params.caseId = filter.caseId;
    }
    if (filter.employeeId) {
      where.push('actor_employee_id = @employeeId COLLATE NOCASE');
      params.employeeId = filter.employeeId;
    }
    if (filter.action) {
      where.push("action LIKE @action ESCAPE '\\'");
      params.action = `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (filter.fromDay) {
      where.push('at >= @from');
      params.from = taiwanDayStart(filter.fromDay);
    }
    if (filter.toDay) {
      where.push('at < @to');
      params.to = taiwanDayStart(filter.toDay, 1);
    }
    return this.db
      .prepare(`SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`)
      .all(params) as AuditRow[];
  }

  /** Recomputes the chain from the first row, and with the key each row's MAC: a trail rewritten
   * with freshly computed hashes still fails at the first row whose MAC it could not make. */
  verify(): AuditVerdict {
    let prev = GENESIS;
    let rows = 0;
    const unsignedIds: number[] = [];
    const verdict = (firstBrokenId: number | null): AuditVerdict => ({
      rows,
      firstBrokenId,
      macChecked: this.macKey !== null,
      unsignedIds,
    });
    for (const row of this.db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<AuditRow>) {
      if (row.prev_hash !== prev || rowHash(prev, row) !== row.hash) return verdict(row.id);
      if (row.mac === null) unsignedIds.push(row.id);
      else if (this.macKey && !sameHex(row.mac, this.mac(row.hash))) return verdict(row.id);
      prev = row.hash;
      rows++;
    }
    return verdict(null);
  }
}

export interface AuditFilter {
  caseId?: number;
  employeeId?: string;
  /** An action or its prefix: "results." finds every view and print of returned data. */
  action?: string;
  /** Taiwan calendar days, both included. */
  fromDay?: string;
  toDay?: string;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A row as the contract shows it (no hashes, no MACs). */
export function toAuditEntry(r: AuditRow) {
  return {
    id: r.id,
    at: r.at,
    actorEmployeeId: r.actor_employee_id,
    action: r.action,
    target: r.target,
    caseId: r.case_id,
    detail: r.detail,
  };
}
