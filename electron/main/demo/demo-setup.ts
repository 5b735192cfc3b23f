// The sandbox's first run: demo accounts and customers so a newcomer can walk the whole flow in
// two minutes. Refused outside the sandbox; the passwords are shown on the sandbox sign-in screen only.
import type { Db } from '../store/database';
import type { StaffDirectory } from '../staff/staff-directory';
import type { AuditLog } from '../audit/audit-log';
import type { PrivilegeGrants } from '../staff/privilege-grants';
import type { Role } from '../../../common/contract';

export const DEMO_ACCOUNTS: { employeeId: string; name: string; role: Role; password: string }[] = [
  { employeeId: 'IT001', name: '林資訊', role: 'it_admin', password: 'Demo-admin-2026' },
  { employeeId: 'E1001', name: '王經辦', role: 'officer', password: 'Demo-officer-1' },
  { employeeId: 'E1002', name: '李經辦', role: 'officer', password: 'Demo-officer-2' },
  { employeeId: 'S2001', name: '陳主管', role: 'supervisor', password: 'Demo-super-2026' },
];

export async function createDemo(
  db: Db,
  staff: StaffDirectory,
  grants: PrivilegeGrants,
  audit: AuditLog,
  branchCode: string,
): Promise<void> {
  const created = [];
  for (const account of DEMO_ACCOUNTS) created.push(await staff.create({ ...account, branchCode }));
  // The demo's supervisor is the desk's first: in effect at once, and flagged as a real desk's
  // first supervisor is (training shows what IT will see).
  const [admin] = created;
  for (const member of created)
    if (member.role === 'supervisor') grants.request(member, 'create', 'supervisor', admin!);
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('demo_accounts', ?)").run(JSON.stringify(DEMO_ACCOUNTS));
  audit.record({
    actor: null,
    action: 'setup.demo_created',
    detail: { accounts: DEMO_ACCOUNTS.map((a) => a.employeeId) },
  });
}

export function demoAccounts(db: Db): typeof DEMO_ACCOUNTS {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'demo_accounts'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as typeof DEMO_ACCOUNTS) : [];
}
