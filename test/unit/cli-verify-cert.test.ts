// `desk verify-cert` as IT runs it: the chain it built, each check in both languages, the holder,
// the verdict, and an exit code scripts can trust (0 only when valid).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAsync } from '../support/cli';
import { makeMoicaPki, type MoicaPki } from '../support/moica-pki';
import { startOcspResponder, type OcspResponder } from '../support/ocsp-responder';

let pki: MoicaPki;
let responder: OcspResponder;
before(async () => {
  responder = await startOcspResponder();
  pki = makeMoicaPki({ port: responder.port });
  responder.issuers = [pki.intermediateA, pki.intermediateB];
});
after(() => responder.close());

const noPolicy = { BRANCH_DESK_POLICY: '/nonexistent/policy.json' };
const verify = (args: string[]) =>
  runCliAsync(['verify-cert', ...args, '--anchors', pki.anchorsDir, '--intermediates', pki.intermediatesDir], noPolicy);
const file = (name: string, bytes: string | Buffer) => {
  const path = join(pki.dir, name);
  writeFileSync(path, bytes);
  return path;
};

test('a valid citizen certificate: the chain, every check, the holder and exit 0; with the customer named, both bindings are checked', async () => {
  const cert = file('citizen.pem', pki.citizen({ name: '王小明', idNumber: 'A123456789' }).pem);
  const r = await verify([cert, '--id', 'A123456789', '--name', '王小明']);
  assert.equal(r.code, 0, r.out);
  assert.match(r.stdout, /holder: {6}王小明 \(ID last four 身分證末四碼 6789, serialNumber 序號 1234567890123456\)/);
  assert.match(
    r.stdout,
    /1\. C=TW, CN=王小明.*\n {2}2\. C=TW, O=行政院, OU=內政部憑證管理中心.*\n {2}3\. .*Test Government Root.*\[trust anchor 信任根\]/,
  );
  assert.match(r.stdout, /pass +身分證末四碼 與客戶身分證末四碼相符（6789）/);
  assert.match(r.stdout, /pass +廢止狀態 有效（未廢止），依據 http:\/\/127\.0\.0\.1:\d+\/OCSP/);
  assert.match(r.stdout, /verdict: {5}valid 憑證有效 \/ The certificate is valid/);
});

test("another person's card, a revoked certificate (by a CRL file), an unreachable responder: exit 1, each saying why", async () => {
  const cert = file('other.pem', pki.citizen({ name: '陳大文', idNumber: 'B234561234' }).pem);
  const other = await verify([cert, '--id', 'A123456789', '--name', '王小明']);
  assert.equal(other.code, 1, other.out);
  assert.match(other.stdout, /fail +身分證末四碼 憑證的身分證末四碼（1234）與客戶不符/);
  assert.match(other.stdout, /Name: The certificate's name \(陳大文\) is not the customer's/);

  const revoked = pki.citizen({ name: '王小明', idNumber: 'A123456789' });
  const crl = file('moica-a.crl', pki.crl('A', [{ serialHex: revoked.serialHex, at: new Date(Date.now() - 60_000) }]));
  const r = await verify([file('revoked.pem', revoked.pem), '--crl', crl]);
  assert.equal(r.code, 1, r.out);
  assert.match(r.stdout, /fail +廢止狀態 已廢止（\d{4}-\d{2}-\d{2}）\n +Revocation: Revoked on/);

  const down = await verify([file('down.pem', revoked.pem), '--ocsp', 'http://127.0.0.1:9/OCSP']);
  assert.equal(down.code, 1, down.out);
  assert.match(down.stdout, /無法確認是否廢止：無法連線查詢服務/);
  assert.match(down.stdout, /revocation detail: http:\/\/127\.0\.0\.1:9\/OCSP:/);
});

test('what cannot be checked at all exits 2: a file that is not a certificate, a bad date, a customer ID without a name', async () => {
  const notCert = await verify([file('junk.pem', 'hello')]);
  assert.equal(notCert.code, 2);
  assert.match(notCert.stderr, /cannot read the certificate .*junk\.pem/);
  const cert = file('c.pem', pki.citizen({ name: '王小明', idNumber: 'A123456789' }).pem);
  assert.equal((await verify([cert, '--at', 'yesterday'])).code, 2);
  assert.equal((await verify([cert, '--id', 'A123456789'])).code, 2);
});
