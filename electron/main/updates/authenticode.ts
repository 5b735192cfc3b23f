// The Authenticode signature of a Windows installer, checked by the desk itself on every platform
// (electron-updater's own publisher check runs only on Windows, through PowerShell). The first
// signature made with SHA-256 or better (the primary, or one nested in it: electron-builder signs
// SHA-1 first unless told otherwise) must: sign this file's image digest (authenticode-pe.ts);
// verify with the signer's certificate over its signed attributes, which hash the signed content;
// be by a certificate for code signing, valid now, chaining to a trusted root through CAs that may
// issue for code signing; and name the publisher IT pinned: each key of the pinned distinguished
// name, the subject's only value for that key (stricter than electron-updater, which keeps one value
// of a repeated key). A timestamp is not believed: it is an unsigned attribute, and verifying it (the
// TSA's signature and chain) is not done here, so an expired certificate is refused even with one;
// the bank releases with a valid certificate. Revocation is not checked. electron-updater's own
// check (Get-AuthenticodeSignature, on Windows, inside its download, when the build has a
// publisherName, and passing when PowerShell cannot run) is not relied on.
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { parseDn } from 'builder-util-runtime';
import type { ParsedCertificate } from '../cardcheck/certificate';
import { DerError } from '../cardcheck/der';
import { AuthenticodeRefusal, imageDigest, readPeLayout } from './authenticode-pe';
import { readSignature, type AuthenticodeSignature } from './authenticode-pkcs7';

export type AuthenticodeProblem =
  | 'not_pe' // not a Windows executable: nothing to check a signature on
  | 'unsigned'
  | 'unreadable' // a signature the desk cannot read, or bytes it does not cover
  | 'digest' // the file changed after it was signed
  | 'signature' // the signature does not verify with the signer's certificate
  | 'weak_digest' // only SHA-1 (or unknown digests) signatures
  | 'not_code_signing'
  | 'expired' // the certificate is not valid now (a timestamp is not believed)
  | 'untrusted' // the certificate does not chain to a trusted root
  | 'publisher'; // signed, but by someone other than the pinned publisher

export interface AuthenticodeResult {
  problem: AuthenticodeProblem | null;
  /** The signer certificate's subject, as Node prints it (for IT), when it was found. */
  signer: string | null;
  detail: string;
}

const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
const ANY_USAGE = '2.5.29.37.0';
/** Windows' names for subject keys where Node's differ (an EV certificate has most of these). */
const WINDOWS_NAMES: Record<string, string> = {
  ST: 'S',
  emailAddress: 'E',
  serialNumber: 'SERIALNUMBER',
  street: 'STREET',
  postalCode: 'PostalCode',
  businessCategory: 'OID.2.5.4.15',
  jurisdictionC: 'OID.1.3.6.1.4.1.311.60.2.1.3',
  jurisdictionST: 'OID.1.3.6.1.4.1.311.60.2.1.2',
  jurisdictionL: 'OID.1.3.6.1.4.1.311.60.2.1.1',
};

/** Checks the installer at `path` against the pinned publisher's full distinguished name (as in
 * electron-builder's publisherName, e.g. CN="Bank", O="Bank", L=Taipei, C=TW), trusting `roots`
 * (PEM), at the desk's time `now`. */
export async function checkAuthenticode(
  path: string,
  publisher: string,
  now: Date,
  roots: readonly string[] = rootCertificates,
): Promise<AuthenticodeResult> {
  try {
    const layout = await readPeLayout(path);
    const signed = strongSignature(readSignature(layout.signedData));
    const digest = await imageDigest(path, layout, signed.digestAlgorithm!);
    if (!digest.equals(signed.imageDigest))
      throw new AuthenticodeRefusal('digest', 'the image digest does not match the signed one');
    const signer = verifySigner(signed);
    const subject = signer.subjectText;
    const usage = signer.x509.keyUsage; // Node's name for the extended key usages
    if (usage && !usage.includes(CODE_SIGNING))
      throw new AuthenticodeRefusal('not_code_signing', 'the certificate is not for code signing', subject);
    if (now < signer.notBefore || now > signer.notAfter)
      throw new AuthenticodeRefusal(
        'expired',
        `the certificate is valid ${signer.notBefore.toISOString()} to ${signer.notAfter.toISOString()}, not now`,
        subject,
      );
    if (!chainsToRoot(signer.x509, signed.certificates, roots))
      throw new AuthenticodeRefusal('untrusted', 'the certificate does not chain to a trusted root', subject);
    if (!publisherMatches(publisher, signer.x509))
      throw new AuthenticodeRefusal('publisher', `signed by ${subject}, not ${publisher}`, subject);
    return { problem: null, signer: subject, detail: `signed by ${subject}` };
  } catch (e) {
    if (e instanceof AuthenticodeRefusal)
      return { problem: e.problem as AuthenticodeProblem, signer: e.signer, detail: e.message };
    if (e instanceof DerError) return { problem: 'unreadable', signer: null, detail: e.message };
    throw e;
  }
}

