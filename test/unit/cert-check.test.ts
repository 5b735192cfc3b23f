// The certificate checks against the real government hierarchy (../shared/trust/, pinned by
// fingerprint) and against a MOICA-like test PKI with a local OCSP responder and CRLs: chains by key
// identifiers with a same-name wrong intermediate present, validity at the signing time, the holder
// bound to the customer (last four and name each on their own), revocation valid / revoked / unknown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificate, type ParsedCertificate } from '../../electron/main/cardcheck/certificate';
import { checkCertificate, type CertCheckInput } from '../../electron/main/cardcheck/cert-check';
import { crlByAddress, crlChecker, firstKnown } from '../../electron/main/cardcheck/revocation';
import { crlInWorker } from '../../electron/main/cardcheck/crl-in-worker';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ocspChecker } from '../../electron/main/cardcheck/ocsp';
import { cachedRevocation } from '../../electron/main/cardcheck/revocation-cache';
import { makeMoicaPki, type MoicaPki } from '../support/moica-pki';
import { startOcspResponder, type OcspResponder } from '../support/ocsp-responder';

// The shared folder beside the repository when there is one; otherwise the copies kept with the
// tests. Either way each file must have the published fingerprint below.
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'trust');
const TRUST = existsSync(SHARED) ? SHARED : join(__dirname, '..', 'fixtures', 'trust');
const real = (name: string) => parseCertificate(readFileSync(join(TRUST, `${name}.pem`)));
// The fingerprints published with the files (../shared/trust/README.md).
const PINNED: Record<string, string> = {
  'GRCA-G1': '7600295eefe85b9e1fd624db76062aaaae59818a54d2774cd4c0b2c01131e1b3',
  'GRCA-G2': '70b922bfda0e3f4a342e4ee22d579ae598d071cc5ec9c30f123680340388aea5',
  'GRCA-G3': '57df6f20e04c588e85f35be8832f5d4e78958336ae3b18fb7c9bae0dfead4044',
  'MOICA-G1': '45111450fb31ef5137e4b7cff9ee2bef23e8bbfd165086dfbd93df2f329b785e',
  'MOICA-G2': 'c4c462de463f856804dc898338d2cecb55fba74155851599d8fb7d70218fd1be',
  'MOICA-G3': 'ed793fd0d50a2a398049d598982cf01e75f873b532066caec238f800a06ca9da',
};
const outcome = (report: { checks: { id: string; outcome: string; word: string }[] }, id: string) =>
  report.checks.find((c) => c.id === id)!;

test('the real hierarchy: MOICA-G3 chains to GRCA-G3 and G2 to GRCA-G2 by key identifiers (not to the same-named G1); the expired MOICA-G1 is refused today', async () => {
  const certs = Object.fromEntries(Object.keys(PINNED).map((n) => [n, real(n)]));
  for (const [name, sha] of Object.entries(PINNED))
    assert.equal(certs[name]!.sha256, sha, `${name} is the published file`);
  const trust = { anchors: [certs['GRCA-G1']!, certs['GRCA-G2']!, certs['GRCA-G3']!], intermediates: [] };
  const now = new Date('2026-12-01T00:00:00Z');
  const check = (cert: ParsedCertificate, at = now) => checkCertificate({ cert, trust, at, now });
  const g3 = await check(certs['MOICA-G3']!);
  assert.equal(g3.verdict, 'valid');
  assert.deepEqual(
    g3.chain.map((c) => c.sha256),
    [PINNED['MOICA-G3'], PINNED['GRCA-G3']],
  );
  const g2 = await check(certs['MOICA-G2']!);
  assert.equal(g2.verdict, 'valid');
  assert.deepEqual(
    g2.chain.map((c) => c.sha256),
    [PINNED['MOICA-G2'], PINNED['GRCA-G2']],
  );
  const g1 = await check(certs['MOICA-G1']!);
  assert.equal(g1.verdict, 'invalid');
  assert.equal(outcome(g1, 'validity').word, 'expired');
  assert.deepEqual(
    g1.chain.map((c) => c.sha256),
    [PINNED['MOICA-G1'], PINNED['GRCA-G1']],
  );
  assert.equal((await check(certs['MOICA-G1']!, new Date('2020-01-01T00:00:00Z'))).verdict, 'valid');
  // Only GRCA-G1 installed: MOICA-G2 has its name but not its key, so there is no chain.
  const wrongRoot = await checkCertificate({
    cert: certs['MOICA-G2']!,
    trust: { anchors: [certs['GRCA-G1']!], intermediates: [] },
    at: now,
    now,
  });
  assert.equal(outcome(wrongRoot, 'chain').outcome, 'fail');
});

