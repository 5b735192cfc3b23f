// The sandbox JCIC's own review of a card-signed authorization, one rejection at a time: a signature
// that does not verify, a signer outside its trust, a signature made outside the period, another
// person's certificate, and a signed document that says something else than the request (another
// purpose, a product the customer did not authorize). The CMS is built as the desk builds it, signed
// with the test PKI's citizen key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createPrivateKey, privateEncrypt, X509Certificate } from 'node:crypto';
import { makeMoicaPki } from '../support/moica-pki';
import { parseCertificate } from '../../electron/main/cardcheck/certificate';
import { buildSignedData } from '../../electron/main/esign/cms';
import { authorizationDocument } from '../../common/domain/authorization-document';
import { verifySignedAuthorization, type RequestFacts } from '../../sandbox/jcic/authorization-verify';

const pki = makeMoicaPki();
const other = makeMoicaPki();
const customer = { name: '王小明', idNumber: 'A123456789' };
const citizen = pki.citizen(customer);
const trust = [pki.root, pki.intermediateA, pki.intermediateB].map((c) => new X509Certificate(c.pem));
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const later = new Date(Date.now() + 8 * 3600_000 + 20 * 86_400_000).toISOString().slice(0, 10);
const request: RequestFacts = {
  subjectId: customer.idNumber,
  role: 'borrower',
  purpose: 'credit',
  products: ['T50', 'T51'],
  bankCode: '004',
};

async function signed(
  options: {
    cert?: typeof citizen;
    signingTime?: Date;
    facts?: Partial<Parameters<typeof authorizationDocument>[0]>;
  } = {},
) {
  const cert = options.cert ?? citizen;
  const content = authorizationDocument({
    ...{ caseId: 7, subjectIdNumber: customer.idNumber, subjectName: customer.name, role: 'borrower' },
    ...{ purpose: 'credit', products: ['T50', 'T51'], validFrom: today, validUntil: later },
    ...{ bankCode: '004', branchCode: '0123', issuedAt: new Date().toISOString(), deskId: 'desk' },
    ...options.facts,
  });
  return buildSignedData({
    content,
    cert: parseCertificate(cert.der),
    signingTime: options.signingTime ?? new Date(),
    // The card's RSA PKCS#1 v1.5 over the DigestInfo it is given.
    sign: async (digestInfo) =>
      privateEncrypt({ key: createPrivateKey(cert.keyPem), padding: constants.RSA_PKCS1_PADDING }, digestInfo),
  });
}
const verdict = (der: Buffer, facts: Partial<RequestFacts> = {}) =>
  verifySignedAuthorization(der, {
    ...request,
    ...facts,
    method: 'moica',
    signedOn: today,
    validUntil: later,
    trust,
  });

test('a good card signature for this request passes; each thing wrong is its own rejection', async () => {
  const good = await signed();
  assert.equal(verdict(good), null);
  assert.equal(verdict(good, { products: ['T50'] }), null, 'fewer products than authorized is fine');

  const broken = Buffer.from(good);
  broken[broken.length - 10]! ^= 0xff; // inside the signature
  assert.equal(verdict(broken), 'signature-invalid');
  assert.equal(verdict(Buffer.from('not a CMS')), 'signature-invalid');

  const stranger = other.citizen(customer); // the same person on a CA the sandbox does not trust
  assert.equal(verdict(await signed({ cert: stranger })), 'signer-untrusted');

  const lastWeek = new Date(Date.now() - 7 * 86_400_000);
  assert.equal(verdict(await signed({ signingTime: lastWeek })), 'signed-outside-validity');

  const someoneElse = pki.citizen({ name: '陳大文', idNumber: 'B234561230' });
  assert.equal(verdict(await signed({ cert: someoneElse })), 'subject-mismatch');

  assert.equal(verdict(good, { purpose: 'guarantee' }), 'document-mismatch', 'another purpose');
  assert.equal(verdict(good, { products: ['T50', 'T52'] }), 'document-mismatch', 'a product not authorized');
  assert.equal(verdict(good, { role: 'guarantor' }), 'document-mismatch');
  assert.equal(verdict(good, { bankCode: '005' }), 'document-mismatch', "another bank's request");
  const otherSubjectDoc = await signed({ facts: { subjectIdNumber: 'B234566789' } }); // same last four
  assert.equal(verdict(otherSubjectDoc), 'document-mismatch');
});
