// Electronic authorization end to end through the API contract, on real parts: pcscd with vpcd's
// virtual reader and a virtual MOICA card, the card service and signer processes, a SoftHSM2 token
// holding the card's key, a local OCSP responder, the desk's store, and the sandbox JCIC over mutual
// TLS verifying the signed authorization on its own. Then the refusals: a MOICA CA revoked on the
// root's list (IT's mirror of it), another person's card, a card swapped after the screen showed it,
// a document changed after the customer read it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeMoicaPki } from '../support/moica-pki';
import { makeSoftToken, type SoftToken } from '../support/softhsm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { formPage } from '../support/forms';
import { startOcspResponder, type OcspResponder } from '../support/ocsp-responder';
import { CardApplet } from '../support/virtual-moica/card-applet';
import { VirtualCard } from '../support/virtual-moica/vpcd-card';
import { Pcscd, pcscdProblem } from '../support/pcscd';
import { ADMIN, OFFICER, SUPERVISOR, deskFixture, type DeskFixture } from '../support/desk-fixture';
import { sandboxFixture, type SandboxFixture } from '../support/sandbox-fixture';
import { plusDays, settle } from '../support/case-flow-kit';
import { borrowerCase } from '../support/esign-kit';
import { parseCertificate } from '../../electron/main/cardcheck/certificate';
import { verifySignedData } from '../../electron/main/esign/cms';

const MOICA_ATR = Buffer.from('3BB813008131FA524348544D4F494341A5', 'hex');
const customer = { name: '王小明', idNumber: 'A123456789' };
const pcscd = new Pcscd();
/** IT's mirror of the root's list of CA certificates. */
const MIRROR = 'grca-mirror.crl';
let responder: OcspResponder;
let sandbox: SandboxFixture;
let f: DeskFixture;
let pki: ReturnType<typeof makeMoicaPki>;
let card: VirtualCard;
let token: SoftToken;

before(async () => {
  assert.equal(pcscdProblem(), null, `the card tests need the smart-card service: ${pcscdProblem()}`);
  await pcscd.own();
  responder = await startOcspResponder();
  pki = makeMoicaPki({ port: responder.port, caCrl: true });
  responder.issuers = [pki.intermediateA, pki.intermediateB];
  const citizen = pki.citizen(customer);
  token = makeSoftToken({ keyPem: citizen.keyPem, certDer: citizen.der, pinShim: true });
  card = new VirtualCard({
    atr: MOICA_ATR,
    applet: new CardApplet({ cardNumber: 'TP03000000012345', certificates: [citizen.der] }),
  });
  sandbox = await sandboxFixture({ esignTrustDirs: [pki.anchorsDir, pki.intermediatesDir] });
  f = deskFixture(
    {
      branchCode: '0123',
      bankCode: '004',
      trustAnchorDir: pki.anchorsDir,
      trustIntermediateDir: pki.intermediatesDir,
      pkcs11Module: token.module,
      caCrlUrl: `${responder.url.replace(/\/OCSP$/, '')}/crl/${MIRROR}`,
    },
    undefined,
    { esign: { env: token.env } },
  );
  f.desk.services.outbox.useGateway(sandbox.gateway());
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
});
after(async () => {
  card?.remove();
  f?.dispose();
  await sandbox?.sandbox.close();
  await responder?.close();
  await pcscd.release();
});

