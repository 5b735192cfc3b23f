// The signing path on a real PKCS#11 token (SoftHSM2 through the signer process; the PIN shim in
// front for a card's three tries): the certificate checked against the customer before anything is
// signed, PIN discipline (tries shown, the final try confirmed, a blocked card stops), one signature,
// a CMS that OpenSSL verifies, and a signer that times out instead of hanging the desk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeMoicaPki, type MoicaPki, type Issued } from '../support/moica-pki';
import { makeSoftToken, softHsmAvailable, type SoftToken } from '../support/softhsm';
import { parseCertificate } from '../../electron/main/cardcheck/certificate';
import { crlChecker } from '../../electron/main/cardcheck/revocation';
import { SignerClient } from '../../electron/main/esign/signer-client';
import { signAuthorization, type SignRequest } from '../../electron/main/esign/sign-authorization';
import { DeskError } from '../../electron/main/errors';
import { authorizationDocument } from '../../common/domain/authorization-document';

const customer = { name: '王小明', idNumber: 'A123456789' };
let pki: MoicaPki;
let card: Issued;
let token: SoftToken;
let signer: SignerClient;
const clients: SignerClient[] = [];

before(() => {
  assert.ok(softHsmAvailable(), 'SoftHSM2 is required (apt-get install softhsm2 opensc; .ci/run installs them)');
  pki = makeMoicaPki();
  card = pki.citizen(customer);
  token = makeSoftToken({ keyPem: card.keyPem, certDer: card.der, pinShim: true });
  signer = client(token);
});
after(() => clients.forEach((c) => c.close()));

function client(t: SoftToken, extra: Partial<ConstructorParameters<typeof SignerClient>[0]> = {}) {
  const c = new SignerClient({ modulePath: t.module, env: t.env, ...extra });
  clients.push(c);
  return c;
}

const document = authorizationDocument({
  caseId: 42,
  subjectIdNumber: customer.idNumber,
  subjectName: customer.name,
  role: 'borrower',
  purpose: 'new_loan',
  products: ['T51', 'T50'],
  validFrom: '2026-12-01',
  validUntil: '2026-12-31',
  bankCode: '004',
  branchCode: '0123',
  issuedAt: '2026-12-01T04:00:00.000Z',
  deskId: 'desk-1',
});

function request(extra: Partial<SignRequest> = {}): SignRequest {
  return {
    document,
    cardCert: parseCertificate(card.der),
    subject: customer,
    pin: token.pin,
    confirmFinalTry: false,
    trust: { anchors: [parseCertificate(pki.root.pem)], intermediates: [parseCertificate(pki.intermediateA.pem)] },
    revocation: crlChecker(async () => [{ source: 'test.crl', der: pki.crl('A', []) }]),
    now: new Date(),
    ...extra,
  };
}

const tries = () => Number(readFileSync(token.env.PIN_SHIM_STATE!, 'utf8').trim());
async function refused(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DeskError, String(e));
    return e;
  }
  assert.fail('expected a refusal');
}

test('the customer signs: the CMS holds exactly the document, the card certificate and a signing time, and OpenSSL verifies it', async () => {
  const signed = await signAuthorization(signer, request());
  assert.equal(signed.report.verdict, 'valid');
  const file = join(pki.dir, 'authorization.p7s');
  writeFileSync(file, signed.cms);
  writeFileSync(join(pki.dir, 'ca.pem'), pki.root.pem + pki.intermediateA.pem);
  const out = execFileSync('openssl', [
    ...['cms', '-verify', '-inform', 'DER', '-binary', '-purpose', 'any'],
    ...['-CAfile', join(pki.dir, 'ca.pem'), '-in', file],
  ]);
  assert.deepEqual(out, document);
});

