// Driving a desk as the hosts start it (createDesk with its timers and the sandbox JCIC), through its
// contract: a call that must succeed, a wait, the staff a case needs, and one case taken to its data.
import assert from 'node:assert/strict';
import type { Desk } from '../../electron/main/desk';
import type { CallName, InputOf, OutputOf } from '../../common/contract';
import type { ProductCode } from '../../common/domain/products';
import { ADMIN, OFFICER, SUPERVISOR } from './desk-fixture';
import { formPage } from './forms';

export async function ok<N extends CallName>(desk: Desk, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const r = await desk.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message.en}`);
  return r.value as OutputOf<N>;
}

export async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (await check()) return;
  assert.fail(`timed out waiting for ${what}`);
}

/** The first IT administrator, then an officer and a supervisor with their own passwords set. */
export async function staffTheDesk(desk: Desk): Promise<void> {
  await ok(desk, 'setup.createAdmin', ADMIN);
  for (const who of [OFFICER, SUPERVISOR]) {
    await ok(desk, 'staff.create', { ...who, password: `Temp-${who.password}` });
    await ok(desk, 'auth.login', { employeeId: who.employeeId, password: `Temp-${who.password}` });
    await ok(desk, 'auth.changePassword', { currentPassword: `Temp-${who.password}`, newPassword: who.password });
    await ok(desk, 'auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  }
}

/** A paper case for 陳大文 (the given ID) from creation to JCIC's data; the officer stays signed in. */
export async function caseWithData(desk: Desk, idNumber: string, products: ProductCode[] = ['T50']): Promise<number> {
  await ok(desk, 'auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const { id } = await ok(desk, 'cases.create', {
    subject: { idNumber, name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products,
  });
  await ok(desk, 'cases.addPages', {
    caseId: id,
    fileName: 'p.png',
    dataBase64: (await formPage('p', undefined, undefined, idNumber)).toString('base64'),
  });
  const today = new Date().toISOString().slice(0, 10);
  const captured = await ok(desk, 'cases.captureAuthorization', {
    caseId: id,
    signedOn: today,
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await ok(desk, 'cases.requestApproval', { caseId: id });
  await ok(desk, 'cases.approve', {
    caseId: id,
    pagesDigest: captured.pagesDigest!,
    supervisor: { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password },
  });
  await until('the data', async () => (await ok(desk, 'cases.get', { caseId: id })).state === 'data_received', 20_000);
  return id;
}