async function readyReader(desk: DeskFixture = f) {
  for (let i = 0; i < 150; i++) {
    const state = await desk.ok('card.state', {});
    const reader = state.readers.find((r) => r.state === 'ready');
    if (reader) return { state, reader };
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no card became ready: ${JSON.stringify(await desk.ok('card.state', {}))}`);
}

const newCase = (subject = customer) => borrowerCase(f, subject);
const pinTries = () =>
  existsSync(token.env.PIN_SHIM_STATE!) ? readFileSync(token.env.PIN_SHIM_STATE!, 'utf8').trim() : 'untouched';

test("the card's CA revoked on IT's mirror of the root list: nothing is signed, and the refusal names the CA", async () => {
  const intermediateA = parseCertificate(pki.intermediateA.pem);
  // A list current for 2.5 s only: its answer is not kept past then, and the next test's list is read.
  const shortLived = { nextUpdate: new Date(Date.now() + 2500) };
  responder.crls.set(MIRROR, pki.crl('root', [{ serialHex: intermediateA.serialHex, at: new Date() }], shortLived));
  await card.insert();
  const { reader } = await readyReader();
  const caseId = await newCase();
  const validUntil = plusDays(30);
  const doc = await f.ok('esign.document', { caseId, validUntil });
  const before = pinTries();
  const refused = await f.call('esign.sign', {
    caseId,
    validUntil,
    issuedAt: doc.issuedAt,
    documentSha256: doc.sha256,
    insertion: reader.insertion!,
    pin: '123456',
    confirmFinalTry: false,
  });
  assert.equal(!refused.ok && refused.error.code, 'CERTIFICATE_REFUSED');
  assert.match(!refused.ok ? refused.error.message['zh-TW'] : '', /憑證機構廢止狀態.*已於 \d{4}-\d{2}-\d{2} 廢止/);
  assert.equal(pinTries(), before, 'the PIN was not used');
  assert.equal((await f.ok('cases.get', { caseId })).state, 'draft');
  await new Promise((r) => setTimeout(r, 2600));
  responder.crls.set(MIRROR, pki.crl('root', []));
});

test('the customer signs with their card, the supervisor sees what the checks found and approves, JCIC verifies the signature and the data comes', async () => {
  const { state, reader } = await readyReader();
  assert.equal(state.unavailable, null);
  assert.deepEqual(reader.holder && [reader.holder.name, reader.holder.idLastFour], ['王小明', '6789']);
  assert.equal(reader.cardNumberMasked, 'TP**********2345');
  const caseId = await newCase();
  const validUntil = plusDays(30);
  const doc = await f.ok('esign.document', { caseId, validUntil });
  assert.match(doc.text['zh-TW'], /本人 王小明（身分證字號 A123456789），以借款人身分/);
  assert.match(doc.text['zh-TW'], /為「授信」之目的/);
  assert.match(doc.text['zh-TW'], /T50 個人最新年度所得資料、T51 個人財產資料/);
  assert.match(doc.text['zh-TW'], /授權期間：民國\d+年\d+月\d+日（\d{4}-\d{2}-\d{2}）/);
  // English names the purpose, role and products in English (only the customer's name stays Chinese).
  assert.deepEqual(doc.text.en.match(/[\u3400-\u9fff]+/gu), ['王小明']);
  const signed = await f.ok('esign.sign', {
    caseId,
    validUntil,
    issuedAt: doc.issuedAt,
    documentSha256: doc.sha256,
    insertion: reader.insertion!,
    pin: '123456',
    confirmFinalTry: false,
  });
  assert.equal(signed.state, 'authorization_captured');
  assert.equal(signed.authorizationMethod, 'moica');
  assert.equal(signed.esign?.verdict, 'valid');
  assert.equal(signed.esign?.revocation?.status, 'valid');
  assert.deepEqual([signed.pages.length, signed.pages[0]!.mediaType], [1, 'application/pkcs7-signature']);
  // What was signed holds, word for word, what the customer read.
  const page = await f.ok('cases.page', { caseId, pageId: signed.pages[0]!.id });
  const content = verifySignedData(Buffer.from(page.dataBase64, 'base64')).content;
  assert.equal((JSON.parse(content.toString('utf8')) as { wording: string }).wording, doc.text['zh-TW']);
  await f.ok('cases.requestApproval', { caseId });

  await f.ok('auth.login', { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password });
  const seen = await f.ok('cases.get', { caseId });
  assert.equal(seen.esign?.signerName, '王小明');
  const caCheck = seen.esign?.checks.find((c) => c.id === 'ca_revocation');
  assert.deepEqual([caCheck?.outcome, caCheck?.word], ['pass', 'ca_revocation_valid']);
  assert.ok(seen.esign?.checks.every((c) => c.outcome === 'pass' || c.outcome === 'not_applicable'));
  await f.ok('cases.approve', { caseId, pagesDigest: seen.pagesDigest! });
  const settled = await settle(f, caseId, ['data_received', 'rejected']);
  assert.equal(settled, 'data_received', JSON.stringify((await f.ok('cases.get', { caseId })).rejection));
  const [submission] = (await sandbox.submissions()).filter((s) => s.subjectId === customer.idNumber);
  assert.equal(submission?.status, 'approved');
});

test("another person's card, a card swapped since the screen showed it, a document changed since it was read: nothing is signed", async () => {
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  const { reader } = await readyReader();
  const other = await newCase({ name: '陳大文', idNumber: 'B234561230' });
  const validUntil = plusDays(30);
  const doc = await f.ok('esign.document', { caseId: other, validUntil });
  const input = {
    caseId: other,
    validUntil,
    issuedAt: doc.issuedAt,
    documentSha256: doc.sha256,
    insertion: reader.insertion!,
    pin: '123456',
    confirmFinalTry: false,
  };
  const wrongPerson = await f.call('esign.sign', input);
  assert.equal(!wrongPerson.ok && wrongPerson.error.code, 'CERTIFICATE_REFUSED');

  const mine = await newCase();
  const myDoc = await f.ok('esign.document', { caseId: mine, validUntil });
  const mineInput = { ...input, caseId: mine, issuedAt: myDoc.issuedAt, documentSha256: myDoc.sha256 };
  const changed = await f.call('esign.sign', { ...mineInput, validUntil: plusDays(20) });
  assert.equal(!changed.ok && changed.error.code, 'ESIGN_DOCUMENT_CHANGED');
  card.remove();
  for (let i = 0; i < 100 && (await f.ok('card.state', {})).readers.some((r) => r.state === 'ready'); i++)
    await new Promise((r) => setTimeout(r, 100));
  await card.insert(); // out and in again: a new insertion, read again
  await readyReader();
  const swapped = await f.call('esign.sign', mineInput);
  assert.equal(!swapped.ok && swapped.error.code, 'CARD_CHANGED');
  assert.equal((await f.ok('cases.get', { caseId: mine })).state, 'draft');
});

test('the card pulled out while it signs: the signature is thrown away, the officer is told to put it back, the case is still a draft', async () => {
  const { reader } = await readyReader();
  const caseId = await newCase();
  const validUntil = plusDays(30);
  const doc = await f.ok('esign.document', { caseId, validUntil });
  writeFileSync(token.env.PIN_SHIM_DELAY_FILE!, '1500'); // the card takes its time to sign
  const signing = f.call('esign.sign', {
    caseId,
    validUntil,
    issuedAt: doc.issuedAt,
    documentSha256: doc.sha256,
    insertion: reader.insertion!,
    pin: '123456',
    confirmFinalTry: false,
  });
  await new Promise((r) => setTimeout(r, 500));
  card.remove();
  const result = await signing;
  writeFileSync(token.env.PIN_SHIM_DELAY_FILE!, '0');
  assert.equal(!result.ok && result.error.code, 'CARD_REMOVED');
  const after = await f.ok('cases.get', { caseId });
  assert.deepEqual([after.state, after.pages.length, after.esign], ['draft', 0, null]);
  await card.insert();
});

test("another person's card put in while the first one signs: the signature is thrown away (the card in the reader is not the one read)", async () => {
  const { reader } = await readyReader();
  const caseId = await newCase();
  const validUntil = plusDays(30);
  const doc = await f.ok('esign.document', { caseId, validUntil });
  writeFileSync(token.env.PIN_SHIM_DELAY_FILE!, '2500');
  const signing = f.call('esign.sign', {
    ...{ caseId, validUntil, issuedAt: doc.issuedAt, documentSha256: doc.sha256 },
    ...{ insertion: reader.insertion!, pin: '123456', confirmFinalTry: false },
  });
  await new Promise((r) => setTimeout(r, 300));
  card.remove();
  const stranger = pki.citizen({ name: '陳大文', idNumber: 'B234561230' });
  const swapped = new VirtualCard({
    atr: MOICA_ATR,
    applet: new CardApplet({ cardNumber: 'TP03000000099999', certificates: [stranger.der] }),
  });
  await new Promise((r) => setTimeout(r, 300));
  await swapped.insert();
  try {
    // The other card is read while the first signature is still being made.
    for (let i = 0; i < 50; i++) {
      const readers = (await f.ok('card.state', {})).readers;
      if (readers.some((r) => r.state === 'ready' && r.insertion !== reader.insertion)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = await signing;
    assert.equal(!result.ok && result.error.code, 'CARD_CHANGED');
    assert.deepEqual((await f.ok('cases.get', { caseId })).esign, null);
  } finally {
    writeFileSync(token.env.PIN_SHIM_DELAY_FILE!, '0');
    swapped.remove();
    await card.insert();
  }
});

test('a case that already has paper pages cannot take a card signature: refused before the PIN is used', async () => {
  const { reader } = await readyReader();
  const caseId = await newCase();
  await f.ok('cases.addPages', {
    caseId,
    fileName: 'form.png',
    dataBase64: (await formPage('paper')).toString('base64'),
  });
  const validUntil = plusDays(30);
  const doc = await f.ok('esign.document', { caseId, validUntil });
  const before = pinTries();
  const signed = await f.call('esign.sign', {
    caseId,
    validUntil,
    issuedAt: doc.issuedAt,
    documentSha256: doc.sha256,
    insertion: reader.insertion!,
    pin: '000000', // a wrong PIN: had it reached the card, a try would be gone
    confirmFinalTry: false,
  });
  assert.equal(!signed.ok && signed.error.code, 'ESIGN_NOT_NOW');
  assert.equal(pinTries(), before, 'the card was not asked');
  const after = await f.ok('cases.get', { caseId });
  assert.deepEqual([after.state, after.pages.length, after.authorizationMethod], ['draft', 1, 'paper']);
});

test('the OCSP responder down and no CRL: a desk under "block" signs nothing; one under "warn" signs, and its supervisor sees "could not check" as a warning', async () => {
  // Fresh desks: the desk above keeps its answer about this card while it is current (15 minutes).
  const desk = (revocationUnknown: 'block' | 'warn') =>
    deskFixture(
      {
        branchCode: '0123',
        bankCode: '004',
        trustAnchorDir: pki.anchorsDir,
        trustIntermediateDir: pki.intermediatesDir,
        pkcs11Module: token.module,
        caCrlUrl: `${responder.url.replace(/\/OCSP$/, '')}/crl/${MIRROR}`,
        revocationUnknown,
      },
      undefined,
      { esign: { env: token.env } },
    );
  const sign = async (d: DeskFixture) => {
    await d.ok('setup.createAdmin', ADMIN);
    await d.addStaff(OFFICER);
    await d.addStaff(SUPERVISOR);
    await d.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    const { reader } = await readyReader(d);
    const caseId = await borrowerCase(d, customer);
    const validUntil = plusDays(30);
    const doc = await d.ok('esign.document', { caseId, validUntil });
    const result = await d.call('esign.sign', {
      ...{ caseId, validUntil, issuedAt: doc.issuedAt, documentSha256: doc.sha256 },
      ...{ insertion: reader.insertion!, pin: '123456', confirmFinalTry: false },
    });
    return { caseId, result };
  };
  responder.mode = 'down';
  const blocking = desk('block');
  const warning = desk('warn');
  try {
    const blocked = await sign(blocking);
    assert.equal(!blocked.result.ok && blocked.result.error.code, 'CERTIFICATE_REFUSED');
    assert.match(!blocked.result.ok ? blocked.result.error.message.en : '', /Revocation could not be checked/);

    const warned = await sign(warning);
    assert.ok(warned.result.ok, !warned.result.ok ? warned.result.error.message.en : '');
    await warning.ok('cases.requestApproval', { caseId: warned.caseId });
    await warning.ok('auth.login', { employeeId: SUPERVISOR.employeeId, password: SUPERVISOR.password });
    const seen = await warning.ok('cases.get', { caseId: warned.caseId });
    assert.equal(seen.esign?.revocation?.status, 'unknown');
    const check = seen.esign?.checks.find((c) => c.id === 'revocation');
    assert.deepEqual([check?.outcome, check?.word], ['warn', 'revocation_unknown']);
  } finally {
    responder.mode = 'normal';
    blocking.dispose();
    warning.dispose();
  }
});