test("another person's card is refused before the PIN is used: the token is not asked", async () => {
  const before = tries();
  const e = await refused(signAuthorization(signer, request({ subject: { name: '陳大文', idNumber: 'B234561234' } })));
  assert.equal(e.code, 'CERTIFICATE_REFUSED');
  assert.match(e.message, /Last four of the ID: .*not the customer's card; Name:/);
  assert.equal(tries(), before);
});

test('PIN discipline: a wrong PIN says what is left, the final try needs confirmation, a blocked card stops before trying', async () => {
  const e1 = await refused(signAuthorization(signer, request({ pin: '000000' })));
  assert.deepEqual([e1.code, e1.at], ['PIN_INCORRECT_NO_COUNT', 'pin']);
  const e2 = await refused(signAuthorization(signer, request({ pin: '000000' })));
  assert.deepEqual([e2.code, e2.params.left], ['PIN_INCORRECT', 1]);
  // One try left: nothing is tried until the customer confirms they know it is the last.
  const e3 = await refused(signAuthorization(signer, request()));
  assert.equal(e3.code, 'PIN_FINAL_TRY');
  assert.equal(tries(), 1);
  await signAuthorization(signer, request({ confirmFinalTry: true }));
  assert.equal(tries(), 3, 'the right PIN restores the tries');
  for (let i = 0; i < 2; i++) await refused(signAuthorization(signer, request({ pin: '000000' })));
  const locked = await refused(signAuthorization(signer, request({ pin: '000000', confirmFinalTry: true })));
  assert.equal(locked.code, 'PIN_LOCKED');
  const still = await refused(signAuthorization(signer, request({ confirmFinalTry: true })));
  assert.equal(still.code, 'PIN_LOCKED', 'the right PIN does not unblock a card');
  for (const e of [e1, e2, e3, locked, still]) assert.ok(!JSON.stringify(e.toPayload()).includes('000000'));
  writeFileSync(token.env.PIN_SHIM_STATE!, '3\n'); // the office unblocked it, for the tests that follow
});

test('a PIN of the wrong length is refused at the PIN box without reaching the card', async () => {
  for (const pin of ['12345', '123456789']) {
    const e = await refused(signAuthorization(signer, request({ pin })));
    assert.deepEqual([e.code, e.at], ['PIN_FORMAT', 'pin']);
  }
  assert.equal(tries(), 3);
});

test('a module that does not load, a card the token does not hold, a signer that hangs: each a clear error, and the desk goes on', async () => {
  const missing = client(token, { modulePath: '/nonexistent/libHicos_p11.so' });
  const e1 = await refused(signAuthorization(missing, request()));
  assert.equal(e1.code, 'PKCS11_MODULE_FAILED');
  assert.match(e1.message, /\/nonexistent\/libHicos_p11\.so/);
  const stranger = pki.citizen({ name: '王小明', idNumber: 'A123456789' }); // same person, a card not in this reader
  const e2 = await refused(signAuthorization(signer, request({ cardCert: parseCertificate(stranger.der) })));
  assert.equal(e2.code, 'TOKEN_NOT_FOUND');
  const slow = client(token, { env: { ...token.env, PIN_SHIM_DELAY_MS: '5000' }, signTimeoutMs: 500 });
  const started = performance.now();
  const e3 = await refused(signAuthorization(slow, request()));
  assert.equal(e3.code, 'SIGNER_TIMEOUT');
  assert.ok(performance.now() - started < 3000);
  assert.ok(await slow.tokenState(card.der), 'a fresh signer process answers the next call');
});

test('the bundled signer process (dist/electron/signer-process.js, what the desktop app forks) finds the card on the token', async () => {
  const { fork } = await import('node:child_process');
  const bundle = join(__dirname, '..', '..', 'dist', 'electron', 'signer-process.js');
  const child = fork(bundle, [], { env: { ...process.env, ...token.env }, serialization: 'advanced' });
  try {
    const answers: unknown[] = [];
    const answered = new Promise<void>((resolve) =>
      child.on('message', (m) => {
        answers.push(m);
        if (answers.length === 2) resolve();
      }),
    );
    child.send({ id: 7, op: 'token', modulePath: token.module, certDer: new Uint8Array(card.der) });
    await answered;
    const answer = answers[1] as { id: number; ok: boolean; token: { label: string } | null };
    assert.deepEqual([answer.id, answer.ok, answer.token?.label], [7, true, token.label]);
  } finally {
    child.kill();
  }
});
