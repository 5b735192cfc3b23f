// The case-flow tests' shared set-up: a desk with staff on a sandbox JCIC over mutual TLS (one
// sandbox per test file), a prepared case, and waiting for the outbox to settle.
import { after } from 'node:test';
import { ADMIN, OFFICER, SUPERVISOR, deskFixture, type DeskFixture } from './desk-fixture';
import { sandboxFixture, type SandboxFixture } from './sandbox-fixture';
import { formPage } from './forms';

let sandbox: SandboxFixture | undefined;
const desks: DeskFixture[] = [];
after(async () => {
  for (const d of desks) d.dispose();
  await sandbox?.sandbox.close();
});

/** The file's sandbox JCIC (started by the first desk). */
export const jcic = {
  submissions: () => sandbox!.submissions(),
  gateway: () => sandbox!.gateway(),
};

/** Starts the file's sandbox JCIC if no desk has yet. */
export async function startSandbox(): Promise<void> {
  sandbox ??= await sandboxFixture();
}

/** A desk the test made itself, disposed of with the file's others. */
export function keep(f: DeskFixture): DeskFixture {
  desks.push(f);
  return f;
}

export async function deskWithStaff(policy: Record<string, unknown> = {}): Promise<DeskFixture> {
  sandbox ??= await sandboxFixture();
  const f = deskFixture({ branchCode: '0123', ...policy });
  desks.push(f);
  f.desk.services.outbox.useGateway(sandbox.gateway());
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.addStaff({ ...OFFICER, employeeId: 'E1002', name: '李經辦' });
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

export const today = () => new Date().toISOString().slice(0, 10);
export const plusDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
export const step = { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password };

export async function preparedCase(
  f: DeskFixture,
  subject = { idNumber: 'A123456789', name: '陳大文' },
  products: ('T50' | 'T51' | 'T52')[] = ['T50', 'T51', 'T52'],
): Promise<number> {
  const created = await f.ok('cases.create', {
    subject,
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products,
  });
  // The bank's one-page form, bearing the customer's ID (the quality gate reads it).
  await f.ok('cases.addPages', {
    caseId: created.id,
    fileName: 'form.png',
    dataBase64: (await formPage('form', undefined, undefined, subject.idNumber)).toString('base64'),
  });
  await f.ok('cases.captureAuthorization', { caseId: created.id, signedOn: today(), validUntil: plusDays(30) });
  await f.ok('cases.requestApproval', { caseId: created.id });
  return created.id;
}

export async function settle(f: DeskFixture, caseId: number, until: string[]): Promise<string> {
  for (let i = 0; i < 50; i++) {
    await f.desk.services.outbox.drain();
    const state = (await f.ok('cases.get', { caseId })).state;
    if (until.includes(state)) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  return (await f.ok('cases.get', { caseId })).state;
}
