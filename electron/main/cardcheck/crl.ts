// A certificate revocation list, read with the DER walker (a MOICA CRL has hundreds of thousands of
// entries) and accepted only if its issuer signed it: the issuer's name and key identifier match,
// and the signature verifies with the issuer's key.
import { createVerify } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
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
  /** The list's extensions that decide whether it can answer for a certificate (RFC 5280 §6.3.3). */
  scope: {
    /** issuingDistributionPoint: the addresses this (partition) list is for; null for a full list. */
    partitionUrls: string[] | null;
    /** Only some revocation reasons, or only CA or attribute certificates: not a full answer. */
    partial: boolean;
    delta: boolean;
    /** Critical extensions this reader does not understand: the list must not be used. */
    unknownCritical: string[];
  };
}

const UNDERSTOOD = new Set([
  x509.id_ce_issuingDistributionPoint,
  x509.id_ce_cRLNumber,
  x509.id_ce_authorityKeyIdentifier,
]);

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
      for (const entry of children(der, fields[i++]!)) {
        const [serial, when] = children(der, entry);
        revoked.set(integerHex(der, serial!), readTime(der, when!));
      }
    }
    const extensions = fields[i]?.tag === TAG.context0 ? readExtensions(der, fields[i]!) : [];
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
      scope: scopeOf(extensions),
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

/** crlExtensions: [0] { SEQUENCE OF Extension }, read with the general parser (a few bytes). */
function readExtensions(der: Buffer, tagged: Tlv): x509.Extension[] {
  const list = readTlv(der, tagged.contentStart, tagged.end);
  return [...children(der, list)].map((e) => AsnConvert.parse(der.subarray(e.start, e.end), x509.Extension));
}

function scopeOf(extensions: x509.Extension[]): RevocationList['scope'] {
  const idpExt = extensions.find((e) => e.extnID === x509.id_ce_issuingDistributionPoint);
  const idp = idpExt ? AsnConvert.parse(idpExt.extnValue, x509.IssuingDistributionPoint) : null;
  const partitionUrls = idp
    ? (idp.distributionPoint?.fullName ?? []).flatMap((n) =>
        n.uniformResourceIdentifier ? [n.uniformResourceIdentifier] : [],
      )
    : null;
  return {
    partitionUrls,
    partial:
      !!idp && (!!idp.onlySomeReasons || idp.onlyContainsCACerts || idp.onlyContainsAttributeCerts || idp.indirectCRL),
    delta: extensions.some((e) => e.extnID === x509.id_ce_deltaCRLIndicator),
    unknownCritical: extensions.filter((e) => e.critical && !UNDERSTOOD.has(e.extnID)).map((e) => e.extnID),
  };
}

export type { Tlv };
