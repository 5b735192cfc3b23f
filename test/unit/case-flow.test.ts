// The case flow through the contract, with a real sandbox JCIC over mutual TLS and real SQLite:
// intake, rules, files, approval, JCIC, send-back, lapse, acknowledgement, retention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN,
  OFFICER,
  SUPERVISOR,
  approveCase,
  deskFixture,
  errorCode,
  pagesDigestOf,
  newDraft,
} from '../support/desk-fixture';
import {
  deskWithStaff,
  keep,
  startSandbox,
  jcic,
  plusDays,
  preparedCase,
  settle,
  step,
  today,
} from '../support/case-flow-kit';
import { formPage, formPdf } from '../support/forms';
test('paper case end to end: intake → form → step-up approval → JCIC → data → retention purge', async () => {
  const f = await deskWithStaff();
  const caseId = await preparedCase(f);
  // the preparer cannot approve, not even with their own credentials typed as a "supervisor"
  assert.equal(
    errorCode(await f.call('cases.approve', { caseId, pagesDigest: await pagesDigestOf(f, caseId) })),
    'PREPARER_CANNOT_APPROVE',
  );
  assert.equal(
    errorCode(
      await f.call('cases.approve', {
        caseId,
        pagesDigest: await pagesDigestOf(f, caseId),
        supervisor: { employeeId: OFFICER.employeeId, password: OFFICER.password },
      }),
    ),
    'PREPARER_CANNOT_APPROVE',
  );
  assert.equal(
    errorCode(
      await f.call('cases.approve', {
        caseId,
        pagesDigest: await pagesDigestOf(f, caseId),
        supervisor: { employeeId: 'E1002', password: OFFICER.password },
      }),
    ),
    'APPROVER_NOT_SUPERVISOR',
  );
  const approved = await approveCase(f, caseId);
  assert.equal(approved.state, 'queued');
  assert.equal(approved.approvedBy?.employeeId, SUPERVISOR.employeeId);
  assert.equal(await settle(f, caseId, ['data_received']), 'data_received');
  const detail = await f.ok('cases.get', { caseId });
  assert.deepEqual(
    detail.events.map((e) => e.to),
    [
      'draft',
      'authorization_captured',
      'awaiting_approval',
      'approved',
      'queued',
      'submitted',
      'under_review',
      'data_received',
    ],
  );
  const results = await f.ok('cases.results', { caseId });
  assert.ok(results.products.T50!.records.some((r) => r.formatCode === '50'));
  assert.ok(results.products.T52!.periods.length >= 1);
  await f.desk.services.outbox.drain(); // acknowledgement
  const sub = (await jcic.submissions()).find((s) => s.subjectId === 'A123456789')!;
  assert.equal(sub.deliveries, 1);
  const audit = f.desk.services.audit.list(500).map((a) => a.action);
  for (const a of [
    'case.created',
    'form.imported',
    'auth.step_up',
    'jcic.submitted',
    'jcic.results_received',
    'jcic.acknowledged',
    'results.viewed',
  ])
    assert.ok(audit.includes(a), a);

  // Retention: 3 days by default; nothing is deleted a minute early, everything after.
  f.advanceMinutes(3 * 24 * 60 - 1);
  assert.equal((await f.desk.services.retention.sweep()).length, 0);
  f.advanceMinutes(2);
  assert.equal((await f.desk.services.retention.sweep()).length, 1);
  await f.ok('auth.unlock', { password: OFFICER.password }); // three days idle: the desk locked itself
  const purged = await f.ok('cases.get', { caseId });
  assert.equal(purged.state, 'purged');
  assert.equal(purged.pages.length, 0);
  assert.equal(errorCode(await f.call('cases.results', { caseId })), 'NO_RESULTS');
  // No paper copy of data that no longer exists, and no audit row claiming one.
  const printsBefore = f.desk.services.audit.list(500).filter((a) => a.action === 'results.printed').length;
  assert.equal(errorCode(await f.call('cases.recordPrint', { caseId })), 'NO_RESULTS');
  assert.equal(f.desk.services.audit.list(500).filter((a) => a.action === 'results.printed').length, printsBefore);
  assert.ok(
    !existsSync(join(f.dataDir, 'forms', String(caseId))) ||
      readdirSync(join(f.dataDir, 'forms', String(caseId))).length === 0,
  );
  assert.ok(purged.events.length === 9 && purged.events.at(-1)!.to === 'purged');
  assert.ok(f.desk.services.audit.list(500).some((a) => a.action === 'retention.purged' && a.case_id === caseId));
});

