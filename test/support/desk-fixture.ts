// A real desk (real SQLite in a temp directory, adjustable clock) for contract-level tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk } from '../../electron/main/desk';
import type { DeskOptions } from '../../electron/main/services';
import { adjustableClock, MINUTE } from '../../electron/main/clock';
import { parsePolicy } from '../../electron/main/policy/policy';
import type { CallName, InputOf, OutputOf, Result } from '../../common/contract';

export interface DeskFixture {
  desk: Desk;
  dataDir: string;
  call<N extends CallName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>>;
  /** Calls and insists on success; returns the value. */
  ok<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  /** As an administrator would: creates the member with a temporary password, then the member
   * signs in and replaces it with `who.password`; the administrator (ADMIN) is signed in again. */
  addStaff(who: {
    employeeId: string;
    name: string;
    branchCode: string;
    role: 'officer' | 'supervisor' | 'it_admin';
    password: string;
  }): Promise<OutputOf<'staff.create'>>;
  advanceMinutes(minutes: number): void;
  /** Closes and opens the desk again on the same directory; `clockAt`: the machine's clock then
   * shows this time (set back or forward). */
  reopen(clockAt?: Date): void;
  dispose(): void;
}

export const ADMIN = { employeeId: 'IT001', name: '林資訊', branchCode: '0123', password: 'Admin-pass-2026' };
export const OFFICER = {
  employeeId: 'E1001',
  name: '王經辦',
  branchCode: '0123',
  role: 'officer' as const,
  password: 'Officer-pass-1',
};
export const SUPERVISOR = {
  employeeId: 'S2001',
  name: '陳主管',
  branchCode: '0123',
  role: 'supervisor' as const,
  password: 'Super-pass-22',
};

export function deskFixture(
  policy: Record<string, unknown> = {},
  start?: Date,
  extra: Partial<DeskOptions> = {},
): DeskFixture {
  const dataDir = mkdtempSync(join(tmpdir(), 'branch-desk-test-'));
  let clock = adjustableClock(start);
  const loadedPolicy = parsePolicy({ origin: 'test', kind: 'json', text: JSON.stringify(policy) });
  const open = () => createDesk({ dataDir, loadedPolicy, clock, version: 'test', background: false, ...extra });
  const fixture: DeskFixture = {
    desk: open(),
    dataDir,
    call: (name, input) => fixture.desk.call(name, input) as never,
    async ok(name, input) {
      const result = await fixture.call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message.en}`);
      return result.value;
    },
    async addStaff(who) {
      const temporary = `Temp-${who.password}`;
      const member = await fixture.ok('staff.create', { ...who, password: temporary });
      await fixture.ok('auth.login', { employeeId: who.employeeId, password: temporary });
      await fixture.ok('auth.changePassword', { currentPassword: temporary, newPassword: who.password });
      await fixture.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
      return { ...member, mustChangePassword: false };
    },
    advanceMinutes: (minutes) => fixture.desk.services.clock.advance(minutes * MINUTE),
    reopen(clockAt?: Date) {
      fixture.desk.close();
      if (clockAt) clock = adjustableClock(clockAt);
      fixture.desk = open();
    },
    dispose() {
      fixture.desk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export function errorCode(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

/** The digest of the pages a case's detail shows: what a supervisor's screen passes to approve. */
export async function pagesDigestOf(f: DeskFixture, caseId: number): Promise<string> {
  return (await f.ok('cases.get', { caseId })).pagesDigest ?? '';
}

/** An officer's new draft for 陳大文 (A123456789), a borrower, credit: the tests' usual customer. */
export function newDraft(
  f: DeskFixture,
  products: ('T50' | 'T51' | 'T52')[] = ['T50'],
): Promise<OutputOf<'cases.create'>> {
  return f.ok('cases.create', {
    subject: { idNumber: 'A123456789', name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products,
  });
}

/** Approves as a supervisor who steps up at the desk (by default SUPERVISOR), for the pages on screen. */
export async function approveCase(
  f: DeskFixture,
  caseId: number,
  supervisor: { employeeId: string; password: string } = {
    employeeId: SUPERVISOR.employeeId,
    password: SUPERVISOR.password,
  },
): Promise<OutputOf<'cases.approve'>> {
  return f.ok('cases.approve', { caseId, pagesDigest: await pagesDigestOf(f, caseId), supervisor });
}
