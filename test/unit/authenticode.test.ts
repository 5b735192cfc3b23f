// The desk's own Authenticode check of a Windows installer, on files osslsigncode signed: the
// pinned publisher passes (PE32 and PE32+; SHA-256, or SHA-1 with a nested SHA-256 signature as
// electron-builder signs; an EV certificate pinned as Windows writes its subject); another publisher
// under the same CA, a self-signed certificate with the bank's very name, a certificate not for code
// signing, one expired without a timestamp, SHA-1 alone, an unsigned file, a file changed after
// signing (in its code, or in the signature's own digest), a damaged certificate, bytes slipped into
// the signature table and a damaged table are each refused with their own reason, never a crash. A
// file that is not a Windows program is said to be so.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAuthenticode } from '../../electron/main/updates/authenticode';
import { BANK_PUBLISHER, EV_PUBLISHER, makeSigningKit, minimalPe, type SigningKit } from '../support/authenticode-kit';

const dir = mkdtempSync(join(tmpdir(), 'authenticode-'));
let kit: SigningKit;
const unsigned = join(dir, 'unsigned.exe');

before(() => {
  kit = makeSigningKit(dir);
  writeFileSync(unsigned, minimalPe());
});

function signed(signer: Parameters<SigningKit['sign']>[2] = 'bank', name = `${signer}.exe`): string {
  const out = join(dir, name);
  kit.sign(unsigned, out, signer);
  return out;
}

const check = (path: string, publisher = BANK_PUBLISHER, now = new Date()) =>
  checkAuthenticode(path, publisher, now, [kit.rootPem]);

test('the bank’s installer, signed under the trusted root by the pinned publisher, passes', async () => {
  const result = await check(signed());
  assert.equal(result.problem, null, result.detail);
  assert.match(result.signer ?? '', /CN=Test Bank Co\.\\?, Ltd\./);
});

test('a pin that names only some keys, or the common name alone, matches as electron-updater matches', async () => {
  const path = signed('bank', 'bank-2.exe');
  assert.equal((await check(path, 'CN="Test Bank Co., Ltd.", C=TW')).problem, null);
  assert.equal((await check(path, 'Test Bank Co., Ltd.')).problem, null);
  assert.equal((await check(path, 'CN="Test Bank Co., Ltd.", C=JP')).problem, 'publisher');
});

test('another publisher under the same CA is refused, naming who signed it', async () => {
  const result = await check(signed('other'));
  assert.equal(result.problem, 'publisher');
  assert.match(result.detail, /Someone Else Ltd\./);
});

test('a self-signed certificate with the bank’s very name does not chain to the root', async () => {
  const result = await check(signed('selfSigned'));
  assert.equal(result.problem, 'untrusted');
});

test('the public roots do not trust the test CA', async () => {
  const result = await checkAuthenticode(signed('bank', 'bank-3.exe'), BANK_PUBLISHER, new Date());
  assert.equal(result.problem, 'untrusted');
});

test('a certificate that is not for code signing is refused', async () => {
  assert.equal((await check(signed('notForCode'))).problem, 'not_code_signing');
});

test('an unsigned installer is refused', async () => {
  assert.equal((await check(unsigned)).problem, 'unsigned');
});

test('a byte of code changed after signing: the image digest no longer matches', async () => {
  const path = signed('bank', 'tampered.exe');
  const bytes = readFileSync(path);
  bytes[0x200 + 20] = bytes[0x200 + 20]! ^ 0xff; // inside .text
  writeFileSync(path, bytes);
  assert.equal((await check(path)).problem, 'digest');
});

test('the signed digest itself changed: the signature no longer covers it', async () => {
  const path = signed('bank', 'digest-swapped.exe');
  const bytes = readFileSync(path);
  // Re-point the signature at another file: rewrite the image digest inside SpcIndirectDataContent
  // so it matches a changed body. The messageDigest attribute no longer covers the content.
  const tableAt = bytes.readUInt32LE(0x40 + 24 + 96 + 32);
  const checksumAt = 0x40 + 24 + 64;
  const directoryAt = 0x40 + 24 + 128;
  const oldDigest = imageDigestOf(bytes, checksumAt, directoryAt, tableAt);
  const at = bytes.indexOf(oldDigest);
  assert.ok(at > tableAt, 'the image digest is in the signature table');
  bytes[0x200 + 20] = bytes[0x200 + 20]! ^ 0xff;
  const newDigest = imageDigestOf(bytes, checksumAt, directoryAt, tableAt);
  newDigest.copy(bytes, at);
  writeFileSync(path, bytes);
  const result = await check(path);
  assert.equal(result.problem, 'digest');
  assert.match(result.detail, /signed attributes/);
});

test('a damaged signature table is unreadable, not a crash', async () => {
  const path = signed('bank', 'damaged.exe');
  const bytes = readFileSync(path);
  const tableAt = bytes.readUInt32LE(0x40 + 24 + 96 + 32);
  bytes.fill(0x41, tableAt + 8, tableAt + 40);
  writeFileSync(path, bytes);
  assert.equal((await check(path)).problem, 'unreadable');
});