test('a used single-use authorization is refused by JCIC', async () => {
  const f = await deskWithStaff();
  const first = await preparedCase(f, { idNumber: 'B223456782', name: '林美玲' }, ['T50']);
  await approveCase(f, first);
  assert.equal(await settle(f, first, ['data_received']), 'data_received');
  await f.ok('cases.results', { caseId: first });
  // the same signed form again, for the same customer
  const second = await preparedCase(f, { idNumber: 'B223456782', name: '林美玲' }, ['T50']);
  await approveCase(f, second);
  assert.equal(await settle(f, second, ['rejected']), 'rejected');
  assert.equal((await f.ok('cases.get', { caseId: second })).rejection?.code, 'authorization-used');
});

test('a sandboxed rejection keeps its reason', async () => {
  const f = await deskWithStaff();
  const caseId = await preparedCase(f, { idNumber: 'T200000009', name: '測試退件乙' }, ['T50']);
  await approveCase(f, caseId);
  assert.equal(await settle(f, caseId, ['rejected']), 'rejected');
  const detail = await f.ok('cases.get', { caseId });
  assert.equal(detail.rejection?.code, 'signature-missing');
  assert.match(detail.rejection!.message, /未見客戶簽名/);

  // Starting again: a fresh draft for the same customer and request, linked in the audit trail.
  const again = await f.ok('cases.createFrom', { caseId });
  assert.notEqual(again.id, caseId);
  assert.deepEqual(
    [again.state, again.subject, again.products, again.pages.length],
    ['draft', { idNumber: 'T200000009', name: '測試退件乙' }, ['T50'], 0],
  );
  assert.equal(errorCode(await f.call('cases.createFrom', { caseId: again.id })), 'CASE_STILL_OPEN');
  const created = f.desk.services.audit.list(50).find((a) => a.action === 'case.created' && a.case_id === again.id)!;
  assert.equal(JSON.parse(created.detail!).from, caseId);
  await f.ok('auth.login', { employeeId: 'E1002', password: OFFICER.password });
  assert.equal(errorCode(await f.call('cases.createFrom', { caseId })), 'NOT_YOUR_CASE');
});

test('rules: guarantor cannot get T52; T53 cannot be requested; credit card only from 2023-11 and only T50/T51', async () => {
  const f = await deskWithStaff();
  const guarantor = await f.call('cases.create', {
    subject: { idNumber: 'F128765439', name: '張志強' },
    enterprise: null,
    role: 'guarantor',
    purpose: 'credit',
    products: ['T50', 'T52'],
  });
  assert.equal(errorCode(guarantor), 'INELIGIBLE');
  assert.ok(!guarantor.ok && guarantor.error.message['zh-TW'].includes('保證人不得查詢 T52'));
  assert.equal(
    errorCode(
      await f.call('cases.create', {
        subject: { idNumber: 'F128765439', name: '張志強' },
        enterprise: null,
        role: 'borrower',
        purpose: 'credit',
        products: ['T53'],
      }),
    ),
    'INELIGIBLE',
  );
  assert.equal(
    errorCode(
      await f.call('cases.create', {
        subject: { idNumber: 'H220102032', name: '黃淑芬' },
        enterprise: null,
        role: 'applicant',
        purpose: 'credit_card',
        products: ['T52'],
      }),
    ),
    'INELIGIBLE',
  );
  assert.equal(
    errorCode(
      await f.call('cases.create', {
        subject: { idNumber: 'H220102032', name: '黃淑芬' },
        enterprise: null,
        role: 'borrower',
        purpose: 'aml_compliance',
        products: ['T50'],
      }),
    ),
    'INELIGIBLE',
  );
  const card = await f.ok('cases.create', {
    subject: { idNumber: 'H220102032', name: '黃淑芬' },
    enterprise: null,
    role: 'applicant',
    purpose: 'credit_card',
    products: ['T50', 'T51'],
  });
  await f.ok('cases.addPages', {
    caseId: card.id,
    fileName: 'form.png',
    dataBase64: (await formPage('card')).toString('base64'),
  });
  assert.equal(card.state, 'draft');
  assert.equal(
    errorCode(
      await f.call('cases.create', {
        subject: { idNumber: 'F128765439', name: '張志強' },
        enterprise: null,
        role: 'responsible_person',
        purpose: 'credit',
        products: ['T50'],
      }),
    ),
    'ENTERPRISE_REQUIRED',
  );
  assert.equal(
    errorCode(
      await f.call('cases.create', {
        subject: { idNumber: 'A123456788', name: 'x' },
        enterprise: null,
        role: 'borrower',
        purpose: 'credit',
        products: ['T50'],
      }),
    ),
    'INVALID_IDENTIFIER',
  );
});

