// The quality gate through the contract, on real forms drawn by the tests and the desk's real intake
// (worker, analysis, compact PDF, OCR of the ID): a blurred camera shot, a blank page, a missing
// page, and a form bearing another person's ID are each found with the page they concern; the case
// cannot go to a supervisor until each is answered with a reason; the answer is recorded (audit)
// and shown to the supervisor; a good one-page form passes untouched.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN,
  OFFICER,
  SUPERVISOR,
  deskFixture,
  errorCode,
  newDraft,
  type DeskFixture,
} from '../support/desk-fixture';
import { blankPage, capturedForm, photographedForm } from '../support/capture-forms';
import { formPdf } from '../support/forms';
import { plusDays, today } from '../support/case-flow-kit';

const desks: DeskFixture[] = [];
after(() => desks.forEach((d) => d.dispose()));

async function desk(policy: Record<string, unknown> = {}): Promise<DeskFixture> {
  const f = deskFixture({ branchCode: '0123', ...policy });
  desks.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

const add = (f: DeskFixture, caseId: number, name: string, bytes: Buffer) =>
  f.ok('cases.addPages', { caseId, fileName: name, dataBase64: bytes.toString('base64') });
const codes = (d: { quality: { findings: { code: string; position: number | null }[] } }) =>
  d.quality.findings.map((x) => `${x.code}${x.position ? `@${x.position}` : ''}`).sort();
const capture = (f: DeskFixture, caseId: number) =>
  f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: plusDays(30) });

test("a good one-page form bearing the customer's ID passes the gate and goes to a supervisor", async () => {
  const f = await desk();
  const { id } = await newDraft(f); // 陳大文 A123456789
  const detail = await add(f, id, 'form.jpg', await capturedForm({ name: '陳大文', idNumber: 'A123456789' }));
  assert.deepEqual(codes(detail), []);
  assert.equal(detail.pages[0]!.mediaType, 'application/pdf', 'stored as the compact PDF JCIC gets');
  assert.ok(detail.pages[0]!.bytes < 80 * 1024, `${detail.pages[0]!.bytes} bytes`);
  await capture(f, id);
  assert.equal((await f.ok('cases.requestApproval', { caseId: id })).state, 'awaiting_approval');
});

test('a blurred camera shot, a blank page, another person’s form: each found on its page; the case waits until each is answered', async () => {
  const f = await desk();
  const { id } = await newDraft(f);
  await add(f, id, 'blurred.jpg', await photographedForm({ idNumber: 'A123456789', blur: 4 }));
  await add(f, id, 'blank.jpg', await blankPage());
  const third = await add(f, id, 'other.jpg', await capturedForm({ name: '林美玲', idNumber: 'B223456782' }));
  // Three pages where the form has one; the customer's ID on none of them, another's on page 3.
  assert.deepEqual(codes(third), ['blank@2', 'blurred@1', 'id_other@3', 'page_count']);
  await capture(f, id);
  const refused = await f.call('cases.requestApproval', { caseId: id });
  assert.equal(errorCode(refused), 'QUALITY_GATE');
  assert.match(
    !refused.ok ? refused.error.message['zh-TW'] : '',
    /第 1 頁模糊不清.*第 2 頁是空白頁.*第 3 頁上的身分證字號不是本案客戶的/,
  );
  assert.match(!refused.ok ? refused.error.message.en : '', /Page 1 is blurred/);

  // A reason is required, and only for a finding that is there.
  const short = await f.call('cases.overrideFinding', { caseId: id, finding: 'page_count', reason: 'ok' });
  assert.equal(errorCode(short), 'VALIDATION');
  assert.equal(
    errorCode(await f.call('cases.overrideFinding', { caseId: id, finding: 'blank:999', reason: '沒有這一項' })),
    'FINDING_GONE',
  );
  let detail = third;
  for (const finding of third.quality.findings)
    detail = await f.ok('cases.overrideFinding', {
      caseId: id,
      finding: finding.key,
      reason: `客戶當場確認：${finding.code}`,
    });
  assert.ok(detail.quality.findings.every((x) => x.override?.by?.name === OFFICER.name));
  assert.equal((await f.ok('cases.requestApproval', { caseId: id })).state, 'awaiting_approval');

  // The supervisor sees each finding with the officer's reason; the audit trail has each answer.
  await f.ok('auth.login', { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password });
  const seen = await f.ok('cases.get', { caseId: id });
  assert.deepEqual(
    seen.quality.findings.map((x) => x.override?.reason),
    seen.quality.findings.map((x) => `客戶當場確認：${x.code}`),
  );
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const trail = await f.ok('audit.list', { caseId: id, limit: 50 });
  assert.equal(trail.items.filter((e) => e.action === 'form.finding_overridden').length, 4);
});