/** The primary signature if it is SHA-256 or better, else the first nested one that is. */
function strongSignature(primary: AuthenticodeSignature): AuthenticodeSignature {
  if (primary.digestAlgorithm) return primary;
  for (const nested of primary.nested) {
    const signature = readSignature(nested);
    if (signature.digestAlgorithm) return signature;
  }
  throw new AuthenticodeRefusal('weak_digest', 'signed with SHA-1 only (sign with SHA-256: signingHashAlgorithms)');
}

/** The certificate the SignerInfo names, once the signature over the attributes verifies with it. */
function verifySigner(signed: AuthenticodeSignature): ParsedCertificate {
  const algorithm = signed.digestAlgorithm!;
  if (!createHash(algorithm).update(signed.indirectContent).digest().equals(signed.messageDigest))
    throw new AuthenticodeRefusal('digest', 'the signed attributes do not cover this content');
  const named = signed.certificates.filter(
    (c) => c.serialHex === signed.serialHex && c.issuerDer.equals(signed.issuerDer),
  );
  if (named.length === 0) throw new AuthenticodeRefusal('unreadable', 'the signer certificate is not in the signature');
  const verifies = (c: ParsedCertificate) => {
    try {
      return verifySignature(algorithm, signed.signedAttributes, c.x509.publicKey, signed.signature);
    } catch {
      return false; // a key that cannot sign this way (OpenSSL says so by throwing)
    }
  };
  const signer = named.find(verifies);
  if (!signer) throw new AuthenticodeRefusal('signature', 'the signature does not verify with the signer certificate');
  return signer;
}

/** Up through the signature's own certificates to one of the roots (at most five steps). */
function chainsToRoot(leaf: X509Certificate, bag: ParsedCertificate[], roots: readonly string[]): boolean {
  const anchors = roots.flatMap((pem) => {
    try {
      return [new X509Certificate(pem)];
    } catch {
      return []; // a damaged root in IT's file is no root
    }
  });
  const issuedBy = (child: X509Certificate, parent: X509Certificate) => {
    try {
      return child.checkIssued(parent) && child.verify(parent.publicKey);
    } catch {
      return false;
    }
  };
  let current = leaf;
  for (let step = 0; step < 6; step++) {
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256 || issuedBy(current, a))) return true;
    // A CA whose extended key usages leave out code signing cannot vouch for a code signer.
    const mayIssue = (c: ParsedCertificate) => {
      const usage = c.x509.keyUsage;
      return !usage || usage.includes(CODE_SIGNING) || usage.includes(ANY_USAGE);
    };
    const parent = bag.find((c) => c.ca && mayIssue(c) && c.x509 !== current && issuedBy(current, c.x509));
    if (!parent) return false;
    current = parent.x509;
  }
  return false;
}

/** Each key of the pinned DN is the subject's one value for it (a key the subject has more than
 * once, with different values, matches nothing); a pin with no keys is a common name alone. */
function publisherMatches(publisher: string, signer: X509Certificate): boolean {
  const subject = new Map<string, string[]>();
  for (const [key, value] of Object.entries(signer.toLegacyObject().subject as Record<string, string | string[]>))
    subject.set(windowsName(key), [...new Set(Array.isArray(value) ? value : [value])]);
  const only = (key: string) => {
    const values = subject.get(key) ?? [];
    return values.length === 1 ? values[0] : undefined;
  };
  const pinned = parseDn(publisher);
  if (pinned.size === 0) return publisher !== '' && only('CN') === publisher;
  return [...pinned.entries()].every(([key, value]) => only(key) === value);
}

/** Windows writes a key it has no name for as OID.<dotted>. */
function windowsName(key: string): string {
  return WINDOWS_NAMES[key] ?? (/^\d+(\.\d+)+$/.test(key) ? `OID.${key}` : key);
}
