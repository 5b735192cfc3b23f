// Local staff accounts in the desk's own store.
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import { DeskError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import type { NewStaffRecord, StaffChange, StaffDirectory, StaffRecord } from './staff-directory';

interface StaffRow {
  id: number;
  employee_id: string;
  name: string;
  branch_code: string;
  role: StaffRecord['role'];
  password_hash: string;
  disabled: 0 | 1;
  must_change_password: 0 | 1;
  created_at: string;
}

const toRecord = (row: StaffRow): StaffRecord => ({
  id: row.id,
  employeeId: row.employee_id,
  name: row.name,
  branchCode: row.branch_code,
  role: row.role,
  disabled: row.disabled === 1,
  mustChangePassword: row.must_change_password === 1,
  createdAt: row.created_at,
});

// A hash to compare against when the ID is unknown, so both paths take the same time.
const DUMMY_HASH = hashPassword('unknown-user-0');

export class LocalStaffDirectory implements StaffDirectory {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n;
  }

  list(limit: number, afterEmployeeId = ''): StaffRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM staff WHERE employee_id > ? ORDER BY employee_id LIMIT CAST(? AS INTEGER)')
        .all(afterEmployeeId, limit) as StaffRow[]
    ).map(toRecord);
  }

  get(id: number): StaffRecord | undefined {
    const row = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
    return row && toRecord(row);
  }

  findByEmployeeId(employeeId: string): StaffRecord | undefined {
    const row = this.db.prepare('SELECT * FROM staff WHERE employee_id = ?').get(employeeId) as StaffRow | undefined;
    return row && toRecord(row);
  }

  async authenticate(employeeId: string, password: string): Promise<StaffRecord | null> {
    const row = this.db.prepare('SELECT * FROM staff WHERE employee_id = ?').get(employeeId) as StaffRow | undefined;
    const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH));
    return row && ok ? toRecord(row) : null;
  }

  async create(input: NewStaffRecord): Promise<StaffRecord> {
    if (this.findByEmployeeId(input.employeeId))
      throw new DeskError('EMPLOYEE_EXISTS', { employeeId: input.employeeId });
    const hash = await hashPassword(input.password);
    const now = this.clock.now().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO staff (employee_id, name, branch_code, role, password_hash, must_change_password, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.employeeId,
        input.name,
        input.branchCode,
        input.role,
        hash,
        input.mustChangePassword ? 1 : 0,
        now,
        now,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  async update(id: number, change: StaffChange): Promise<StaffRecord> {
    if (!this.get(id)) throw new DeskError('STAFF_NOT_FOUND');
    const hash = change.password === undefined ? undefined : await hashPassword(change.password);
    const now = this.clock.now().toISOString();
    this.db.transaction(() => {
      if (change.disabled !== undefined)
        this.db
          .prepare('UPDATE staff SET disabled = ?, updated_at = ? WHERE id = ?')
          .run(change.disabled ? 1 : 0, now, id);
      if (change.role !== undefined)
        this.db.prepare('UPDATE staff SET role = ?, updated_at = ? WHERE id = ?').run(change.role, now, id);
      if (hash !== undefined)
        this.db.prepare('UPDATE staff SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, now, id);
      if (change.mustChangePassword !== undefined)
        this.db
          .prepare('UPDATE staff SET must_change_password = ?, updated_at = ? WHERE id = ?')
          .run(change.mustChangePassword ? 1 : 0, now, id);
    })();
    return this.get(id)!;
  }
}
