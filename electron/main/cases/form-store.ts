// Form page files on disk, one folder per case, under the desk's data directory.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

export class FormStore {
  constructor(private readonly root: string) {}

  write(caseId: number, pageKey: string, mediaType: string, data: Buffer): string {
    const dir = join(this.root, String(caseId));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const name = `${pageKey}.${EXT[mediaType] ?? 'bin'}`;
    writeFileSync(join(dir, name), data, { mode: 0o600 });
    return name;
  }

  read(caseId: number, storedAs: string): Buffer {
    return readFileSync(join(this.root, String(caseId), storedAs));
  }

  remove(caseId: number, storedAs: string): void {
    rmSync(join(this.root, String(caseId), storedAs), { force: true });
  }

  removeCase(caseId: number): void {
    rmSync(join(this.root, String(caseId)), { recursive: true, force: true });
  }
}
