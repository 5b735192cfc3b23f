// The CA certificates in a card's chain checked against their issuer's list, as real MOICA CA
// certificates name GRCA's (…/repository/CRL3/CA.crl): a revoked MOICA CA refuses every citizen
// certificate it issued; a list that cannot be had is "could not check", which the policy decides
// on; a CA certificate that names no list is shown as not checked. Lists are fetched from the
// address in the CA certificate, over HTTP from a local server, and read in a worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseCertificate, type ParsedCertificate } from '../../electron/main/cardcheck/certificate';
import { checkCertificate, type CertCheckInput } from '../../electron/main/cardcheck/cert-check';
import { crlAddresses, crlByAddress, crlChecker } from '../../electron/main/cardcheck/revocation';
import { crlInWorker } from '../../electron/main/cardcheck/crl-in-worker';
import { certCheckText } from '../../common/domain/cert-checks';
import { makeMoicaPki, type MoicaPki } from '../support/moica-pki';
import { startOcspResponder, type OcspResponder } from '../support/ocsp-responder';

const customer = { name: '王小明', idNumber: 'A123456789' };
let responder: OcspResponder;
let pki: MoicaPki;

before(async () => {
  responder = await startOcspResponder();
  pki = makeMoicaPki({ port: responder.port, caCrl: true });
});
after(() => responder.close());

const parse = (pem: string) => parseCertificate(pem);
function input(p: MoicaPki, cert: ParsedCertificate, extra: Partial<CertCheckInput> = {}): CertCheckInput {
  return {
    cert,
    trust: { anchors: [parse(p.root.pem)], intermediates: [parse(p.intermediateA.pem), parse(p.intermediateB.pem)] },
    at: new Date(),
    now: new Date(),
    subject: customer,
    // The citizen certificate itself: a current list by its intermediate that does not list it.
    revocation: crlChecker(async () => [{ source: 'moica.crl', der: p.crl('A', []) }]),
    caRevocation: crlByAddress({ judge: crlInWorker, timeoutMs: 3000 }),
    ...extra,
  };
}
const caCheck = (r: { checks: { id: string; outcome: string; word: string; params: Record<string, string> }[] }) =>
  r.checks.find((c) => c.id === 'ca_revocation')!;
const listName = () => new URL(pki.caCrlUrl).pathname.slice('/crl/'.length);

test('a MOICA CA not on the root list: the check passes, naming the list the CA certificate points to', async () => {
  responder.crls.set(listName(), pki.crl('root', []));
  const report = await checkCertificate(input(pki, parse(pki.citizen(customer).pem)));
  assert.equal(report.verdict, 'valid', JSON.stringify(report.checks));
  const check = caCheck(report);
  assert.deepEqual([check.outcome, check.word, check.params.source], ['pass', 'ca_revocation_valid', pki.caCrlUrl]);
});

test("a revoked MOICA CA: every citizen certificate it issued is refused, and the words say which CA and when; the other CA's citizens are not", async () => {
  const intermediateA = parse(pki.intermediateA.pem);
  const at = new Date(Date.now() - 86_400_000);
  responder.crls.set(listName(), pki.crl('root', [{ serialHex: intermediateA.serialHex, at }]));
  const report = await checkCertificate(input(pki, parse(pki.citizen(customer).pem)));
  assert.equal(report.verdict, 'invalid');
  const check = caCheck(report);
  assert.deepEqual([check.outcome, check.word], ['fail', 'ca_revocation_revoked']);
  assert.match(certCheckText(check as never, 'zh-TW'), /已於 \d{4}-\d{2}-\d{2} 廢止/);
  assert.match(certCheckText(check as never, 'en'), /was revoked on \d{4}-\d{2}-\d{2}: nothing it issued/);
  const byB = parse(pki.citizen({ ...customer, issuer: 'B' }).pem);
  const other = await checkCertificate(
    input(pki, byB, { revocation: crlChecker(async () => [{ source: 'b.crl', der: pki.crl('B', []) }]) }),
  );
  assert.equal(other.verdict, 'valid', JSON.stringify(other.checks));
});

test('the root list cannot be had, or is not the root’s: could not check, which refuses under "block" and warns under "warn"', async () => {
  responder.crls.delete(listName());
  const cert = parse(pki.citizen(customer).pem);
  const blocked = await checkCertificate(input(pki, cert));
  assert.equal(blocked.verdict, 'invalid');
  assert.deepEqual([caCheck(blocked).outcome, caCheck(blocked).word], ['fail', 'ca_revocation_unknown']);
  const warned = await checkCertificate(input(pki, cert, { revocationUnknown: 'warn' }));
  assert.deepEqual([warned.verdict, caCheck(warned).outcome], ['valid', 'warn']);
  // A list signed by the intermediate, served where the root's should be: not the issuer's list.
  responder.crls.set(listName(), pki.crl('A', []));
  const forged = await checkCertificate(input(pki, cert));
  assert.deepEqual([forged.verdict, caCheck(forged).params.why], ['invalid', 'bad_answer']);
});

test("IT's mirror of the root list is used instead of the CA certificate's address", async () => {
  responder.crls.delete(listName());
  responder.crls.set('mirror-grca.crl', pki.crl('root', []));
  const mirror = `${responder.url.replace(/\/OCSP$/, '')}/crl/mirror-grca.crl`;
  const report = await checkCertificate(
    input(pki, parse(pki.citizen(customer).pem), {
      caRevocation: crlByAddress({ override: mirror, judge: crlInWorker }),
    }),
  );
  assert.deepEqual([report.verdict, caCheck(report).params.source], ['valid', mirror]);
});

test('a CA certificate that names no list: shown as not checked (real MOICA CA certificates name one)', async () => {
  const plain = makeMoicaPki({ port: responder.port });
  const report = await checkCertificate(input(plain, parse(plain.citizen(customer).pem)));
  assert.equal(report.verdict, 'valid', JSON.stringify(report.checks));
  assert.deepEqual([caCheck(report).outcome, caCheck(report).word], ['not_applicable', 'ca_revocation_no_address']);
});

test('a mirror ending in "/" keeps the lists under their original paths (GRCA G2 and G3 both name …/CA.crl)', () => {
  const g3 = { crlUrls: ['http://grca.nat.gov.tw/repository/CRL3/CA.crl'] } as ParsedCertificate;
  const g2 = { crlUrls: ['http://grca.nat.gov.tw/repository/CRL2/CA.crl'] } as ParsedCertificate;
  assert.deepEqual(crlAddresses(g3, 'http://mirror.bank.example/grca/'), [
    'http://mirror.bank.example/grca/repository/CRL3/CA.crl',
  ]);
  assert.deepEqual(crlAddresses(g2, 'http://mirror.bank.example/grca/'), [
    'http://mirror.bank.example/grca/repository/CRL2/CA.crl',
  ]);
  assert.deepEqual(crlAddresses(g2, 'http://mirror.bank.example/GRCA-CA.crl'), [
    'http://mirror.bank.example/GRCA-CA.crl',
  ]);
  assert.deepEqual(crlAddresses(g2), g2.crlUrls);
});
