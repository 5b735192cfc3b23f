// The Authenticode signature of a Windows installer, checked by the desk itself on every platform
// (electron-updater's own publisher check runs only on Windows, through PowerShell): the file's
// image digest (the PE file hashed without its checksum, its certificate-table entry and the table)
// must be the one the PKCS#7 SignedData signs, the signature must verify with the signer's
// certificate, that certificate must be for code signing, chain to a trusted root, and name the
// publisher IT pinned, compared key by key as electron-updater compares a full distinguished name.
// Read from the bytes as they are (cardcheck/der.ts), never re-encoded; the table is capped, and the
// file is hashed as a stream, so a large installer never stalls the main process.
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { parseDn } from 'builder-util-runtime';
import { children, derOid, DerError, readTlv, type Tlv } from '../cardcheck/der';

export type AuthenticodeProblem =
  | 'not_pe' // not a Windows executable: nothing to check a signature on
  | 'unsigned'
  | 'unreadable' // a signature table the desk cannot read
  | 'digest' // the file changed after it was signed
  | 'signature' // the signature does not verify with the signer's certificate
  | 'weak_digest' // SHA-1 or an unknown digest
  | 'not_code_signing'
  | 'untrusted' // the signer's certificate does not chain to a trusted root
  | 'publisher'; // signed, but by someone other than the pinned publisher

export interface AuthenticodeResult {
  problem: AuthenticodeProblem | null;
  /** The signer certificate's subject, as Node prints it (for IT), when it was found. */
  signer: string | null;
  detail: string;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  spcIndirectData: '1.3.6.1.4.1.311.2.1.4',
  messageDigest: '1.2.840.113549.1.9.4',
  codeSigning: '1.3.6.1.5.5.7.3.3',
} as const;
const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** A real table (a signature, its chain, a timestamp) is 5–30 KiB. */
const MAX_TABLE = 512 * 1024;
const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 2;

class Refused extends Error {
  constructor(
    readonly problem: AuthenticodeProblem,
    detail: string,
    readonly signer: string | null = null,
  ) {
    super(detail);
  }
}

/** Checks the installer at `path` against the pinned publisher's full distinguished name (as in
 * electron-builder's publisherName, e.g. "CN=Bank, O=Bank, L=Taipei, C=TW"), trusting `roots`
 * (PEM; default: the public roots Node carries, which issue code-signing CAs). */
export async function checkAuthenticode(
  path: string,
  publisher: string,
  roots: readonly string[] = rootCertificates,
): Promise<AuthenticodeResult> {
  try {
    const layout = await readLayout(path);
    const signed = readSignedData(layout.table);
    const digest = await imageDigest(path, layout, signed.digestAlgorithm);
    if (!digest.equals(signed.imageDigest))
      throw new Refused('digest', 'the image digest does not match the signed one');
    const signer = verifySigner(signed);
    const subject = signer.subject.replace(/\n/g, ', ');
    if (!(signer.keyUsage ?? [OID.codeSigning]).includes(OID.codeSigning))
      throw new Refused('not_code_signing', 'the certificate is not for code signing', subject);
    if (!chainsToRoot(signer, signed.certificates, roots))
      throw new Refused('untrusted', 'the certificate does not chain to a trusted root', subject);
    if (!publisherMatches(publisher, signer))
      throw new Refused('publisher', `signed by ${subject}, not ${publisher}`, subject);
    return { problem: null, signer: subject, detail: `signed by ${subject}` };
  } catch (e) {
    if (e instanceof Refused) return { problem: e.problem, signer: e.signer, detail: e.message };
    if (e instanceof DerError) return { problem: 'unreadable', signer: null, detail: e.message };
    throw e;
  }
}

interface Layout {
  size: number;
  checksumAt: number;
  directoryAt: number;
  tableAt: number;
  tableSize: number;
  /** The PKCS#7 SignedData of the first WIN_CERTIFICATE. */
  table: Buffer;
}