test('broken and hostile files get a clear message and change nothing', async () => {
  const f = await deskWithStaff();
  const c = await newDraft(f, ['T50']);
  const png = await formPage('x');
  const cases: [string, Buffer, RegExp][] = [
    ['notes.txt', Buffer.from('just text'), /不是 PDF、JPEG、PNG 或 TIFF/],
    ['fake.png', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('garbage')]), /PDF 檔不完整/],
    ['cut.png', png.subarray(0, Math.floor(png.length / 2)), /影像檔不完整/],
    ['tiny.png', await formPage('t', 300, 400), /解析度太低/],
    ['one-byte.png', Buffer.alloc(1), /不是 PDF、JPEG、PNG 或 TIFF/],
  ];
  for (const [fileName, bytes, expected] of cases) {
    const r = await f.call('cases.addPages', {
      caseId: c.id,
      fileName,
      dataBase64: bytes.toString('base64') || 'AA==',
    });
    assert.ok(!r.ok, fileName);
    assert.match(r.error.message['zh-TW'], expected, fileName);
  }
  const detail = await f.ok('cases.get', { caseId: c.id });
  assert.equal(detail.pages.length, 0);
  assert.equal(detail.state, 'draft');
});

test('the 20-page limit counts the pages inside a PDF, not the files', async () => {
  const f = await deskWithStaff();
  const c = await newDraft(f, ['T50']);
  const pdf = await f.ok('cases.addPages', {
    caseId: c.id,
    fileName: 'signed.pdf',
    dataBase64: (await formPdf(18)).toString('base64'),
  });
  assert.deepEqual(
    pdf.pages.map((p) => [p.mediaType, p.pageCount]),
    [['application/pdf', 18]],
  );
  for (const n of [19, 20])
    await f.ok('cases.addPages', {
      caseId: c.id,
      fileName: `p${n}.png`,
      dataBase64: (await formPage(String(n))).toString('base64'),
    });
  const over = await f.call('cases.addPages', {
    caseId: c.id,
    fileName: 'p21.png',
    dataBase64: (await formPage('21')).toString('base64'),
  });
  assert.equal(errorCode(over), 'TOO_MANY_PAGES');
  const detail = await f.ok('cases.get', { caseId: c.id });
  assert.deepEqual(
    detail.pages.map((p) => p.pageCount),
    [18, 1, 1],
  );
});