let pki: MoicaPki;
let responder: OcspResponder;
const customer = { name: '王小明', idNumber: 'A123456789' };

before(async () => {
  responder = await startOcspResponder();
  pki = makeMoicaPki({ port: responder.port });
  responder.issuers = [pki.intermediateA, pki.intermediateB];
});
after(() => responder.close());

function input(cert: ParsedCertificate, extra: Partial<CertCheckInput> = {}): CertCheckInput {
  return {
    cert,
    trust: {
      anchors: [parseCertificate(pki.root.pem)],
      // B first: the same name as A, another key; the chain must still pick A for A's citizens.
      intermediates: [parseCertificate(pki.intermediateB.pem), parseCertificate(pki.intermediateA.pem)],
    },
    at: new Date(),
    now: new Date(),
    subject: customer,
    revocation: ocspChecker(),
    ...extra,
  };
}

test("a customer's valid citizen certificate: every check passes, the chain goes through the intermediate that signed it, OCSP says good", async () => {
  const cert = parseCertificate(pki.citizen(customer).pem);
  const report = await checkCertificate(input(cert));
  assert.equal(report.verdict, 'valid', JSON.stringify(report.checks));
  assert.deepEqual(
    report.chain.map((c) => c.sha256),
    [cert.sha256, parseCertificate(pki.intermediateA.pem).sha256, parseCertificate(pki.root.pem).sha256],
  );
  assert.deepEqual(report.holder, { name: '王小明', idLastFour: '6789', subjectSerial: '1234567890123456', ca: false });
  assert.equal(report.revocation?.status, 'valid');
  assert.equal(report.revocation?.source, pki.ocspUrl);
  assert.ok(report.revocation?.until && report.revocation.until > new Date(), 'current until its nextUpdate');
  const byB = parseCertificate(pki.citizen({ ...customer, issuer: 'B' }).pem);
  const reportB = await checkCertificate(input(byB));
  assert.equal(reportB.verdict, 'valid');
  assert.equal(reportB.chain[1]!.sha256, parseCertificate(pki.intermediateB.pem).sha256);
  // With only A installed, B's citizen has no issuer (A has the name, not the key id).
  const onlyA = await checkCertificate(
    input(byB, {
      trust: { anchors: [parseCertificate(pki.root.pem)], intermediates: [parseCertificate(pki.intermediateA.pem)] },
    }),
  );
  assert.equal(outcome(onlyA, 'chain').word, 'chain_no_issuer');
  assert.equal(onlyA.verdict, 'invalid');
});

test("another person's card: the last four and the name are each reported, and either one refuses", async () => {
  const other = parseCertificate(pki.citizen({ name: '陳大文', idNumber: 'B234561234' }).pem);
  const both = await checkCertificate(input(other));
  assert.equal(both.verdict, 'invalid');
  assert.equal(outcome(both, 'id_last_four').word, 'last_four_mismatch');
  assert.equal(outcome(both, 'name').word, 'name_mismatch');
  const sameName = parseCertificate(pki.citizen({ name: '王小明', idNumber: 'A987654321' }).pem);
  const lastFour = await checkCertificate(input(sameName));
  assert.deepEqual([outcome(lastFour, 'id_last_four').outcome, outcome(lastFour, 'name').outcome], ['fail', 'pass']);
  const spaced = parseCertificate(pki.citizen({ name: '王 小明', idNumber: 'A123456789' }).pem);
  assert.equal((await checkCertificate(input(spaced))).verdict, 'valid', 'spaces in a name do not make another person');
  const sameDigits = parseCertificate(pki.citizen({ name: '王小華', idNumber: 'A123456789' }).pem);
  const name = await checkCertificate(input(sameDigits));
  assert.deepEqual([outcome(name, 'id_last_four').outcome, outcome(name, 'name').outcome], ['pass', 'fail']);
});

