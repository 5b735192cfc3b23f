// A certificate revocation list, read with the DER walker (a MOICA CRL has hundreds of thousands of
// entries) and accepted only if its issuer signed it: the issuer's name and key identifier match,
// and the signature verifies with the issuer's key.
import { createVerify } from 'node:crypto';
import { children, DerError, integerHex, readTime, readTlv, TAG, type Tlv } from './der';
import type { ParsedCertificate } from './certificate';

export interface RevocationList {
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Serial (hex, no leading zeros) → when it was revoked. */
  revoked: Map<string, Date>;
  /** The signed part and its signature, for checking against a candidate issuer. */
  tbs: Buffer;
  signature: Buffer;
  signatureAlgorithm: string;
}

const SIGNATURE_HASH: Record<string, string> = {
  '2a864886f70d01010b': 'sha256', // sha256WithRSAEncryption
  '2a864886f70d01010c': 'sha384',
  '2a864886f70d01010d': 'sha512',
  '2a864886f70d010105': 'sha1', // MOICA-G1 era lists
};

export function parseCrl(der: Buffer): RevocationList {
  try {
    const outer = readTlv(der, 0);
    if (outer.tag !== TAG.sequence || outer.end !== der.length) throw new DerError('not a CRL');
    const [tbsTlv, algorithm, signature] = [...children(der, outer)];
    if (!tbsTlv || !algorithm || !signature || signature.tag !== TAG.bitString) throw new DerError('not a CRL');
    const fields = [...children(der, tbsTlv)];
    let i = fields[0]?.tag === TAG.integer ? 1 : 0; // version v2
    i++; // the signature algorithm, repeated
    const issuer = fields[i++]!;
    const thisUpdate = readTime(der, fields[i++]!);
    let nextUpdate: Date | null = null;
    if (fields[i] && (fields[i]!.tag === TAG.utcTime || fields[i]!.tag === TAG.generalizedTime))
      nextUpdate = readTime(der, fields[i++]!);
    const revoked = new Map<string, Date>();
    if (fields[i]?.tag === TAG.sequence) {
      for (const entry of children(der, fields[i]!)) {
        const [serial, when] = children(der, entry);
        revoked.set(integerHex(der, serial!), readTime(der, when!));
      }
    }
    const algorithmOid = readTlv(der, algorithm.contentStart, algorithm.end);
    return {
      issuerDer: der.subarray(issuer.start, issuer.end),
      thisUpdate,
      nextUpdate,
      revoked,
      tbs: der.subarray(tbsTlv.start, tbsTlv.end),
      // A BIT STRING's first content byte counts unused bits (0 for a signature).
      signature: der.subarray(signature.contentStart + 1, signature.end),
      signatureAlgorithm: der.toString('hex', algorithmOid.contentStart, algorithmOid.end),
    };
  } catch (e) {
    if (e instanceof DerError) throw new DerError(`the CRL cannot be read: ${e.message}`);
    throw e;
  }
}

/** Whether `issuer` issued and signed this list. */
export function crlSignedBy(list: RevocationList, issuer: ParsedCertificate): boolean {
  if (!list.issuerDer.equals(issuer.subjectDer)) return false;
  const hash = SIGNATURE_HASH[list.signatureAlgorithm];
  if (!hash) return false;
  return createVerify(hash).update(list.tbs).verify(issuer.x509.publicKey, list.signature);
}

export type { Tlv };