test('credit card purpose: refused before 2023-11-01, then T50/T51 only (desk clock in 2023)', async () => {
  await startSandbox();
  const f = deskFixture({ branchCode: '0123' }, new Date('2023-10-20T02:00:00Z'));
  keep(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const applicant = {
    subject: { idNumber: 'H220102032', name: '黃淑芬' },
    enterprise: null,
    role: 'applicant' as const,
    purpose: 'credit_card' as const,
  };
  const before = await f.call('cases.create', { ...applicant, products: ['T50'] });
  assert.equal(errorCode(before), 'INELIGIBLE');
  assert.ok(!before.ok && before.error.message['zh-TW'].includes('2023-11-01'));
  f.advanceMinutes(13 * 24 * 60); // 2023-11-02
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const created = await f.ok('cases.create', { ...applicant, products: ['T50', 'T51'] });
  assert.deepEqual(created.products, ['T50', 'T51']);
  assert.equal(errorCode(await f.call('cases.create', { ...applicant, products: ['T50', 'T52'] })), 'INELIGIBLE');
  // a form signed before the rule took effect cannot authorize the query either
  await f.ok('cases.addPages', {
    caseId: created.id,
    fileName: 'f.png',
    dataBase64: (await formPage('cc')).toString('base64'),
  });
  const signedEarly = await f.call('cases.captureAuthorization', {
    caseId: created.id,
    signedOn: '2023-10-31',
    validUntil: '2023-12-31',
  });
  assert.equal(errorCode(signedEarly), 'INELIGIBLE');
  await f.ok('cases.captureAuthorization', { caseId: created.id, signedOn: '2023-11-01', validUntil: '2023-12-31' });
});

test('retention is per product: a shorter window deletes that product first, the case goes when the last one ends', async () => {
  const f = await deskWithStaff({ retentionDays: { T50: 3, T51: 3, T52: 1 } });
  const caseId = await preparedCase(f, { idNumber: 'E101234569', name: '李建國' }, ['T50', 'T52']);
  await approveCase(f, caseId);
  assert.equal(await settle(f, caseId, ['data_received']), 'data_received');
  f.advanceMinutes(24 * 60 + 1);
  const swept = await f.desk.services.retention.sweep();
  assert.deepEqual(
    swept.map((x) => x.products),
    [['T52']],
  );
  await f.ok('auth.unlock', { password: OFFICER.password });
  const partial = await f.ok('cases.results', { caseId });
  assert.ok(partial.products.T50 && !partial.products.T52);
  assert.equal((await f.ok('cases.get', { caseId })).state, 'data_received');
  f.advanceMinutes(2 * 24 * 60);
  await f.desk.services.retention.sweep();
  await f.ok('auth.unlock', { password: OFFICER.password });
  assert.equal((await f.ok('cases.get', { caseId })).state, 'purged');
  const actions = f.desk.services.audit
    .list(1000)
    .filter((a) => a.case_id === caseId)
    .map((a) => a.action);
  assert.ok(actions.includes('retention.product_purged') && actions.includes('retention.purged'));
});

test('a form changed on disk after approval is never sent, and the desk says why', async () => {
  const f = await deskWithStaff();
  const caseId = await preparedCase(f, { idNumber: 'F128765439', name: '張志強' }, ['T50']);
  const { writeFileSync } = await import('node:fs');
  const page = f.desk.services.cases.pages(caseId)[0]!;
  writeFileSync(join(f.dataDir, 'forms', String(caseId), page.stored_as), await formPage('forged'));
  await approveCase(f, caseId);
  await f.desk.services.outbox.drain();
  const detail = await f.ok('cases.get', { caseId });
  assert.equal(detail.state, 'queued');
  assert.equal(detail.outbox?.state, 'failed');
  assert.match(detail.outbox!.lastError!, /changed on disk after approval/);
  assert.ok(!(await jcic.submissions()).some((s) => s.subjectId === 'F128765439'));
});

test('a supervisor sends a case back with a reason; the officer fixes and resubmits', async () => {
  const f = await deskWithStaff();
  const caseId = await preparedCase(f, { idNumber: 'H220102032', name: '黃淑芬' }, ['T50']);
  const empty = await f.call('cases.sendBack', { caseId, reason: '', supervisor: step });
  assert.ok(!empty.ok);
  // The field at fault, its label and problem in both languages: no schema text.
  assert.deepEqual(
    empty.error.fields?.map((x) => [x.path, x.problem, x.label['zh-TW'], x.message['zh-TW'], x.message.en]),
    [['reason', 'required', '原因', '請填寫', 'required']],
  );
  assert.equal(empty.error.message['zh-TW'], '請修正：原因：請填寫');
  assert.equal(empty.error.message.en, 'Please correct: Reason: required');
  const back = await f.ok('cases.sendBack', { caseId, reason: '第 1 頁不清楚，請重新掃描', supervisor: step });
  // Sent back (退回補件) is a state of its own, the reason on the case and in the officer's list.
  assert.equal(back.state, 'sent_back');
  assert.equal(back.sentBackReason, '第 1 頁不清楚，請重新掃描');
  assert.equal(back.events.at(-1)!.reason, '第 1 頁不清楚，請重新掃描');
  assert.equal(back.events.at(-1)!.actor?.employeeId, SUPERVISOR.employeeId);
  const mine = await f.ok('cases.list', { scope: 'mine' });
  assert.equal(mine.items.find((c) => c.id === caseId)?.sentBackReason, '第 1 頁不清楚，請重新掃描');
  // The officer's home asks for one state at a time: only the sent-back case comes back.
  const queue = await f.ok('cases.list', { scope: 'mine', states: ['sent_back'] });
  assert.deepEqual(
    queue.items.map((c) => [c.id, c.state]),
    [[caseId, 'sent_back']],
  );
  assert.equal((await f.ok('cases.list', { scope: 'mine', states: ['data_received'] })).items.length, 0);
  assert.equal(errorCode(await f.call('cases.list', { scope: 'mine', states: [] })), 'VALIDATION');
  // replacing a page sends the case back to draft: the dates must be confirmed again
  const page1 = back.pages[0]!;
  assert.equal((await f.ok('cases.removePage', { caseId, pageId: page1.id })).state, 'draft');
  await f.ok('cases.addPages', {
    caseId,
    fileName: 'p1-rescan.png',
    dataBase64: (await formPage('rescan', undefined, undefined, 'H220102032')).toString('base64'),
  });
  await f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: plusDays(30) });
  const again = await f.ok('cases.requestApproval', { caseId });
  assert.equal(again.state, 'awaiting_approval');
  assert.equal(again.sentBackReason, null);
  assert.equal(errorCode(await f.call('cases.requestApproval', { caseId })), 'ILLEGAL_TRANSITION');
  // Sent back once more, the officer may also ask again with the form as it is.
  await f.ok('cases.sendBack', { caseId, reason: '請主管再確認', supervisor: step });
  assert.equal((await f.ok('cases.requestApproval', { caseId })).state, 'awaiting_approval');
  // The desk's own notes are codes the screen words in the reader's language.
  const detail = await f.ok('cases.get', { caseId });
  assert.ok(detail.events.some((e) => e.note?.code === 'pages_changed' && e.reason === null));
});

