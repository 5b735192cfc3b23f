// C3 authorizations end to end through the contract: a file signed in the online channel with the
// customer's software certificate is imported into the case (read in a worker, the document matched
// to the case, the certificate chained to IT's C3 CAs and bound by the whole ID number, OCSP asked),
// the supervisor approves, and the sandbox JCIC verifies it on its own. Then the refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeC3Pki, c3File, type C3Pki } from '../support/c3-pki';
import { makeMoicaPki } from '../support/moica-pki';
import { startOcspResponder, type OcspResponder } from '../support/ocsp-responder';
import { ADMIN, OFFICER, SUPERVISOR, deskFixture, errorCode, type DeskFixture } from '../support/desk-fixture';
import { sandboxFixture, type SandboxFixture } from '../support/sandbox-fixture';
import { plusDays, settle } from '../support/case-flow-kit';
import { borrowerCase } from '../support/esign-kit';

const customer = { name: '王小明', idNumber: 'A123456789' };
const REGULAR = { accountType: 'regular', firstC3Issuance: false, videoConfirmed: false } as const;
let responder: OcspResponder;
let pki: C3Pki;
let sandbox: SandboxFixture;
let f: DeskFixture;

before(async () => {
  responder = await startOcspResponder();
  pki = makeC3Pki({ ocspUrl: `http://127.0.0.1:${responder.port}/OCSP` });
  responder.issuers = [pki.issuing];
  sandbox = await sandboxFixture({ esignTrustDirs: [pki.anchorsDir, pki.intermediatesDir] });
  f = deskFixture({
    branchCode: '0123',
    bankCode: '004',
    c3TrustAnchorDir: pki.anchorsDir,
    c3TrustIntermediateDir: pki.intermediatesDir,
    // IT's mirrors of MOICA's services (down here): a C3 certificate is asked where it says, not there.
    ocspUrl: 'http://127.0.0.1:9/MOICA-OCSP',
    crlUrl: 'http://127.0.0.1:9/MOICA-complete.crl',
  });
  f.desk.services.outbox.useGateway(sandbox.gateway());
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
});
after(async () => {
  f?.dispose();
  await sandbox?.sandbox.close();
  await responder?.close();
});

const newCase = (subject = customer) => borrowerCase(f, subject);

const importFile = (caseId: number, file: Buffer, identity: object = REGULAR) =>
  f.call('esign.importC3', {
    caseId,
    fileName: 'authorization.p7s',
    dataBase64: file.toString('base64'),
    identity: identity as typeof REGULAR,
  });

test('a C3 file for this case: imported with its checks and the identity recorded, approved, verified by JCIC, data received', async () => {
  const cert = pki.customer(customer);
  const caseId = await newCase();
  const r = await importFile(
    caseId,
    await c3File(cert, { subjectIdNumber: customer.idNumber, subjectName: customer.name }),
  );
  assert.ok(r.ok, r.ok ? '' : r.error.message.en);
  const detail = r.value;
  assert.equal(detail.state, 'authorization_captured');
  assert.equal(detail.authorizationMethod, 'c3');
  assert.equal(detail.esign!.verdict, 'valid');
  assert.deepEqual(detail.esign!.identity, REGULAR);
  const outcome = (id: string) => detail.esign!.checks.find((c) => c.id === id)?.outcome;
  assert.deepEqual(['chain', 'id_number', 'name', 'policy', 'revocation'].map(outcome), [
    'pass',
    'pass',
    'pass',
    'not_applicable',
    'pass',
  ]);
  assert.equal(detail.esign!.revocation?.status, 'valid');
  await f.ok('cases.requestApproval', { caseId });
  await f.ok('auth.login', { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password });
  const seen = await f.ok('cases.get', { caseId });
  await f.ok('cases.approve', { caseId, pagesDigest: seen.pagesDigest! });
  assert.equal(await settle(f, caseId, ['data_received', 'rejected']), 'data_received');
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
});

