// Path building from a certificate to a trust anchor by key identifiers. Every MOICA generation has
// the same subject name (and GRCA-G1 and G2 share one), so a candidate issuer must have the child's
// issuer name, the key identifier the child names, and a key that verifies the child's signature;
// an anchor is trusted because its exact certificate is installed, never because of its name.
import type { ParsedCertificate } from './certificate';

export interface TrustStore {
  anchors: ParsedCertificate[];
  /** Intermediates IT installed, and any the signed document carried. */
  intermediates: ParsedCertificate[];
}

export type ChainResult =
  | { ok: true; path: ParsedCertificate[] }
  | {
      ok: false;
      /** no_issuer: no certificate with the issuer's name and key id; signature: candidates, none verified;
       * untrusted: the chain ends at a root that is not an installed anchor. */
      reason: 'no_issuer' | 'signature' | 'untrusted';
      path: ParsedCertificate[];
    };

const MAX_DEPTH = 5;

export function buildChain(leaf: ParsedCertificate, store: TrustStore, at: Date): ChainResult {
  const isAnchor = (c: ParsedCertificate) => store.anchors.some((a) => a.sha256 === c.sha256);
  if (isAnchor(leaf)) return { ok: true, path: [leaf] };
  let deepest: { reason: 'no_issuer' | 'signature' | 'untrusted'; path: ParsedCertificate[] } | null = null;
  const note = (reason: 'no_issuer' | 'signature' | 'untrusted', path: ParsedCertificate[]) => {
    if (!deepest || path.length > deepest.path.length) deepest = { reason, path };
  };
  const validAt = (c: ParsedCertificate) => c.notBefore <= at && at <= c.notAfter;

  const walk = (path: ParsedCertificate[]): ParsedCertificate[] | null => {
    const child = path.at(-1)!;
    if (isAnchor(child)) return path;
    if (child.selfIssued || path.length > MAX_DEPTH) {
      note('untrusted', path);
      return null;
    }
    const seen = new Set(path.map((c) => c.sha256));
    const pool = [...store.anchors, ...store.intermediates];
    const candidates = pool
      .filter((c, i) => pool.findIndex((d) => d.sha256 === c.sha256) === i && !seen.has(c.sha256))
      .filter((c) => c.subjectDer.equals(child.issuerDer))
      .filter((c) => !child.authorityKeyId || !c.subjectKeyId || c.subjectKeyId === child.authorityKeyId)
      // Anchors first, then whatever is valid at the time: the shortest trustworthy path.
      .sort((a, b) => Number(isAnchor(b)) - Number(isAnchor(a)) || Number(validAt(b)) - Number(validAt(a)));
    if (candidates.length === 0) {
      note('no_issuer', path);
      return null;
    }
    let verified = false;
    for (const issuer of candidates) {
      if (!child.x509.verify(issuer.x509.publicKey)) continue;
      verified = true;
      const found = walk([...path, issuer]);
      if (found) return found;
    }
    if (!verified) note('signature', path);
    return null;
  };

  const path = walk([leaf]);
  if (path) return { ok: true, path };
  const failure = deepest ?? { reason: 'no_issuer' as const, path: [leaf] };
  return { ok: false, ...failure };
}
