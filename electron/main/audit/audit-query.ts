// Reading the audit trail: the filters the audit screen and the case's access log use, each served
// by an index, newest first, a page at a time.
import type { Db } from '../store/database';
import { taiwanDayStart } from '../../../common/taiwan-day';
import type { AuditRow } from './audit-chain';

export interface AuditFilter {
  caseId?: number;
  employeeId?: string;
  /** An action or its prefix: "results." finds every view and print of returned data. */
  action?: string;
  /** Any of these actions or prefixes. */
  actionIn?: readonly string[];
  /** Taiwan calendar days, both included. */
  fromDay?: string;
  toDay?: string;
}

/** Newest first. With no filter: the whole trail, a page at a time (`beforeId`). */
export function listAudit(db: Db, limit: number, beforeId?: number, filter: AuditFilter = {}): AuditRow[] {
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
  if (filter.actionIn?.length) {
    where.push(`(${filter.actionIn.map((_, i) => `action LIKE @actionIn${i} ESCAPE '\\'`).join(' OR ')})`);
    filter.actionIn.forEach((a, i) => (params[`actionIn${i}`] = `${a.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (filter.fromDay) {
    where.push('at >= @from');
    params.from = taiwanDayStart(filter.fromDay);
  }
  if (filter.toDay) {
    where.push('at < @to');
    params.to = taiwanDayStart(filter.toDay, 1);
  }
  return db
    .prepare(`SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT CAST(@limit AS INTEGER)`)
    .all(params) as AuditRow[];
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