test('expired, not yet valid, a legal person, an encryption key: each refused by its own check', async () => {
  const day = 86_400_000;
  const expired = parseCertificate(
    pki.citizen({ ...customer, notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - day) }).pem,
  );
  const r1 = await checkCertificate(input(expired));
  assert.equal(outcome(r1, 'validity').word, 'expired');
  assert.equal(r1.verdict, 'invalid');
  // Signed while it was valid: valid at that time.
  assert.equal(
    outcome(await checkCertificate(input(expired, { at: new Date(Date.now() - 30 * day) })), 'validity').outcome,
    'pass',
  );
  const early = parseCertificate(pki.citizen({ ...customer, notBefore: new Date(Date.now() + day) }).pem);
  assert.equal(outcome(await checkCertificate(input(early)), 'validity').word, 'not_yet_valid');
  const legal = parseCertificate(pki.citizen({ ...customer, holderType: '2.16.886.1.100.3.2.1' }).pem);
  assert.equal(outcome(await checkCertificate(input(legal)), 'holder_type').word, 'not_natural_person');
  const encryption = parseCertificate(pki.citizen({ ...customer, digitalSignature: false }).pem);
  assert.equal(outcome(await checkCertificate(input(encryption)), 'key_usage').word, 'not_signing_key');
  const none = await checkCertificate(
    input(parseCertificate(pki.citizen(customer).pem), { trust: { anchors: [], intermediates: [] } }),
  );
  assert.equal(outcome(none, 'chain').word, 'no_anchors');
});

test('revocation: revoked by OCSP and by CRL; an unreachable, forged or stale answer is unknown, which blocks or warns by policy', async () => {
  const revoked = pki.citizen(customer);
  const at = new Date(Date.now() - 3600_000);
  responder.revoke(revoked.serialHex, at);
  const cert = parseCertificate(revoked.pem);
  const r1 = await checkCertificate(input(cert));
  assert.equal(outcome(r1, 'revocation').word, 'revocation_revoked');
  assert.equal(r1.verdict, 'invalid');

  const crl = pki.crl('A', [{ serialHex: revoked.serialHex, at }]);
  const byCrl = crlChecker(async () => [{ source: 'test.crl', der: crl }]);
  const r2 = await checkCertificate(input(cert, { revocation: byCrl }));
  assert.equal(r2.revocation?.status, 'revoked');
  assert.equal(
    r2.revocation?.status === 'revoked' && r2.revocation.at.getTime(),
    Math.floor(at.getTime() / 1000) * 1000,
  );
  assert.equal(r2.revocation?.source, 'test.crl');
  const good = parseCertificate(pki.citizen(customer).pem);
  assert.equal((await checkCertificate(input(good, { revocation: byCrl }))).verdict, 'valid');
  // A list signed by the other same-named CA, or out of date, says nothing about A's certificates.
  const forgedList = crlChecker(async () => [
    { source: 'b.crl', der: pki.crl('B', [{ serialHex: revoked.serialHex, at }]) },
  ]);
  assert.equal((await checkCertificate(input(cert, { revocation: forgedList }))).revocation?.status, 'unknown');
  // A list that cannot speak for this certificate: another partition, a delta, an unknown critical
  // extension, no next update. Each is "unknown", never "valid".
  for (const opts of [
    { partitionUrl: 'http://127.0.0.1/crl/MOICA-T-99-99.crl' },
    { delta: true },
    { unknownCritical: true },
    { nextUpdate: null },
  ]) {
    const list = crlChecker(async () => [{ source: 'scoped.crl', der: pki.crl('A', [], opts) }]);
    const verdict = (await checkCertificate(input(good, { revocation: list }))).revocation;
    assert.equal(verdict?.status, 'unknown', JSON.stringify(opts));
  }
  const ownPartition = crlChecker(async () => [
    { source: 'own.crl', der: pki.crl('A', [{ serialHex: revoked.serialHex, at }], { partitionUrl: pki.crlUrl }) },
  ]);
  assert.equal((await checkCertificate(input(cert, { revocation: ownPartition }))).revocation?.status, 'revoked');
  const staleList = crlChecker(async () => [
    { source: 'old.crl', der: pki.crl('A', [], { nextUpdate: new Date(Date.now() - 60_000) }) },
  ]);
  assert.deepEqual(
    [
      (await checkCertificate(input(good, { revocation: staleList }))).revocation?.status,
      outcome(await checkCertificate(input(good, { revocation: staleList })), 'revocation').outcome,
    ],
    ['unknown', 'fail'],
  );

  for (const mode of ['down', 'badSignature', 'stale', 'otherSerial', 'replayed', 'wrongNonce'] as const) {
    responder.mode = mode;
    const blocked = await checkCertificate(input(good));
    const why = blocked.revocation?.status === 'unknown' ? blocked.revocation.why : null;
    assert.equal(
      why,
      {
        down: 'unreachable',
        badSignature: 'bad_answer',
        stale: 'stale',
        otherSerial: 'bad_answer',
        replayed: 'stale',
        wrongNonce: 'bad_answer',
      }[mode],
      mode,
    );
    assert.equal(blocked.verdict, 'invalid', `${mode}: unknown blocks by default`);
    const warned = await checkCertificate(input(good, { revocationUnknown: 'warn' }));
    assert.deepEqual([warned.verdict, outcome(warned, 'revocation').outcome], ['valid', 'warn'], mode);
  }
  // OCSP down, the CRL answers: the fallback decides.
  responder.mode = 'down';
  const fallback = await checkCertificate(input(cert, { revocation: firstKnown(ocspChecker(), byCrl) }));
  assert.equal(fallback.revocation?.status, 'revoked');
  responder.mode = { slowMs: 400 };
  const slow = await checkCertificate(input(good, { revocation: ocspChecker({ timeoutMs: 100 }) }));
  assert.equal(slow.revocation?.status === 'unknown' && slow.revocation.why, 'unreachable');
  responder.mode = 'normal';
});

