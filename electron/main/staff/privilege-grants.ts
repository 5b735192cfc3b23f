// Separation of duties for approval authority. A grant (a new supervisor or IT administrator, a role
// changed to one, such a member enabled again) waits until a different supervisor or administrator
// confirms it; the grantor can never confirm their own grant, nor the member their own. The only
// exception is the very first supervisor of a desk (nobody else could confirm it): it takes effect
// at once, 'provisional', flagged on the IT home and in the audit trail until another supervisor
// confirms it. Every check is made again inside the write transaction.
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import { DeskError } from '../errors';
import type { Role } from '../../../common/contract';
import type { StaffDirectory, StaffRecord } from './staff-directory';

export type GrantChange = 'create' | 'role' | 'enable';
export type GrantState = 'pending' | 'provisional' | 'confirmed' | 'cancelled';

export interface GrantRow {
  id: number;
  staff_id: number;
  change: GrantChange;
  role: 'it_admin' | 'supervisor';
  requested_by: number | null;
  requested_at: string;
  state: GrantState;
  decided_by: number | null;
  decided_at: string | null;
}

export const isPrivileged = (role: Role): role is 'it_admin' | 'supervisor' =>
  role === 'it_admin' || role === 'supervisor';

export class PrivilegeGrants {
  constructor(
    private readonly db: Db,
    private readonly staff: StaffDirectory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The open grant for a member (pending or provisional), if any. */
  openFor(staffId: number): GrantRow | undefined {
    return this.db
      .prepare(
        "SELECT * FROM staff_grants WHERE staff_id = ? AND state IN ('pending', 'provisional') ORDER BY id DESC LIMIT 1",
      )
      .get(staffId) as GrantRow | undefined;
  }

  /** `openFor` for a page of staff in one query (the staff list). */
  openForEach(staffIds: readonly number[]): Map<number, GrantRow> {
    const rows = this.db
      .prepare(
        `SELECT * FROM staff_grants WHERE staff_id IN (SELECT value FROM json_each(?))
         AND state IN ('pending', 'provisional') ORDER BY id`,
      )
      .all(JSON.stringify(staffIds)) as GrantRow[];
    return new Map(rows.map((r) => [r.staff_id, r])); // the newest open grant wins
  }

  /** A member created with approval authority may not work until the grant is confirmed. */
  awaitingCreation(staffId: number): boolean {
    return this.openFor(staffId)?.state === 'pending' && this.openFor(staffId)?.change === 'create';
  }

  open(): GrantRow[] {
    return this.db
      .prepare("SELECT * FROM staff_grants WHERE state IN ('pending', 'provisional') ORDER BY id LIMIT 200")
      .all() as GrantRow[];
  }

  /** Records a grant asked for by `grantor`. Returns its state: 'provisional' only for the first
   * supervisor of a desk, which then takes effect at once. Runs inside the caller's transaction. */
  request(member: StaffRecord, change: GrantChange, role: 'it_admin' | 'supervisor', grantor: StaffRecord): GrantRow {
    const now = this.clock.now().toISOString();
    // Nobody could confirm the first supervisor but the grantor: it takes effect, flagged.
    const first = role === 'supervisor' && this.effectiveSupervisors(member.id) === 0;
    const state: GrantState = first ? 'provisional' : 'pending';
    this.db
      .prepare("UPDATE staff_grants SET state = 'cancelled', decided_at = ? WHERE staff_id = ? AND state = 'pending'")
      .run(now, member.id);
    const id = Number(
      this.db
        .prepare(
          'INSERT INTO staff_grants (staff_id, change, role, requested_by, requested_at, state) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(member.id, change, role, grantor.id, now, state).lastInsertRowid,
    );
    this.audit.record({
      actor: grantor,
      action: first ? 'staff.grant_unconfirmed_first' : 'staff.grant_requested',
      target: member.employeeId,
      detail: { grant: id, change, role },
    });
    if (first && change !== 'create') this.apply({ id, staff_id: member.id, change, role }, grantor);
    return this.row(id);
  }

  /** A different supervisor or administrator confirms; the grant takes effect (or, provisional, is
   * no longer flagged). */
  confirm(grantId: number, confirmer: StaffRecord): GrantRow {
    this.db.transaction(() => {
      const grant = this.row(grantId);
      const target = this.staff.get(grant.staff_id)!;
      this.assertMayDecide(grant, confirmer);
      if (grant.state === 'provisional' && confirmer.role !== 'supervisor')
        throw new DeskError('GRANT_NEEDS_SUPERVISOR');
      const now = this.clock.now().toISOString();
      this.db
        .prepare("UPDATE staff_grants SET state = 'confirmed', decided_by = ?, decided_at = ? WHERE id = ?")
        .run(confirmer.id, now, grantId);
      if (grant.state === 'pending') this.apply(grant, confirmer);
      this.audit.record({
        actor: confirmer,
        action: 'staff.grant_confirmed',
        target: target.employeeId,
        detail: { grant: grantId, change: grant.change, role: grant.role },
      });
    })();
    return this.row(grantId);
  }

  /** The grant is withdrawn (by its grantor or another privileged member). A member created for it
   * stays disabled. */
  cancel(grantId: number, by: StaffRecord): GrantRow {
    this.db.transaction(() => {
      const grant = this.row(grantId);
      if (grant.state !== 'pending') throw new DeskError('GRANT_NOT_OPEN');
      if (grant.staff_id === by.id) throw new DeskError('GRANT_OWN');
      this.db
        .prepare("UPDATE staff_grants SET state = 'cancelled', decided_by = ?, decided_at = ? WHERE id = ?")
        .run(by.id, this.clock.now().toISOString(), grantId);
      if (grant.change === 'create') this.db.prepare('UPDATE staff SET disabled = 1 WHERE id = ?').run(grant.staff_id);
      this.audit.record({
        actor: by,
        action: 'staff.grant_cancelled',
        target: this.staff.get(grant.staff_id)?.employeeId,
        detail: { grant: grantId },
      });
    })();
    return this.row(grantId);
  }

  /** A member demoted or disabled: whatever grant was waiting for them no longer applies. */
  withdrawFor(staffId: number, by: StaffRecord): void {
    const open = this.db
      .prepare("SELECT id FROM staff_grants WHERE staff_id = ? AND state IN ('pending', 'provisional')")
      .all(staffId) as { id: number }[];
    for (const { id } of open) {
      this.db
        .prepare("UPDATE staff_grants SET state = 'cancelled', decided_by = ?, decided_at = ? WHERE id = ?")
        .run(by.id, this.clock.now().toISOString(), id);
      this.audit.record({
        actor: by,
        action: 'staff.grant_cancelled',
        target: this.staff.get(staffId)?.employeeId,
        detail: { grant: id, why: 'demoted or disabled' },
      });
    }
  }

  private assertMayDecide(grant: GrantRow, decider: StaffRecord): void {
    if (grant.state !== 'pending' && grant.state !== 'provisional') throw new DeskError('GRANT_NOT_OPEN');
    if (grant.requested_by === decider.id) {
      this.audit.recordRefusal({
        actor: decider,
        action: 'staff.grant_self_confirm_refused',
        detail: { grant: grant.id },
      });
      throw new DeskError('GRANT_OWN');
    }
    if (grant.staff_id === decider.id) throw new DeskError('GRANT_OWN');
    const current = this.staff.get(decider.id);
    if (!current || current.disabled || !isPrivileged(current.role) || this.awaitingCreation(current.id))
      throw new DeskError('FORBIDDEN');
  }

  /** What a grant changes when it takes effect (a created member needs nothing: the open grant
   * alone held them), on the record as the change it is. */
  private apply(grant: Pick<GrantRow, 'id' | 'staff_id' | 'change' | 'role'>, actor: StaffRecord): void {
    const member = this.staff.get(grant.staff_id)!;
    const now = this.clock.now().toISOString();
    if (grant.change === 'role') {
      this.db.prepare('UPDATE staff SET role = ?, updated_at = ? WHERE id = ?').run(grant.role, now, grant.staff_id);
      this.audit.record({
        actor,
        action: 'staff.role_changed',
        target: member.employeeId,
        detail: { from: member.role, to: grant.role, grant: grant.id },
      });
    }
    if (grant.change === 'enable') {
      this.db.prepare('UPDATE staff SET disabled = 0, updated_at = ? WHERE id = ?').run(now, grant.staff_id);
      this.audit.record({ actor, action: 'staff.enabled', target: member.employeeId, detail: { grant: grant.id } });
    }
  }

  /** Supervisors whose authority is in effect (active, not waiting for their own grant), but `except`. */
  private effectiveSupervisors(except: number): number {
    const rows = this.db
      .prepare("SELECT id FROM staff WHERE role = 'supervisor' AND disabled = 0 AND id != ?")
      .all(except) as { id: number }[];
    return rows.filter((r) => !this.awaitingCreation(r.id)).length;
  }

  private row(id: number): GrantRow {
    const row = this.db.prepare('SELECT * FROM staff_grants WHERE id = ?').get(id) as GrantRow | undefined;
    if (!row) throw new DeskError('STAFF_NOT_FOUND');
    return row;
  }
}
