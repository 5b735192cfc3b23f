// Everything secret the desk keeps (JCIC's tax, property and insurance data, the signed forms)
// goes through here: sealed with the data key on the way in, opened on the way out. A blob that
// fails to open (altered, or moved to another case) is an error, never shown and never sent.
import { DeskError } from '../errors';
import { isSealed, open, seal, SealedBoxError } from './sealed-box';
import type { LoadedDataKey } from './data-key';
import type { KeyProtection } from '../../../native/key-protection/key-protector';

export class Vault {
  constructor(private readonly dataKey: LoadedDataKey) {}

  get protection(): KeyProtection {
    return this.dataKey.protector.protection;
  }

  get description(): string {
    return this.dataKey.protector.description;
  }

  seal(context: string, plain: Buffer): Buffer {
    return seal(this.dataKey.key, context, plain);
  }

  open(context: string, blob: Buffer): Buffer {
    try {
      return open(this.dataKey.key, context, blob);
    } catch (e) {
      if (e instanceof SealedBoxError) throw new DeskError('DATA_UNREADABLE', { what: context });
      throw e;
    }
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
};
