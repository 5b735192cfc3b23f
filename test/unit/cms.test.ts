// The desk's CMS verification against altered and hostile files: it returns the content only when
// the one signer's signature covers it, from one reading of the bytes, and any unreadable input is
// a CmsError (never another exception, never a loop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, privateEncrypt } from 'node:crypto';
import { makeMoicaPki } from '../support/moica-pki';
import { parseCertificate } from '../../electron/main/cardcheck/certificate';
import { buildSignedData, CmsError, verifySignedData } from '../../electron/main/esign/cms';
import { children, derSequence, derTlv, readTlv } from '../../electron/main/cardcheck/der';

const pki = makeMoicaPki();
const card = pki.citizen({ name: '王小明', idNumber: 'A123456789' });
const cert = parseCertificate(card.der);
const sign = async (digestInfo: Buffer) =>
  privateEncrypt({ key: card.keyPem, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
const build = (content: string) =>
  buildSignedData({ content: Buffer.from(content), cert, signingTime: new Date(), sign });

/** The SignedData's elements, and a function that wraps new ones back into a ContentInfo. */
function open(der: Buffer) {
  const info = readTlv(der, 0);
  const [type, explicit] = [...children(der, info)];
  const signedData = readTlv(der, explicit!.contentStart, explicit!.end);
  const parts = [...children(der, signedData)].map((p) => der.subarray(p.start, p.end));
  const wrap = (items: Buffer[]) =>
    derSequence(der.subarray(type!.start, type!.end), derTlv(0xa0, derSequence(...items)));
  return { parts, wrap };
}

const refused = (der: Buffer, problem?: string) =>
  assert.throws(
    () => verifySignedData(der),
    (e: unknown) => e instanceof CmsError && (problem === undefined || e.problem === problem),
  );

test('a signature moved onto another document is refused, however the signers are arranged', async () => {
  const a = await build('document A');
  const b = await build('document B');
  assert.equal(verifySignedData(a).content.toString(), 'document A');
  // B's content with A's signers: the digest no longer matches.
  const mixed = open(b);
  const fromA = open(a);
  refused(mixed.wrap([...mixed.parts.slice(0, -1), fromA.parts.at(-1)!]), 'digest_mismatch');
  // A second SET of signers after the first (a parser that stops early would check one, use the other).
  refused(fromA.wrap([...fromA.parts, mixed.parts.at(-1)!]));
  // Two signers in the one SET.
  const signers = readTlv(fromA.parts.at(-1)!, 0);
  const one = fromA.parts.at(-1)!.subarray(signers.contentStart, signers.end);
  refused(fromA.wrap([...fromA.parts.slice(0, -1), derTlv(0x31, Buffer.concat([one, one]))]), 'signer_count');
});

test('content changed, a signed attribute changed, bytes appended: each refused', async () => {
  const good = await build('the authorization');
  const swapped = Buffer.from(good);
  swapped.write('THE', good.indexOf(Buffer.from('the authorization')), 'latin1');
  refused(swapped, 'digest_mismatch');
  const time = Buffer.from(good);
  // The signingTime's UTCTime: found after its attribute's OID (1.2.840.113549.1.9.5), since a bare
  // 17 0D can also occur by chance inside a certificate hash or a signature.
  const oid = time.indexOf(Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05]));
  const at = time.indexOf(Buffer.from([0x17, 0x0d]), oid);
  assert.ok(oid > 0 && at > oid);
  time[at + 3] = time[at + 3] === 0x30 ? 0x31 : 0x30;
  refused(time, 'bad_signature');
  refused(Buffer.concat([good, Buffer.from([0])]), 'unreadable');
});

test('every truncation and many single-byte changes of a valid file are a CmsError or verify, nothing else', async () => {
  const good = await build('the authorization');
  for (let n = 0; n < good.length; n += 7) refused(good.subarray(0, n));
  for (let i = 0; i < good.length; i += 3) {
    const bent = Buffer.from(good);
    bent[i] = bent[i]! ^ 0xff;
    try {
      const verified = verifySignedData(bent);
      assert.equal(verified.content.toString(), 'the authorization', `byte ${i}: verified with other content`);
    } catch (e) {
      assert.ok(e instanceof CmsError, `byte ${i}: ${String(e)}`);
    }
  }
});
