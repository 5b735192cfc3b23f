// JCIC gets one PDF per paper authorization: the form's items (page images stored as compact PDFs,
// imported PDFs, old PNG/JPEG rows) combined in order, in a worker with limits, the same bytes on
// every try, so a resend after a lost answer is the submission JCIC already has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { approveCase, deskFixture, type DeskFixture, ADMIN, OFFICER, SUPERVISOR } from '../support/desk-fixture';
import { jcic, keep, startSandbox, today, plusDays } from '../support/case-flow-kit';
import { formPage, formPdf } from '../support/forms';
import { combineForm, COMBINE_LIMITS, FormCombineError, type CombineItem } from '../../electron/main/jcic/form-combine';
import { JcicUnreachable, type JcicGateway, type JcicSubmission } from '../../electron/main/jcic/jcic-gateway';
import type { DeskOptions } from '../../electron/main/desk';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const item = (mediaType: CombineItem['mediaType'], data: Buffer, pageCount = 1): CombineItem => ({
  mediaType,
  data,
  pageCount,
  sha256: createHash('sha256').update(data).digest('hex'),
});

const sizes = async (pdf: Buffer) =>
  (await PDFDocument.load(pdf))
    .getPages()
    .map((p) => p.getSize().width.toFixed(0) + 'x' + p.getSize().height.toFixed(0));