test('video identification: a first C3 certificate on a type-3 digital account or for a credit-card-only customer is refused without it', async () => {
  const cert = pki.customer(customer);
  const file = await c3File(cert, { subjectIdNumber: customer.idNumber, subjectName: customer.name });
  for (const accountType of ['digital_type3', 'credit_card_only'] as const) {
    const caseId = await newCase();
    const refused = await importFile(caseId, file, { accountType, firstC3Issuance: true, videoConfirmed: false });
    assert.equal(errorCode(refused), 'C3_VIDEO_REQUIRED');
    assert.equal(!refused.ok && refused.error.at, 'identity.videoConfirmed');
    // Not the first certificate: no video needed; with the video: imported.
    const later = await importFile(caseId, file, { accountType, firstC3Issuance: false, videoConfirmed: false });
    assert.ok(later.ok);
    const other = await newCase();
    assert.ok((await importFile(other, file, { accountType, firstC3Issuance: true, videoConfirmed: true })).ok);
  }
});

test("refused: another person's document, another person's certificate, a tampered or unreadable file, a chain to no C3 CA", async () => {
  const mine = pki.customer(customer);
  const theirs = pki.customer({ name: '陳大文', idNumber: 'B234561230' });
  const caseId = await newCase();

  const otherDoc = await importFile(
    caseId,
    await c3File(theirs, { subjectIdNumber: 'B234561230', subjectName: '陳大文' }),
  );
  assert.equal(errorCode(otherDoc), 'C3_DOCUMENT_MISMATCH');
  assert.match(!otherDoc.ok ? otherDoc.error.message['zh-TW'] : '', /客戶身分證字號、客戶姓名/);

  const otherCert = await importFile(
    caseId,
    await c3File(theirs, { subjectIdNumber: customer.idNumber, subjectName: customer.name }),
  );
  assert.equal(errorCode(otherCert), 'C3_CERTIFICATE_REFUSED');
  assert.match(!otherCert.ok ? otherCert.error.message.en : '', /ID number is not the customer's/);

  const wrongProducts = await importFile(
    caseId,
    await c3File(mine, { subjectIdNumber: customer.idNumber, subjectName: customer.name, products: ['T50', 'T52'] }),
  );
  assert.match(!wrongProducts.ok ? wrongProducts.error.message.en : '', /the products/);

  const good = await c3File(mine, { subjectIdNumber: customer.idNumber, subjectName: customer.name });
  const tampered = Buffer.from(good);
  const at = tampered.indexOf(Buffer.from('王小明'));
  tampered[at + 1] = tampered[at + 1]! ^ 1;
  assert.equal(errorCode(await importFile(caseId, tampered)), 'C3_SIGNATURE_INVALID');
  assert.equal(errorCode(await importFile(caseId, Buffer.from('not a CMS at all'))), 'C3_FILE_UNREADABLE');

  // The document's own dates are real days, and the signing time is inside its period.
  const never = await importFile(
    caseId,
    await c3File(mine, { subjectIdNumber: customer.idNumber, subjectName: customer.name, validUntil: '2099-99-99' }),
  );
  assert.equal(errorCode(never), 'C3_FILE_UNREADABLE');
  const day = 86_400_000;
  const backdated = await importFile(
    caseId,
    await c3File(
      mine,
      { subjectIdNumber: customer.idNumber, subjectName: customer.name, validFrom: plusDays(0) },
      new Date(Date.now() - 20 * day),
    ),
  );
  assert.equal(errorCode(backdated), 'C3_DOCUMENT_MISMATCH');
  assert.match(!backdated.ok ? backdated.error.message.en : '', /signing time is outside the period/);

  const moica = makeMoicaPki();
  const stranger = moica.citizen(customer);
  const untrusted = await importFile(
    caseId,
    await c3File({ ...stranger }, { subjectIdNumber: customer.idNumber, subjectName: customer.name }),
  );
  assert.equal(errorCode(untrusted), 'C3_CERTIFICATE_REFUSED');
  assert.equal((await f.ok('cases.get', { caseId })).state, 'draft', 'nothing was imported');
});

test('a desk without C3 CAs says C3 imports are unavailable', async () => {
  const g = deskFixture({ branchCode: '0123' });
  try {
    await g.ok('setup.createAdmin', ADMIN);
    await g.addStaff(OFFICER);
    await g.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    const caseId = await borrowerCase(g, customer, ['T50']);
    const r = await g.call('esign.importC3', { caseId, fileName: 'a.p7s', dataBase64: 'MIIB', identity: REGULAR });
    assert.equal(errorCode(r), 'C3_UNAVAILABLE');
  } finally {
    g.dispose();
  }
});
