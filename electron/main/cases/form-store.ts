// Form page files on disk, one folder per case, under the desk's data directory. Each file is the
// page sealed by the vault; the name says nothing about the customer or the content.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { vaultContext, type Vault } from '../vault/vault';

export class FormStore {
  constructor(
    readonly root: string,
    private readonly vault: Vault,
  ) {}

  write(caseId: number, pageKey: string, _mediaType: string, data: Buffer): string {
    const dir = join(this.root, String(caseId));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const name = `${pageKey}.sealed`;
    writeFileSync(join(dir, name), this.vault.seal(vaultContext.form(caseId, name), data), { mode: 0o600 });
    return name;
  }

  /** The page as imported; DATA_UNREADABLE if the file was altered or belongs elsewhere. */
  read(caseId: number, storedAs: string): Buffer {
    return this.vault.open(
      vaultContext.form(caseId, storedAs),
      readFileSync(join(this.root, String(caseId), storedAs)),
    );
  }

  remove(caseId: number, storedAs: string): void {
    rmSync(join(this.root, String(caseId), storedAs), { force: true });
  }

  removeCase(caseId: number): void {
    rmSync(join(this.root, String(caseId)), { recursive: true, force: true });
  }

  /** The same, without holding up the event loop (retention removes many at a time). */
  removeCaseAsync(caseId: number): Promise<void> {
    return rm(join(this.root, String(caseId)), { recursive: true, force: true });
  }

  /** Seals, in place, page files an earlier version wrote in the clear. Returns how many. */
  sealLegacyFiles(pages: readonly { caseId: number; storedAs: string }[]): number {
    let sealed = 0;
    for (const { caseId, storedAs } of pages) {
      const path = join(this.root, String(caseId), storedAs);
      // Every start runs this: look at the header only, and read a whole file just to seal it.
      if (this.vault.isSealed(readHead(path))) continue;
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        continue; // a missing file is the outbox's integrity check to report, not this sweep's
      }
      writeFileSync(`${path}.tmp`, this.vault.seal(vaultContext.form(caseId, storedAs), bytes), { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
      sealed++;
    }
    return sealed;
  }
}

const HEAD_BYTES = 64;

/** The first bytes of a file (empty when it is missing). */
function readHead(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}