/** PE headers: the checksum, the certificate table's directory entry and the table itself. */
async function readLayout(path: string): Promise<Layout> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await file.read(head, 0, head.length, 0);
    if (head.length < 64 || head.toString('latin1', 0, 2) !== 'MZ') throw new Refused('not_pe', 'no MZ header');
    const pe = head.readUInt32LE(0x3c);
    if (pe + 24 + 2 > head.length || head.toString('latin1', pe, pe + 4) !== 'PE\0\0')
      throw new Refused('not_pe', 'no PE header');
    const optional = pe + 24;
    const magic = head.readUInt16LE(optional);
    if (magic !== 0x10b && magic !== 0x20b) throw new Refused('not_pe', `optional header magic ${magic.toString(16)}`);
    const directories = optional + (magic === 0x10b ? 96 : 112);
    const directoryAt = directories + 4 * 8;
    if (directoryAt + 8 > head.length || head.readUInt32LE(directories - 4) < 5)
      throw new Refused('unsigned', 'no certificate table entry');
    const tableAt = head.readUInt32LE(directoryAt);
    const tableSize = head.readUInt32LE(directoryAt + 4);
    if (tableAt === 0 || tableSize === 0) throw new Refused('unsigned', 'no certificate table');
    if (tableSize < 8 || tableSize > MAX_TABLE || tableAt < directoryAt + 8 || tableAt + tableSize > size)
      throw new Refused('unreadable', `certificate table of ${tableSize} bytes at ${tableAt}`);
    const table = Buffer.alloc(tableSize);
    await file.read(table, 0, tableSize, tableAt);
    const length = table.readUInt32LE(0);
    if (length < 8 || length > tableSize || table.readUInt16LE(6) !== WIN_CERT_TYPE_PKCS_SIGNED_DATA)
      throw new Refused('unreadable', 'the first certificate entry is not PKCS#7 SignedData');
    return { size, checksumAt: optional + 64, directoryAt, tableAt, tableSize, table: table.subarray(8, length) };
  } finally {
    await file.close();
  }
}

interface SignedParts {
  der: Buffer;
  digestAlgorithm: string;
  imageDigest: Buffer;
  /** The content of SpcIndirectDataContent: what the messageDigest attribute hashes. */
  indirectContent: Buffer;
  messageDigest: Buffer;
  /** The authenticated attributes as the SET OF that was signed. */
  signedAttributes: Buffer;
  signature: Buffer;
  serialHex: string;
  issuerDer: Buffer;
  certificates: X509Certificate[];
}

/** ContentInfo { signedData, [0] SignedData { version, digestAlgorithms, contentInfo {
 * spcIndirectDataContent, [0] SpcIndirectDataContent { data, DigestInfo } }, [0] certificates,
 * [1] crls?, signerInfos { SignerInfo } } }. */
function readSignedData(der: Buffer): SignedParts {
  const bytes = (t: Tlv) => der.subarray(t.start, t.end);
  const content = (t: Tlv) => der.subarray(t.contentStart, t.end);
  const expect = (t: Tlv | undefined, tag: number, what: string): Tlv => {
    if (!t || t.tag !== tag) throw new DerError(`${what} expected`);
    return t;
  };
  const isOid = (t: Tlv | undefined, oid: string) => !!t && t.tag === 0x06 && bytes(t).equals(derOid(oid));
  /** The digest an AlgorithmIdentifier names, if it is one the desk accepts. */
  const digestOf = (algorithm: Tlv) => {
    const oid = bytes(expect(children(der, algorithm).next().value, 0x06, 'OID'));
    return Object.entries(DIGESTS).find(([dottedOid]) => derOid(dottedOid).equals(oid))?.[1];
  };

  const [type, explicit] = [...children(der, expect(readTlv(der, 0), 0x30, 'ContentInfo'))];
  if (!isOid(type, OID.signedData)) throw new DerError('not SignedData');
  const signedData = expect(children(der, expect(explicit, 0xa0, '[0]')).next().value, 0x30, 'SignedData');
  const parts = [...children(der, signedData)];
  const [typeOfContent, spcExplicit] = [...children(der, expect(parts[2], 0x30, 'contentInfo'))];
  if (!isOid(typeOfContent, OID.spcIndirectData)) throw new Refused('unreadable', 'not an Authenticode signature');
  const spc = expect(children(der, expect(spcExplicit, 0xa0, '[0]')).next().value, 0x30, 'SpcIndirectDataContent');
  const [, digestInfo] = [...children(der, spc)];
  const [digestAlgorithm, imageDigest] = [...children(der, expect(digestInfo, 0x30, 'DigestInfo'))];
  const algorithm = digestOf(expect(digestAlgorithm, 0x30, 'AlgorithmIdentifier'));
  if (!algorithm) throw new Refused('weak_digest', 'the image is hashed with SHA-1 or an unknown digest');

  const certificatesTlv = parts.find((p) => p.tag === 0xa0);
  const certificates = certificatesTlv
    ? [...children(der, certificatesTlv)].filter((c) => c.tag === 0x30).map((c) => new X509Certificate(bytes(c)))
    : [];
  const signerInfos = expect(parts[parts.length - 1], 0x31, 'signerInfos');
  const signerInfo = expect(children(der, signerInfos).next().value, 0x30, 'SignerInfo');
  const [, issuerAndSerial, signerDigest, attributes, , signature] = [...children(der, signerInfo)];
  const [issuer, serial] = [...children(der, expect(issuerAndSerial, 0x30, 'IssuerAndSerialNumber'))];
  if (digestOf(expect(signerDigest, 0x30, 'digestAlgorithm')) !== algorithm)
    throw new Refused('weak_digest', 'the signer hashes with another digest than the image');
  const attrs = expect(attributes, 0xa0, 'authenticated attributes');
  let messageDigest: Buffer | null = null;
  for (const attribute of children(der, attrs)) {
    const [attrType, values] = [...children(der, attribute)];
    if (!isOid(attrType, OID.messageDigest)) continue;
    if (messageDigest) throw new DerError('two messageDigest attributes');
    messageDigest = content(expect(children(der, expect(values, 0x31, 'SET')).next().value, 0x04, 'OCTET STRING'));
  }
  if (!messageDigest) throw new DerError('no messageDigest attribute');
  return {
    der,
    digestAlgorithm: algorithm,
    imageDigest: content(expect(imageDigest, 0x04, 'digest')),
    indirectContent: content(spc),
    messageDigest,
    signedAttributes: Buffer.concat([Buffer.from([0x31]), der.subarray(attrs.start + 1, attrs.end)]),
    signature: content(expect(signature, 0x04, 'encryptedDigest')),
    serialHex: content(expect(serial, 0x02, 'serialNumber'))
      .toString('hex')
      .replace(/^(00)+(?=.)/, '')
      .toUpperCase(),
    issuerDer: bytes(expect(issuer, 0x30, 'issuer')),
    certificates,
  };
}