test('a file that is not a Windows program is said to be so', async () => {
  const path = join(dir, 'Branch-Desk.AppImage');
  writeFileSync(path, Buffer.from('\x7fELF not a PE file at all', 'latin1'));
  assert.equal((await check(path)).problem, 'not_pe');
});

test('SHA-1 alone is refused; SHA-1 with a nested SHA-256 signature (electron-builder’s default) passes', async () => {
  const sha1 = join(dir, 'sha1.exe');
  kit.sign(unsigned, sha1, 'bank', { hash: 'sha1' });
  assert.equal((await check(sha1)).problem, 'weak_digest');
  const both = join(dir, 'sha1-sha256.exe');
  kit.sign(sha1, both, 'bank', { nest: true });
  const result = await check(both);
  assert.equal(result.problem, null, result.detail);
  const otherNested = join(dir, 'sha1-other.exe');
  kit.sign(sha1, otherNested, 'other', { nest: true });
  assert.equal((await check(otherNested)).problem, 'publisher');
});

test('a 64-bit (PE32+) installer is read at its own offsets', async () => {
  const pe64 = join(dir, 'unsigned64.exe');
  writeFileSync(pe64, minimalPe('Branch Desk x64', true));
  const out = join(dir, 'bank64.exe');
  kit.sign(pe64, out, 'bank');
  assert.equal((await check(out)).problem, null);
  const bytes = readFileSync(out);
  bytes[0x200 + 20] = bytes[0x200 + 20]! ^ 0xff;
  writeFileSync(out, bytes);
  assert.equal((await check(out)).problem, 'digest');
});

test('an EV certificate matches the pin IT copies from Windows (SERIALNUMBER, OID.… names); another number does not', async () => {
  const path = signed('ev');
  const result = await check(path, EV_PUBLISHER);
  assert.equal(result.problem, null, result.detail);
  assert.equal((await check(path, EV_PUBLISHER.replace('12345678', '87654321'))).problem, 'publisher');
});

test('a certificate out of its validity is refused when the signature has no timestamp', async () => {
  const result = await check(signed('bank', 'later.exe'), BANK_PUBLISHER, new Date(Date.now() + 60 * 86_400_000));
  assert.equal(result.problem, 'expired');
  assert.match(result.detail, /not now/);
});

test('a damaged certificate inside the signature is unreadable, not a crash', async () => {
  const path = signed('bank', 'damaged-cert.exe');
  const bytes = readFileSync(path);
  const der = new X509Certificate(readFileSync(join(kit.dir, 'bank.pem'))).raw;
  const at = bytes.indexOf(der);
  assert.ok(at > 0, 'the signer certificate is in the file');
  // The certificate's TBSCertificate SEQUENCE (after the outer tag and 4-byte length) made a SET.
  bytes[at + 4] = 0x31;
  writeFileSync(path, bytes);
  const result = await check(path);
  assert.equal(result.problem, 'unreadable');
  assert.match(result.detail, /certificate in the signature cannot be read/);
});

test('bytes slipped into the certificate table after the signature are refused', async () => {
  const path = signed('bank', 'appended.exe');
  const bytes = Buffer.concat([readFileSync(path), Buffer.alloc(16, 0x41)]);
  const directoryAt = 0x40 + 24 + 96 + 32;
  bytes.writeUInt32LE(bytes.readUInt32LE(directoryAt + 4) + 16, directoryAt + 4);
  writeFileSync(path, bytes);
  const result = await check(path);
  assert.equal(result.problem, 'unreadable');
  assert.match(result.detail, /bytes after the signature/);
});

test('a certificate with a second common name matches no pin on that name', async () => {
  assert.equal((await check(signed('twoNames'))).problem, 'publisher');
});

test('bytes inside the certificate entry after the signature are refused', async () => {
  const path = signed('bank', 'inner.exe');
  const bytes = Buffer.concat([readFileSync(path), Buffer.alloc(16, 0x41)]);
  const directoryAt = 0x40 + 24 + 96 + 32;
  const tableAt = bytes.readUInt32LE(directoryAt);
  bytes.writeUInt32LE(bytes.readUInt32LE(directoryAt + 4) + 16, directoryAt + 4);
  bytes.writeUInt32LE(bytes.readUInt32LE(tableAt) + 16, tableAt); // dwLength takes the bytes in
  writeFileSync(path, bytes);
  const result = await check(path);
  assert.equal(result.problem, 'unreadable');
  assert.match(result.detail, /bytes after the signature in its certificate entry/);
});

function imageDigestOf(bytes: Buffer, checksumAt: number, directoryAt: number, tableAt: number): Buffer {
  return createHash('sha256')
    .update(bytes.subarray(0, checksumAt))
    .update(bytes.subarray(checksumAt + 4, directoryAt))
    .update(bytes.subarray(directoryAt + 8, tableAt))
    .digest();
}
