// A gen-2 MOICA card answers none of the public-read commands we know (its applet is GlobalPlatform),
// so its certificates come from the vendor's PKCS#11 module instead: the token in the slot named
// after the card's reader (HiCOS names slots so), or else the only token present, but only while
// no other reader holds a card (with two cards in, the only token visible may be the other one's).
// Asked once per insertion, in the background: until the answer the reader shows "reading".
import type { ReaderSnapshot } from '../card/card-protocol';
import { parseCertificate } from '../cardcheck/certificate';
import type { Signer, TokenCertificates } from './signer';

type Known = { state: 'pending' } | { state: 'found'; certificates: string[] } | { state: 'none'; at: number };

/** A module that has not seen the card yet, or failed once, is asked again after this long. */
const RETRY_MS = 3000;

export const GEN2_NO_CERTIFICATE = 'gen2: the signing module shows no certificate for this card';

export class Gen2Certificates {
  private readonly known = new Map<string, Known>();

  constructor(private readonly signer: () => Signer | null) {}

  /** The reader as the desk uses it: a gen-2 card with its token's certificates (signing one first).
   * `cardsIn`: how many readers hold a card (this one included). */
  complete(r: ReaderSnapshot, cardsIn: number): ReaderSnapshot {
    if (r.kind !== 'moica2' || r.state !== 'ready' || r.certificates.length > 0 || !r.insertion) return r;
    let known = this.known.get(r.insertion);
    if (!known || (known.state === 'none' && performance.now() - known.at > RETRY_MS)) known = this.lookUp(r, cardsIn);
    if (known.state === 'pending') return { ...r, state: 'reading' };
    if (known.state === 'none') return { ...r, state: 'card_error', error: GEN2_NO_CERTIFICATE };
    return { ...r, certificates: known.certificates };
  }

  private lookUp(r: ReaderSnapshot, cardsIn: number): Known {
    const insertion = r.insertion!;
    if (this.known.size >= 8) this.known.clear(); // a few cards at most; each asked again if needed
    const pending: Known = { state: 'pending' };
    this.known.set(insertion, pending);
    const signer = this.signer();
    if (!signer) {
      const none: Known = { state: 'none', at: performance.now() };
      this.known.set(insertion, none);
      return none;
    }
    signer.certificates().then(
      (tokens) => this.known.set(insertion, chooseCertificates(r.name, tokens, cardsIn)),
      () => this.known.set(insertion, { state: 'none', at: performance.now() }),
    );
    return pending;
  }
}

function chooseCertificates(readerName: string, tokens: TokenCertificates[], cardsIn: number): Known {
  const named = tokens.filter(
    (t) => t.slotDescription && (t.slotDescription.includes(readerName) || readerName.includes(t.slotDescription)),
  );
  const token = named.length === 1 ? named[0] : tokens.length === 1 && cardsIn === 1 ? tokens[0] : undefined;
  if (!token) return { state: 'none', at: performance.now() };
  const parsed = token.certificates.flatMap((der) => {
    try {
      return [parseCertificate(der)];
    } catch {
      return [];
    }
  });
  const signing = parsed.find((c) => !c.ca && (c.keyUsage?.digitalSignature ?? true));
  if (!signing) return { state: 'none', at: performance.now() };
  const others = parsed.filter((c) => c !== signing);
  return { state: 'found', certificates: [signing, ...others].map((c) => c.der.toString('base64')) };
}