test('every page of every item, in order, as one PDF; the same items give the same bytes in any worker', async () => {
  // A 2-page PDF (595×842 pt), then an old PNG row of 1000×1400 px: drawn as one page at 200 dpi.
  const items = [item('application/pdf', await formPdf(2), 2), item('image/png', await formPage('old', 1000, 1400))];
  const first = await combineForm(items);
  assert.equal(first.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.deepEqual(await sizes(first), ['595x842', '595x842', '360x504']);
  const again = await combineForm(items);
  // Limits of its own: another worker, started afresh.
  const elsewhere = await combineForm(items, { ...COMBINE_LIMITS });
  assert.ok(first.equals(again) && first.equals(elsewhere), 'byte-identical every time');
  const text = first.toString('latin1');
  assert.doesNotMatch(text, /\/ID\s*\[|CreationDate|ModDate/, 'no file ID and no dates');
});

test('a combination that overruns its time is stopped, and the next one still runs', async () => {
  const items = [item('application/pdf', await formPdf(1))];
  // Over its time: a busy PC may manage it next time. An item pdf-lib cannot read: it never will.
  await assert.rejects(
    combineForm(items, { ...COMBINE_LIMITS, timeoutMs: 1 }),
    (e) => e instanceof FormCombineError && e.retryable,
  );
  await assert.rejects(
    combineForm([item('application/pdf', Buffer.from('%PDF-1.7 not a pdf'))]),
    (e) => e instanceof FormCombineError && !e.retryable,
  );
  assert.equal((await PDFDocument.load(await combineForm(items))).getPageCount(), 1);
});

/** Where a case accepted by JCIC may be by now (the review takes no time in the sandbox). */
const SENT = ['submitted', 'under_review', 'data_received'];

async function desk(extra: Partial<DeskOptions> = {}): Promise<DeskFixture> {
  await startSandbox();
  const f = keep(deskFixture({ branchCode: '0123' }, undefined, extra));
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

/** A paper case of a page image and a 2-page PDF (3 pages, 2 items), approved and queued unless `approve` is false. */
async function twoItemCase(f: DeskFixture, idNumber: string, approve = true): Promise<number> {
  const { id: caseId } = await f.ok('cases.create', {
    subject: { idNumber, name: '王三頁' },
    enterprise: null,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50'],
  });
  const png = await formPage('1', undefined, undefined, idNumber);
  await f.ok('cases.addPages', { caseId, fileName: 'p1.png', dataBase64: png.toString('base64') });
  await f.ok('cases.addPages', { caseId, fileName: 'rest.pdf', dataBase64: (await formPdf(2)).toString('base64') });
  await f.ok('cases.captureAuthorization', { caseId, signedOn: today(), validUntil: plusDays(30) });
  await f.ok('cases.overrideFinding', { caseId, finding: 'page_count', reason: '含附件兩頁' });
  await f.ok('cases.requestApproval', { caseId });
  if (approve) await approveCase(f, caseId);
  return caseId;
}

/** The sandbox's gateway, recording what the desk sends; `loseFirst`: the first answer never arrives
 * (JCIC has recorded the submission, the desk does not know). */
function recording(loseFirst: boolean): { gateway: JcicGateway; sent: JcicSubmission[] } {
  const real = jcic.gateway();
  const sent: JcicSubmission[] = [];
  let lose = loseFirst;
  const gateway: JcicGateway = {
    get endpoint() {
      return real.endpoint;
    },
    get environment() {
      return real.environment;
    },
    health: () => real.health(),
    submit: async (s) => {
      sent.push(s);
      const answer = await real.submit(s);
      if (lose) {
        lose = false;
        throw new JcicUnreachable('the answer was lost on the way back');
      }
      return answer;
    },
    status: (id) => real.status(id),
    results: (id) => real.results(id),
    acknowledge: (id) => real.acknowledge(id),
    close: () => real.close(),
  };
  return { gateway, sent };
}

const recorded = async (idNumber: string) =>
  ((await jcic.submissions()) as unknown as { subjectId: string; pageCount: number; documentItems: number }[]).filter(
    (s) => s.subjectId === idNumber,
  );

test('a two-item paper case reaches JCIC as one PDF of its 3 pages, page image first', async () => {
  const f = await desk();
  const { gateway, sent } = recording(false);
  f.desk.services.outbox.useGateway(gateway, { kick: false });
  const caseId = await twoItemCase(f, 'A123456789');
  await f.desk.services.outbox.drain(false);
  assert.ok(SENT.includes((await f.ok('cases.get', { caseId })).state));
  assert.deepEqual(
    (await recorded('A123456789')).map((s) => [s.documentItems, s.pageCount]),
    [[1, 3]],
  );
  const [document] = sent.map((s) => s.pages);
  assert.deepEqual(
    document!.map((p) => p.mediaType),
    ['application/pdf'],
  );
  // The page image's compact PDF is an A4 sheet at 200 dpi (1654×2339 px); the imported pages follow it.
  assert.deepEqual(await sizes(document![0]!.data), ['595x842', '595x842', '595x842']);
  // In order: the page image's compact PDF draws its ink as an image; the imported PDF's pages were
  // re-embedded at import, each drawn as an embedded page.
  const combined = await PDFDocument.load(document![0]!.data);
  const draws = combined.getPages().map((p) => {
    const xObjects = p.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const names = (xObjects?.keys() ?? []).map((k) => k.decodeText());
    return names.some((n) => n.startsWith('EmbeddedPdfPage'))
      ? 'pdf page'
      : names.some((n) => n.startsWith('Ink'))
        ? 'image'
        : names.join();
  });
  assert.deepEqual(draws, ['image', 'pdf page', 'pdf page']);
});

test('a resend after a lost answer is the same body: JCIC records one submission delivered twice', async () => {
  const f = await desk();
  const { gateway, sent } = recording(true);
  f.desk.services.outbox.useGateway(gateway, { kick: false });
  const caseId = await twoItemCase(f, 'B223456782');
  await f.desk.services.outbox.drain(false);
  assert.equal((await f.ok('cases.get', { caseId })).state, 'queued', 'the desk did not hear the answer');
  f.advanceMinutes(2); // past the backoff
  await f.desk.services.outbox.drain(false);
  assert.equal(sent.length, 2);
  assert.equal(sent[0]!.submissionId, sent[1]!.submissionId);
  assert.ok(sent[0]!.pages[0]!.data.equals(sent[1]!.pages[0]!.data), 'byte-identical PDF on the resend');
  // A different body under the same id would be 409 submission-id-reused and a rejected case.
  const detail = await f.ok('cases.get', { caseId });
  assert.ok(SENT.includes(detail.state), detail.state);
  const [record] = (await jcic.submissions()).filter((s) => s.subjectId === 'B223456782');
  assert.equal(record!.deliveries, 2);
  const unreachable = f.desk.services.audit
    .list(100)
    .filter((a) => a.case_id === caseId && a.action === 'jcic.unreachable');
  assert.equal(unreachable.length, 1, 'the outage is recorded once, when it starts');
});

test("an item changed on disk behind the desk's back stops the form before any combining: nothing reaches JCIC", async () => {
  const f = await desk();
  const { gateway, sent } = recording(false);
  f.desk.services.outbox.useGateway(gateway, { kick: false });
  const caseId = await twoItemCase(f, 'C123456781', false);
  const second = f.desk.services.cases.pages(caseId)[1]!;
  writeFileSync(join(f.dataDir, 'forms', String(caseId), second.stored_as), await formPdf(2, 'FORGED'));
  await approveCase(f, caseId);
  await f.desk.services.outbox.drain(false);
  const detail = await f.ok('cases.get', { caseId });
  assert.equal(detail.outbox?.state, 'failed');
  assert.match(detail.outbox!.lastError!, /form page 2 changed on disk after approval/);
  assert.equal(sent.length, 0);
  assert.equal((await recorded('C123456781')).length, 0);
});

test('a form the combining worker could not finish this time (over its time on a busy PC) stays queued, is tried again with backoff, and goes once it combines', async () => {
  const limits = { ...COMBINE_LIMITS, timeoutMs: 1 };
  const f = await desk({ combineLimits: limits });
  const { gateway, sent } = recording(false);
  f.desk.services.outbox.useGateway(gateway, { kick: false });
  const caseId = await twoItemCase(f, 'D123456782');
  for (let round = 0; round < 2; round++) {
    await f.desk.services.outbox.drain(false);
    f.advanceMinutes(2); // past the backoff: the next round tries again
  }
  const waiting = await f.ok('cases.get', { caseId });
  assert.equal(waiting.state, 'queued', 'not tampering: the case is not failed');
  assert.equal(waiting.outbox?.state, 'pending');
  assert.equal(waiting.outbox?.attempts, 2);
  assert.equal(waiting.outbox?.problem?.code, 'not_combined');
  assert.match(waiting.outbox!.lastError!, /not combined within/);
  assert.equal(sent.length, 0);
  const rows = f.desk.services.audit.list(50).filter((a) => a.case_id === caseId);
  assert.equal(rows.filter((a) => a.action === 'form.combine_failed').length, 1, 'recorded once, when it started');
  assert.equal(rows.filter((a) => a.action === 'form.integrity_failed').length, 0);
  // The PC is less busy: the next try combines and sends.
  limits.timeoutMs = COMBINE_LIMITS.timeoutMs;
  await f.desk.services.outbox.drain(false);
  assert.ok(SENT.includes((await f.ok('cases.get', { caseId })).state));
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.pages.length, 1);
});
