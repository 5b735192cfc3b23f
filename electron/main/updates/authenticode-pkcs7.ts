// An Authenticode signature's PKCS#7 SignedData, read from its bytes as they are (never re-encoded):
// ContentInfo { signedData, [0] SignedData { version, digestAlgorithms, contentInfo {
// spcIndirectDataContent, [0] SpcIndirectDataContent { SpcPeImageData, DigestInfo } },
// [0] certificates, [1] crls?, signerInfos { SignerInfo } } }. A signer's unsigned attributes may
// carry nested signatures (electron-builder signs SHA-1 first and nests SHA-256) and a timestamp;
// like the certificates, they are not covered by the signature, so nothing in them is believed
// without its own check.
import { parseCertificate, type ParsedCertificate } from '../cardcheck/certificate';
import { children, derOid, DerError, readTlv, type Tlv } from '../cardcheck/der';
import { AuthenticodeRefusal } from './authenticode-pe';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  spcIndirectData: '1.3.6.1.4.1.311.2.1.4',
  spcPeImageData: '1.3.6.1.4.1.311.2.1.15',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  nestedSignature: '1.3.6.1.4.1.311.2.4.1',
} as const;
/** The digests accepted: SHA-1 is not (a signature made with it is looked past, to a nested one). */
const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export interface AuthenticodeSignature {
  /** null: SHA-1 or a digest the desk does not know. */
  digestAlgorithm: string | null;
  imageDigest: Buffer;
  /** The content of SpcIndirectDataContent: what the messageDigest attribute hashes. */
  indirectContent: Buffer;
  messageDigest: Buffer;
  /** The authenticated attributes as the SET OF that was signed. */
  signedAttributes: Buffer;
  signature: Buffer;
  serialHex: string;
  issuerDer: Buffer;
  certificates: ParsedCertificate[];
  /** Nested signatures, each a whole ContentInfo. */
  nested: Buffer[];
}

export function readSignature(der: Buffer): AuthenticodeSignature {
  const bytes = (t: Tlv) => der.subarray(t.start, t.end);
  const content = (t: Tlv) => der.subarray(t.contentStart, t.end);
  const expect = (t: Tlv | undefined, tag: number, what: string): Tlv => {
    if (!t || t.tag !== tag) throw new DerError(`${what} expected`);
    return t;
  };
  const first = (t: Tlv) => children(der, t).next().value as Tlv | undefined;
  const isOid = (t: Tlv | undefined, oid: string) => !!t && t.tag === 0x06 && bytes(t).equals(derOid(oid));
  const digestOf = (algorithm: Tlv) => {
    const oid = bytes(expect(first(algorithm), 0x06, 'OID'));
    return Object.entries(DIGESTS).find(([dotted]) => derOid(dotted).equals(oid))?.[1] ?? null;
  };
  /** Each attribute of a SET OF Attribute: its type and its values. */
  const attributesOf = (set: Tlv) =>
    [...children(der, set)].map((a) => {
      const [type, values] = [...children(der, expect(a, 0x30, 'Attribute'))];
      return { type: expect(type, 0x06, 'attribute type'), values: [...children(der, expect(values, 0x31, 'SET'))] };
    });

  const contentInfo = readTlv(der, 0);
  if (contentInfo.end !== der.length) throw new DerError('bytes after the signature');
  const [type, explicit] = [...children(der, expect(contentInfo, 0x30, 'ContentInfo'))];
  if (!isOid(type, OID.signedData)) throw new DerError('not SignedData');
  const signedData = expect(first(expect(explicit, 0xa0, '[0]')), 0x30, 'SignedData');
  const parts = [...children(der, signedData)];
  const [typeOfContent, spcExplicit] = [...children(der, expect(parts[2], 0x30, 'contentInfo'))];
  if (!isOid(typeOfContent, OID.spcIndirectData))
    throw new AuthenticodeRefusal('unreadable', 'not an Authenticode signature');
  const spc = expect(first(expect(spcExplicit, 0xa0, '[0]')), 0x30, 'SpcIndirectDataContent');
  const [data, digestInfo] = [...children(der, spc)];
  if (!isOid(first(expect(data, 0x30, 'SpcAttributeTypeAndOptionalValue')), OID.spcPeImageData))
    throw new AuthenticodeRefusal('unreadable', 'the signature is not over a PE image');
  const [digestAlgorithm, imageDigest] = [...children(der, expect(digestInfo, 0x30, 'DigestInfo'))];
  const algorithm = digestOf(expect(digestAlgorithm, 0x30, 'AlgorithmIdentifier'));

  const certificatesTlv = parts.find((p) => p.tag === 0xa0);
  let certificates: ParsedCertificate[] = [];
  try {
    certificates = certificatesTlv
      ? [...children(der, certificatesTlv)].filter((c) => c.tag === 0x30).map((c) => parseCertificate(bytes(c)))
      : [];
  } catch (e) {
    // CertificateFormatError, or the ASN.1 reader's own error on a damaged extension.
    throw new AuthenticodeRefusal(
      'unreadable',
      `a certificate in the signature cannot be read: ${(e as Error).message}`,
    );
  }
  const signerInfos = expect(parts[parts.length - 1], 0x31, 'signerInfos');
  const signerInfo = expect(first(signerInfos), 0x30, 'SignerInfo');
  const [, issuerAndSerial, signerDigest, attributes, , signature, unsigned] = [...children(der, signerInfo)];
  const [issuer, serial] = [...children(der, expect(issuerAndSerial, 0x30, 'IssuerAndSerialNumber'))];
  if (digestOf(expect(signerDigest, 0x30, 'digestAlgorithm')) !== algorithm)
    throw new AuthenticodeRefusal('unreadable', 'the signer hashes with another digest than the image');
  const attrs = expect(attributes, 0xa0, 'authenticated attributes');
  const signed = attributesOf(attrs);
  const one = (oid: string, tag: number) => {
    const found = signed.filter((a) => isOid(a.type, oid));
    if (found.length !== 1 || found[0]!.values.length !== 1) throw new DerError(`one ${oid} attribute expected`);
    return expect(found[0]!.values[0], tag, oid);
  };
  if (!isOid(one(OID.contentType, 0x06), OID.spcIndirectData))
    throw new AuthenticodeRefusal('unreadable', 'the signed content type is not Authenticode');
  const unsignedAttributes = unsigned?.tag === 0xa1 ? attributesOf(unsigned) : [];
  const unsignedOf = (oid: string) => unsignedAttributes.filter((a) => isOid(a.type, oid)).flatMap((a) => a.values);
  return {
    digestAlgorithm: algorithm,
    imageDigest: content(expect(imageDigest, 0x04, 'digest')),
    indirectContent: content(spc),
    messageDigest: content(one(OID.messageDigest, 0x04)),
    signedAttributes: Buffer.concat([Buffer.from([0x31]), der.subarray(attrs.start + 1, attrs.end)]),
    signature: content(expect(signature, 0x04, 'encryptedDigest')),
    serialHex: content(expect(serial, 0x02, 'serialNumber'))
      .toString('hex')
      .replace(/^0+(?=.)/, ''),
    issuerDer: bytes(expect(issuer, 0x30, 'issuer')),
    certificates,
    nested: unsignedOf(OID.nestedSignature).map(bytes),
  };
}