test('an authorization that lapses while JCIC is unreachable expires instead of being sent', async () => {
  await startSandbox();
  const f = deskFixture({ branchCode: '0123' });
  keep(f); // no gateway: JCIC cannot be reached
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const c = await newDraft(f, ['T50']);
  await f.ok('cases.addPages', {
    caseId: c.id,
    fileName: 'f.png',
    dataBase64: (await formPage('f')).toString('base64'),
  });
  await f.ok('cases.captureAuthorization', { caseId: c.id, signedOn: today(), validUntil: plusDays(2) });
  await f.ok('cases.requestApproval', { caseId: c.id });
  assert.equal((await approveCase(f, c.id)).state, 'queued');
  f.advanceMinutes(3 * 24 * 60 + 10);
  const done = await f.desk.services.retention.sweep();
  assert.equal(done[0]?.kind, 'expire-authorization');
  await f.ok('auth.unlock', { password: OFFICER.password });
  const detail = await f.ok('cases.get', { caseId: c.id });
  assert.equal(detail.state, 'authorization_expired');
  assert.equal(detail.outbox?.state, 'failed');
});

test('an acknowledgement that cannot be delivered is retried until JCIC has it', async () => {
  const { JcicUnreachable } = await import('../../electron/main/jcic/jcic-gateway');
  await startSandbox();
  const f = deskFixture({ branchCode: '0123' });
  keep(f);
  const real = jcic.gateway();
  // The first acknowledgement is lost on the line; every later one gets through. The desk's own
  // ticks may retry it at any moment, so the test counts attempts instead of catching it between.
  const attempts: ('lost' | 'delivered')[] = [];
  const flaky = Object.assign(Object.create(real) as typeof real, {
    acknowledge: async (id: string) => {
      if (attempts.length === 0) {
        attempts.push('lost');
        throw new JcicUnreachable('line dropped after the data arrived');
      }
      const answer = await real.acknowledge(id);
      attempts.push('delivered');
      return answer;
    },
  });
  f.desk.services.outbox.useGateway(flaky);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const caseId = await preparedCase(f, { idNumber: 'N298765438', name: '吳雅婷' }, ['T50']);
  await approveCase(f, caseId);
  assert.equal(await settle(f, caseId, ['data_received']), 'data_received');
  const acked = () =>
    f.desk.services.audit.list(1000).some((a) => a.case_id === caseId && a.action === 'jcic.acknowledged');
  assert.equal(attempts[0], 'lost', 'the first acknowledgement was attempted with the data, and lost');
  for (let i = 0; i < 20 && !acked(); i++) await f.desk.services.outbox.drain();
  assert.equal(acked(), true);
  assert.deepEqual(attempts, ['lost', 'delivered'], 'asked again until JCIC had it, and then no more');
});