/** The PE image hashed as Authenticode hashes it: all of it except the checksum, the certificate
 * table's directory entry and the table. */
async function imageDigest(path: string, layout: Layout, algorithm: string): Promise<Buffer> {
  const hash = createHash(algorithm);
  const ranges: [number, number][] = [
    [0, layout.checksumAt],
    [layout.checksumAt + 4, layout.directoryAt],
    [layout.directoryAt + 8, layout.tableAt],
    [layout.tableAt + layout.tableSize, layout.size],
  ];
  for (const [start, end] of ranges) {
    if (end <= start) continue;
    for await (const chunk of createReadStream(path, { start, end: end - 1 })) hash.update(chunk as Buffer);
  }
  return hash.digest();
}

/** The certificate named by the SignerInfo, once the signature over the attributes verifies. */
function verifySigner(signed: SignedParts): X509Certificate {
  if (!createHash(signed.digestAlgorithm).update(signed.indirectContent).digest().equals(signed.messageDigest))
    throw new Refused('digest', 'the signed attributes do not cover this content');
  const candidates = signed.certificates.filter(
    (c) => c.serialNumber.replace(/^(00)+(?=.)/, '').toUpperCase() === signed.serialHex,
  );
  if (candidates.length === 0) throw new Refused('unreadable', 'the signer certificate is not in the signature');
  const signer = candidates.find((c) =>
    verifySignature(signed.digestAlgorithm, signed.signedAttributes, c.publicKey, signed.signature),
  );
  if (!signer) throw new Refused('signature', 'the signature does not verify with the signer certificate');
  return signer;
}

/** Up through the signature's own certificates to one of the roots (at most five steps). */
function chainsToRoot(leaf: X509Certificate, bag: X509Certificate[], roots: readonly string[]): boolean {
  const anchors = roots.map((pem) => new X509Certificate(pem));
  const issuedBy = (child: X509Certificate, parent: X509Certificate) =>
    child.checkIssued(parent) && child.verify(parent.publicKey);
  let current = leaf;
  for (let step = 0; step < 6; step++) {
    if (anchors.some((a) => issuedBy(current, a) || a.fingerprint256 === current.fingerprint256)) return true;
    const parent = bag.find((c) => c !== current && c.ca && issuedBy(current, c));
    if (!parent) return false;
    current = parent;
  }
  return false;
}

/** electron-updater's rule: every key of the pinned DN equal in the subject (Windows says S for ST,
 * E for emailAddress); a pin with no keys is a common name alone. */
function publisherMatches(publisher: string, signer: X509Certificate): boolean {
  const subject = new Map<string, string>();
  const names: Record<string, string> = { ST: 'S', emailAddress: 'E' };
  for (const [key, value] of Object.entries(signer.toLegacyObject().subject as Record<string, string | string[]>))
    subject.set(names[key] ?? key, Array.isArray(value) ? value.join('+') : value);
  const pinned = parseDn(publisher);
  if (pinned.size === 0) return publisher !== '' && publisher === subject.get('CN');
  return [...pinned.keys()].every((key) => pinned.get(key) === subject.get(key));
}