test("a missing page (the policy's form has two) is found; removing a page takes its answered findings with it", async () => {
  const f = await desk({ formTypes: [{ id: 'two-page', name: '兩頁式授權書', pages: 2 }] });
  const { id } = await newDraft(f);
  const one = await add(f, id, 'p1.jpg', await capturedForm({ idNumber: 'A123456789' }));
  assert.deepEqual(codes(one), ['page_count']);
  assert.deepEqual(one.quality.findings[0]!.params, { found: '1', expected: '2' });
  const two = await add(f, id, 'blank.jpg', await blankPage());
  assert.deepEqual(codes(two), ['blank@2']);
  const answered = await f.ok('cases.overrideFinding', {
    caseId: id,
    finding: 'blank:' + two.pages[1]!.id,
    reason: '背面空白',
  });
  assert.ok(answered.quality.findings[0]!.override);
  const removed = await f.ok('cases.removePage', { caseId: id, pageId: two.pages[1]!.id });
  assert.deepEqual(codes(removed), ['page_count'], 'the count is wrong again, and unanswered');
  assert.equal(removed.quality.findings[0]!.override, null);
});

test('the officer chooses the form type the customer signed; the page count is checked against it', async () => {
  const f = await desk({
    formTypes: [
      { id: 'bank', name: '個人資料查詢授權書', pages: 1 },
      { id: 'joint', name: '共同授權書', pages: 2 },
    ],
  });
  const { id } = await newDraft(f);
  const form = await capturedForm({ name: '陳大文', idNumber: 'A123456789' });
  await add(f, id, 'p1.jpg', form);
  const two = await add(f, id, 'p2.jpg', form);
  assert.equal(two.quality.formType, 'bank', 'a new case takes the policy’s first form type');
  assert.deepEqual(codes(two), ['page_count']);
  await f.ok('cases.overrideFinding', { caseId: id, finding: 'page_count', reason: '客戶簽了兩份' });
  const chosen = await f.ok('cases.chooseFormType', { caseId: id, formType: 'joint' });
  assert.equal(chosen.quality.formType, 'joint');
  assert.equal(chosen.quality.expectedPages, 2);
  assert.deepEqual(codes(chosen), [], 'two pages are what the joint form has');
  // Back to the one-page form: the old answer was given for another form and does not carry over.
  const back = await f.ok('cases.chooseFormType', { caseId: id, formType: 'bank' });
  assert.deepEqual(
    back.quality.findings.map((x) => [x.code, x.override]),
    [['page_count', null]],
  );
  assert.equal(errorCode(await f.call('cases.chooseFormType', { caseId: id, formType: 'nope' })), 'FORM_TYPE_UNKNOWN');
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const trail = await f.ok('audit.list', { caseId: id, limit: 50 });
  assert.equal(trail.items.filter((e) => e.action === 'form.type_chosen').length, 2);
});

test('a scanner’s PDF is taken apart into its page images and judged like any scan; a drawn PDF stays as drawn', async () => {
  const f = await desk({ formTypes: [{ id: 'joint', name: '共同授權書', pages: 2 }] });
  const { id } = await newDraft(f);
  const { PDFDocument } = await import('pdf-lib');
  const scanned = await PDFDocument.create();
  for (const form of [await blankPage(), await capturedForm({ name: '林美玲', idNumber: 'B223456782' })]) {
    const image = await scanned.embedJpg(form);
    scanned.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  const detail = await add(f, id, 'scan.pdf', Buffer.from(await scanned.save()));
  assert.deepEqual(
    detail.pages.map((p) => [p.fileName, p.pageCount, p.width, p.editable]),
    [
      ['scan.pdf', 1, 1654, true],
      ['scan.pdf', 1, 1654, true],
    ],
    'one page item per scanned page, each with its original for the editor',
  );
  // Judged page by page: the first sheet is blank, the second another person's form.
  assert.deepEqual(codes(detail), ['blank@1', 'id_other@2']);
  const drawn = await f.ok('cases.create', {
    subject: { idNumber: 'A123456789', name: '陳大文' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  const vector = await add(f, drawn.id, 'form.pdf', await formPdf(2, 'SIGNED'));
  assert.deepEqual(
    vector.pages.map((p) => [p.pageCount, p.editable]),
    [[2, false]],
  );
});
