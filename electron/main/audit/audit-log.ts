// The append-only audit trail: who did what, when, to which case. The table refuses UPDATE and
// DELETE (triggers), and each row carries a SHA-256 over its content and the previous row's hash,
// so an auditor can tell if rows were removed or edited outside the desk.
import { createHash } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';

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
}

const GENESIS = '0'.repeat(64);

function rowHash(prev: string, r: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.at, r.actor_id, r.actor_employee_id, r.action, r.target, r.case_id, r.detail]))
    .digest('hex');
}

export class AuditLog {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  record(entry: AuditRecord): void {
    const last = this.db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
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
    this.db.prepare(`INSERT INTO audit (at, actor_id, actor_employee_id, action, target, case_id, detail, prev_hash, hash)
      VALUES (@at, @actor_id, @actor_employee_id, @action, @target, @case_id, @detail, @prev_hash, @hash)`)
      .run({ ...row, prev_hash: prev, hash: rowHash(prev, row) });
  }

  list(limit: number, beforeId?: number): AuditRow[] {
    return this.db.prepare(`SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`)
      .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
  }

  /** Recomputes the chain; returns the id of the first row that does not match, or null. */
  verifyChain(): number | null {
    let prev = GENESIS;
    for (const row of this.db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<AuditRow>) {
      if (row.prev_hash !== prev || rowHash(prev, row) !== row.hash) return row.id;
      prev = row.hash;
    }
    return null;
  }
}
