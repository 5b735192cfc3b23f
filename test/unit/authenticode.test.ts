// The desk's own Authenticode check of a Windows installer, on files osslsigncode signed: the
// pinned publisher passes; another publisher under the same CA, a self-signed certificate with the
// bank's very name, a certificate not for code signing, an unsigned file, a file changed after
// signing (in its code, or in the signature's own digest) and a damaged signature table are each
// refused with their own reason. A file that is not a Windows program is said to be so.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAuthenticode } from '../../electron/main/updates/authenticode';
import { BANK_PUBLISHER, makeSigningKit, minimalPe, type SigningKit } from '../support/authenticode-kit';

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

const check = (path: string, publisher = BANK_PUBLISHER) => checkAuthenticode(path, publisher, [kit.rootPem]);

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
  const result = await checkAuthenticode(signed('bank', 'bank-3.exe'), BANK_PUBLISHER);
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

function imageDigestOf(bytes: Buffer, checksumAt: number, directoryAt: number, tableAt: number): Buffer {
  return createHash('sha256')
    .update(bytes.subarray(0, checksumAt))
    .update(bytes.subarray(checksumAt + 4, directoryAt))
    .update(bytes.subarray(directoryAt + 8, tableAt))
    .digest();
}
