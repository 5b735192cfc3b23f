// Everything secret the desk keeps (JCIC's tax, property and insurance data, the signed forms)
// goes through here: sealed with the data key on the way in, opened on the way out. A blob that
// fails to open (altered, or moved to another case) is an error, never shown and never sent.
import { hkdfSync } from 'node:crypto';
import { DeskError } from '../errors';
import { isSealed, open, seal, SealedBoxError } from './sealed-box';
import type { LoadedDataKey } from './data-key';
import type { KeyProtection } from '../../../native/key-protection/key-protector';

export class Vault {
  /** `null`: a desk started only to delete (desk purge); sealing or opening is then a bug. */
  constructor(private readonly dataKey: LoadedDataKey | null) {}

  get protection(): KeyProtection | null {
    return this.dataKey?.protector.protection ?? null;
  }

  get description(): string | null {
    return this.dataKey?.protector.description ?? null;
  }

  /** A separate key for another purpose (the audit MAC), derived so it never equals the data key. */
  derivedKey(purpose: string): Buffer | null {
    return this.dataKey
      ? Buffer.from(hkdfSync('sha256', this.dataKey.key, Buffer.alloc(0), `branch-desk ${purpose}`, 32))
      : null;
  }

  seal(context: string, plain: Buffer): Buffer {
    return seal(this.key(), context, plain);
  }

  open(context: string, blob: Buffer): Buffer {
    const key = this.key();
    try {
      return open(key, context, blob);
    } catch (e) {
      if (e instanceof SealedBoxError) throw new DeskError('DATA_UNREADABLE', { what: context });
      throw e;
    }
  }

  private key(): Buffer {
    if (!this.dataKey) throw new Error('this desk was started without its data key (delete-only tool)');
    return this.dataKey.key;
  }

  /** For the start-up sweep that seals what an earlier version stored in the clear. */
  isSealed(blob: Buffer): boolean {
    return isSealed(blob);
  }
}

/** The associated-data contexts: one place, so writers and readers can never disagree. */
export const vaultContext = {
  form: (caseId: number, storedAs: string) => `form:${caseId}:${storedAs}`,
  result: (caseId: number, product: string) => `result:${caseId}:${product}`,
  subject: (caseId: number) => `subject:${caseId}`,
  esign: (caseId: number) => `esign:${caseId}`,
};