test('revocation answers are kept while current: a second check of the same certificate asks no one; "unknown" is never kept', async () => {
  const cert = parseCertificate(pki.citizen(customer).pem);
  const cached = cachedRevocation(ocspChecker());
  responder.mode = 'down';
  await checkCertificate(input(cert, { revocation: cached }));
  responder.mode = 'normal';
  const asked = responder.requests;
  assert.equal((await checkCertificate(input(cert, { revocation: cached }))).verdict, 'valid', 'unknown was not kept');
  assert.equal(responder.requests, asked + 1);
  assert.equal((await checkCertificate(input(cert, { revocation: cached }))).verdict, 'valid');
  assert.equal(responder.requests, asked + 1, 'the kept answer served the second check');
});

test('OCSP answers signed by a responder certificate the CA issued for OCSP count; one issued for something else does not; a serial with its high bit set is asked as a positive number', async () => {
  const cert = parseCertificate(pki.citizen(customer).pem);
  responder.mode = 'delegated';
  responder.delegate = pki.ocspSigner('A');
  assert.equal((await checkCertificate(input(cert))).revocation?.status, 'valid');
  responder.delegate = pki.ocspSigner('A', { forOcsp: false });
  const notForOcsp = (await checkCertificate(input(cert))).revocation;
  assert.equal(notForOcsp?.status === 'unknown' && notForOcsp.why, 'bad_answer');
  responder.delegate = pki.ocspSigner('B'); // the same-named other CA: not this certificate's issuer
  const otherCa = (await checkCertificate(input(cert))).revocation;
  assert.equal(otherCa?.status === 'unknown' && otherCa.why, 'bad_answer');
  responder.mode = 'normal';
  responder.delegate = null;
  const highBit = parseCertificate(pki.citizen({ ...customer, highBitSerial: true }).pem);
  assert.match(highBit.serialHex, /^c/);
  assert.equal((await checkCertificate(input(highBit))).revocation?.status, 'valid');
});

test("the desk's CRL fallback: OCSP down, the list at the certificate's own address is read in a worker thread and decides", async () => {
  const revoked = pki.citizen(customer);
  const good = pki.citizen(customer);
  const at = new Date(Date.now() - 3600_000);
  // Twenty thousand entries: a list the size of a MOICA partition, walked off the main thread.
  const many = Array.from({ length: 20_000 }, (_, i) => ({ serialHex: `7${i.toString(16).padStart(8, '0')}`, at }));
  responder.crls.set('MOICA-T-complete.crl', pki.crl('A', [...many, { serialHex: revoked.serialHex, at }]));
  responder.mode = 'down';
  try {
    const desk = firstKnown(ocspChecker(), crlByAddress({ judge: crlInWorker }));
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const r1 = await checkCertificate(input(parseCertificate(revoked.pem), { revocation: desk }));
    loop.disable();
    assert.equal(r1.revocation?.status, 'revoked', JSON.stringify(r1.revocation));
    assert.equal(r1.revocation?.source, pki.crlUrl);
    assert.ok(loop.max / 1e6 < 50, `the main thread stalled ${loop.max / 1e6} ms`);
    assert.equal((await checkCertificate(input(parseCertificate(good.pem), { revocation: desk }))).verdict, 'valid');
  } finally {
    responder.mode = 'normal';
    responder.crls.clear();
  }
});
