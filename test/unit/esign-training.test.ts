// A training desk (no JCIC endpoint, no card parts configured): a simulated card made for the
// case's customer from the desk's own training PKI, with a real card's PIN discipline, signs
// through the same path as a MOICA card; everything says it is training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, OFFICER, deskFixture, errorCode, type DeskFixture } from '../support/desk-fixture';
import { plusDays } from '../support/case-flow-kit';
import { borrowerCase, signWithCard } from '../support/esign-kit';

async function officerDesk() {
  const f = deskFixture({ branchCode: '0123' });
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

const newCase = (f: DeskFixture, idNumber: string, name: string) => borrowerCase(f, { idNumber, name });

async function insertedCard(f: DeskFixture, caseId: number) {
  await f.ok('card.trainingInsert', { caseId });
  const reader = (await f.ok('card.state', {})).readers[0]!;
  assert.equal(reader.state, 'ready');
  return reader;
}

test('training desk: the simulated card for the customer, three PIN tries with the final-try warning, a blocked card, then a signature that checks', async () => {
  const f = await officerDesk();
  try {
    const first = await f.ok('card.state', {});
    assert.deepEqual(first.training, { pin: '123456' });
    assert.equal(first.unavailable, null);
    assert.equal(first.readers[0]!.state, 'no_card');
    assert.match(first.readers[0]!.name, /訓練/);

    const caseId = await newCase(f, 'A123456789', '王小明');
    let reader = await insertedCard(f, caseId);
    assert.deepEqual(reader.holder && { name: reader.holder.name, last: reader.holder.idLastFour }, {
      name: '王小明',
      last: '6789',
    });
    assert.match(reader.cardNumberMasked!, /^TR\*{10}\d{4}$/);
    assert.deepEqual(await f.ok('esign.pinState', { insertion: reader.insertion! }), {
      countLow: false,
      finalTry: false,
      locked: false,
    });
    const sign = (pin: string, confirmFinalTry = false) =>
      signWithCard(f, { caseId, insertion: reader.insertion!, pin, confirmFinalTry });
    assert.equal(errorCode(await sign('12345')), 'PIN_FORMAT');
    const wrong = await sign('654321');
    assert.equal(errorCode(wrong), 'PIN_INCORRECT_NO_COUNT', wrong.ok ? '' : wrong.error.message.en);
    assert.deepEqual(await f.ok('esign.pinState', { insertion: reader.insertion! }), {
      countLow: true,
      finalTry: false,
      locked: false,
    });
    const second = await sign('654321');
    assert.equal(errorCode(second), 'PIN_INCORRECT');
    assert.ok(!second.ok && second.error.message['zh-TW'].includes('尚可再試 1 次'));
    assert.equal(errorCode(await sign('123456')), 'PIN_FINAL_TRY', 'the last try needs the confirmation');
    assert.equal(errorCode(await sign('999999', true)), 'PIN_LOCKED');
    assert.equal(errorCode(await sign('123456', true)), 'PIN_LOCKED', 'blocked stays blocked');
    assert.equal((await f.ok('cases.get', { caseId })).state, 'draft');

    // A new training card for the same customer: a fresh PIN counter.
    reader = await insertedCard(f, caseId);
    const signed = await sign('123456');
    assert.ok(signed.ok, signed.ok ? '' : signed.error.message.en);
    const detail = signed.value;
    assert.equal(detail.state, 'authorization_captured');
    assert.equal(detail.authorizationMethod, 'moica');
    assert.equal(detail.esign!.verdict, 'valid');
    assert.equal(detail.esign!.signerName, '王小明');
    assert.deepEqual(detail.esign!.revocation, { status: 'valid', source: 'training' });
    const page = detail.pages[0]!;
    assert.equal(page.mediaType, 'application/pkcs7-signature');

    // The signature is no paper page: a paper capture is refused while it is there…
    const paper = await f.call('cases.captureAuthorization', {
      caseId,
      signedOn: plusDays(0),
      validUntil: plusDays(30),
    });
    assert.equal(errorCode(paper), 'SIGNATURE_NOT_PAPER');
    // …and removing it takes what its checks found with it: a paper draft again.
    const removed = await f.ok('cases.removePage', { caseId, pageId: page.id });
    assert.deepEqual(
      [removed.state, removed.authorizationMethod, removed.esign, removed.pages.length],
      ['draft', 'paper', null, 0],
    );
  } finally {
    f.dispose();
  }
});

test("training desk: another customer's training card is refused by the certificate checks, naming what differs", async () => {
  const f = await officerDesk();
  try {
    const mine = await newCase(f, 'A123456789', '王小明');
    const theirs = await newCase(f, 'H220102032', '李美華');
    const reader = await insertedCard(f, theirs);
    const validUntil = plusDays(30); // a Taiwan day (UTC's date is yesterday there before 08:00)
    const doc = await f.ok('esign.document', { caseId: mine, validUntil });
    const r = await f.call('esign.sign', {
      caseId: mine,
      validUntil,
      issuedAt: doc.issuedAt,
      documentSha256: doc.sha256,
      insertion: reader.insertion!,
      pin: '123456',
      confirmFinalTry: false,
    });
    assert.equal(errorCode(r), 'CERTIFICATE_REFUSED');
    assert.ok(!r.ok && /身分證|ID/.test(r.error.message.en + r.error.message['zh-TW']));
    // The refusal cost no PIN try.
    assert.equal((await f.ok('esign.pinState', { insertion: reader.insertion! })).countLow, false);
    await f.ok('card.trainingRemove', {});
    assert.equal((await f.ok('card.state', {})).readers[0]!.state, 'no_card');
  } finally {
    f.dispose();
  }
});

test('a desk with card parts configured has no training card', async () => {
  const f = deskFixture({ pkcs11Module: '/nonexistent/libHicos_p11.so' });
  try {
    await f.ok('setup.createAdmin', ADMIN);
    await f.addStaff(OFFICER);
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    const caseId = await newCase(f, 'A123456789', '王小明');
    assert.equal((await f.ok('card.state', {})).training, null);
    assert.equal(errorCode(await f.call('card.trainingInsert', { caseId })), 'NOT_TRAINING');
  } finally {
    f.dispose();
  }
});
