// The staff directory as the features see it. Local accounts implement it now; the bank's
// directory (LDAP / Active Directory) can implement it later without touching the features.
import type { Role } from '../../../common/contract';

export interface StaffRecord {
  id: number;
  employeeId: string;
  name: string;
  branchCode: string;
  role: Role;
  disabled: boolean;
  /** Set when an administrator chose the password: the member must replace it before working. */
  mustChangePassword: boolean;
  createdAt: string;
}

export interface NewStaffRecord {
  employeeId: string;
  name: string;
  branchCode: string;
  role: Role;
  password: string;
  mustChangePassword?: boolean;
}

export interface StaffChange {
  disabled?: boolean;
  role?: Role;
  password?: string;
  mustChangePassword?: boolean;
}

export interface StaffDirectory {
  count(): number;
  /** In employee-ID order, at most `limit`, after `afterEmployeeId` when given. */
  list(limit: number, afterEmployeeId?: string): StaffRecord[];
  get(id: number): StaffRecord | undefined;
  findByEmployeeId(employeeId: string): StaffRecord | undefined;
  /** The member when the password is right (disabled members included: the caller decides). */
  authenticate(employeeId: string, password: string): Promise<StaffRecord | null>;
  create(input: NewStaffRecord): Promise<StaffRecord>;
  update(id: number, change: StaffChange): Promise<StaffRecord>;
}
