// The customer's identity at rest: the ID number and name sealed by the vault (bound to the case),
// a keyed hash of the ID for an exact search, keyed hashes of the name's first one to four
// characters and of the whole name for search by name, and masked forms for lists. Without the
// data key none of it says who the customer is; after purge only the masks and hashes remain.
import { createHmac } from 'node:crypto';
import { vaultContext, type Vault } from '../vault/vault';
import type { CaseRow } from './case-rows';

export interface Subject {
  idNumber: string;
  name: string;
}

export { maskId } from '../../../common/identifiers';

/** 陳○文, 王○, 歐陽○○: the first character (the surname) and, for three or more, the last. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '○';
  if (chars.length === 2) return `${chars[0]}○`;
  return `${chars[0]}${'○'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** Name search keys cover the first one to four characters (surname, then more) and the whole name. */
export const NAME_PREFIX_MAX = 4;

export class SubjectSeal {
  private readonly idKey: Buffer | null;
  private readonly nameKey: Buffer | null;

  constructor(private readonly vault: Vault) {
    this.idKey = vault.derivedKey('subject id hash v1');
    this.nameKey = vault.derivedKey('subject name keys v1');
  }

  /** The keyed hash an exact-ID search looks for (IDs compare in upper case). */
  idHash(idNumber: string): string {
    return hmac(this.key(this.idKey), idNumber.trim().toUpperCase());
  }

  /** The keyed hash of a search text against the name keys (null: nothing a name key can match). */
  nameSearchKey(text: string): string | null {
    const chars = [...text.trim()];
    return chars.length === 0 ? null : hmac(this.key(this.nameKey), chars.join(''));
  }

  /** Every name key of a name: its prefixes of one to four characters and the whole name. */
  nameKeys(name: string): string[] {
    const chars = [...name.trim()];
    const texts = new Set<string>();
    for (let n = 1; n <= Math.min(NAME_PREFIX_MAX, chars.length); n++) texts.add(chars.slice(0, n).join(''));
    texts.add(chars.join(''));
    return [...texts].map((t) => hmac(this.key(this.nameKey), t));
  }

  seal(caseId: number, subject: Subject): Buffer {
    return this.vault.seal(context(caseId), Buffer.from(JSON.stringify(subject), 'utf8'));
  }

  /** DATA_UNREADABLE if the blob was altered or moved from another case. */
  open(caseId: number, sealed: Buffer): Subject {
    return JSON.parse(this.vault.open(context(caseId), sealed).toString('utf8')) as Subject;
  }

  /** What the card's certificate said of its holder and what the checks found: sealed like the
   * identity (the certificate names the customer). */
  sealEsign(caseId: number, record: unknown): Buffer {
    return this.vault.seal(vaultContext.esign(caseId), Buffer.from(JSON.stringify(record), 'utf8'));
  }

  openEsign<T>(caseId: number, sealed: Buffer): T {
    return JSON.parse(this.vault.open(vaultContext.esign(caseId), sealed).toString('utf8')) as T;
  }

  private key(key: Buffer | null): Buffer {
    if (!key) throw new Error('this desk was started without its data key (delete-only tool)');
    return key;
  }
}

const context = vaultContext.subject;
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

/** The case's customer, opened from the vault; null once the case is purged. A row of an earlier
 * version that the start-up sweep has not sealed yet still has it in the clear. */
export function subjectOf(
  seal: SubjectSeal,
  row: Pick<CaseRow, 'id' | 'subject_sealed' | 'subject_id' | 'subject_name'>,
): Subject | null {
  if (row.subject_sealed) return seal.open(row.id, row.subject_sealed);
  return row.subject_id ? { idNumber: row.subject_id, name: row.subject_name } : null;
}
