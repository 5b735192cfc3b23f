// `npm run bench -- sign`: the desk's whole signing path for one authorization (certificate checks
// with the revocation answers cached, the card's and its CA's, the token's PIN state, PIN login, sign and logout in the signer
// process, CMS built and verified) against a bare PKCS#11 C_SignInit + C_Sign on a logged-in session
// of the same SoftHSM2 token, in this process, same run. Goal: overhead ≤ 50 ms per signature.
import * as pkcs11js from 'pkcs11js';
import { createPublicKey, verify } from 'node:crypto';
import { makeMoicaPki } from '../test/support/moica-pki';
import { makeSoftToken, SOFTHSM_MODULE } from '../test/support/softhsm';
import { startOcspResponder } from '../test/support/ocsp-responder';
import { parseCertificate } from '../electron/main/cardcheck/certificate';
import { ocspChecker } from '../electron/main/cardcheck/ocsp';
import { cachedRevocation } from '../electron/main/cardcheck/revocation-cache';
import { crlByAddress } from '../electron/main/cardcheck/revocation';
import { crlInWorker } from '../electron/main/cardcheck/crl-in-worker';
import { SignerClient } from '../electron/main/esign/signer-client';
import { signAuthorization } from '../electron/main/esign/sign-authorization';
import { digestInfoSha256, verifySignedData } from '../electron/main/esign/cms';
import { authorizationDocument } from '../common/domain/authorization-document';
import { emitter, percentile } from './report';

const emit = emitter('sign');
const WARM_UP = 20;
const ROUNDS = 200;

async function main(): Promise<void> {
  const responder = await startOcspResponder();
  const pki = makeMoicaPki({ port: responder.port, caCrl: true });
  responder.issuers = [pki.intermediateA];
  const customer = { name: '王小明', idNumber: 'A123456789' };
  const card = pki.citizen(customer);
  const cert = parseCertificate(card.der);
  const token = makeSoftToken({ keyPem: card.keyPem, certDer: card.der });
  Object.assign(process.env, token.env);
  // The benchmark asserts its inputs: an RSA-2048 card key on a SoftHSM2 token, a real document.
  const modulusBits = createPublicKey(card.pem).asymmetricKeyDetails?.modulusLength;
  if (modulusBits !== 2048) throw new Error(`the card key is ${modulusBits} bits, not 2048`);
  const document = authorizationDocument({
    ...{ caseId: 1, subjectIdNumber: customer.idNumber, subjectName: customer.name, role: 'borrower' },
    ...{ purpose: 'new_loan', products: ['T50', 'T51', 'T52'], validFrom: '2026-12-01', validUntil: '2026-12-31' },
    ...{ bankCode: '004', branchCode: '0123', issuedAt: new Date().toISOString(), deskId: 'bench' },
  });

  // Bare: this process, one session logged in once, C_SignInit + C_Sign per signature.
  const lib = new pkcs11js.PKCS11();
  lib.load(SOFTHSM_MODULE);
  lib.C_Initialize();
  const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === token.label)!;
  const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  lib.C_Login(session, pkcs11js.CKU_USER, token.pin);
  lib.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
  const key = lib.C_FindObjects(session)!;
  lib.C_FindObjectsFinal(session);
  const bare = (data = Buffer.from(`${Math.random()}`)) => {
    lib.C_SignInit(session, { mechanism: pkcs11js.CKM_RSA_PKCS }, key);
    return lib.C_Sign(session, digestInfoSha256(data), Buffer.alloc(256));
  };
  // The bare loop makes real signatures with the card's key: one of them checked.
  if (!verify('sha256', Buffer.from('probe'), cert.x509.publicKey, bare(Buffer.from('probe'))))
    throw new Error('the bare signature does not verify');

  const signer = new SignerClient({ modulePath: SOFTHSM_MODULE, env: token.env });
  const revocation = cachedRevocation(ocspChecker());
  responder.crls.set(new URL(pki.caCrlUrl).pathname.slice('/crl/'.length), pki.crl('root', []));
  const caRevocation = cachedRevocation(crlByAddress({ judge: crlInWorker }));
  const trust = { anchors: [parseCertificate(pki.root.pem)], intermediates: [parseCertificate(pki.intermediateA.pem)] };
  const desk = async () => {
    const signed = await signAuthorization(signer, {
      ...{ document, cardCert: cert, subject: customer, pin: token.pin, confirmFinalTry: false },
      ...{ trust, revocation, caRevocation, now: new Date() },
    });
    // The benchmark asserts its inputs: both revocation checks made (and passed), not skipped.
    const passed = signed.report.checks.filter((c) => c.outcome === 'pass').map((c) => c.id);
    if (!passed.includes('revocation') || !passed.includes('ca_revocation'))
      throw new Error(`revocation not checked: ${JSON.stringify(signed.report.checks)}`);
    return signed.cms;
  };
  const cms = await desk();
  const verified = verifySignedData(cms);
  if (!verified.content.equals(document)) throw new Error('the CMS does not hold the document');

  const bareMs: number[] = [];
  const deskMs: number[] = [];
  const askedBefore = responder.requests;
  for (let i = 0; i < WARM_UP + ROUNDS; i++) {
    const t0 = performance.now();
    bare();
    const t1 = performance.now();
    await desk();
    const t2 = performance.now();
    if (i >= WARM_UP) {
      bareMs.push(t1 - t0);
      deskMs.push(t2 - t1);
    }
  }
  // Revocation was answered from the cache throughout (the "cached revocation").
  if (responder.requests !== askedBefore)
    throw new Error(`${responder.requests - askedBefore} OCSP or CRL requests while measuring`);
  const bareP50 = percentile(bareMs, 50);
  const deskP50 = percentile(deskMs, 50);
  emit('bare_c_sign', bareP50, 'ms', bareP50);
  emit('desk_sign', deskP50, 'ms', bareP50);
  emit('desk_sign_p95', percentile(deskMs, 95), 'ms', percentile(bareMs, 95));
  emit('overhead', deskP50 - bareP50, 'ms', 50);
  emit('cms_bytes', cms.length, 'bytes', document.length);
  signer.close();
  lib.C_Logout(session);
  lib.C_CloseSession(session);
  lib.C_Finalize();
  await responder.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
