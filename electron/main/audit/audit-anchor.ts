// The head of the audit trail kept outside the database, beside the data key: the last entry's id
// and hash, how many entries there are, the latest time the desk has seen, the last fully verified
// entry, and any cut found so far. MACed under a key derived from the data key, so it can be neither
// forged nor edited; with it, removing the newest entries, or all of them, is found by `verify`.
// A cut once found stays in the anchor: the trail never again verifies as intact.
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sameHex } from './audit-chain';

export const ANCHOR_FILE = join('keys', 'audit-anchor.json');

export interface AnchorBreak {
  /** What was found: the trail shorter than the anchor, emptied, its anchor missing or altered. */
  kind: 'truncated' | 'wiped' | 'anchor-missing' | 'anchor-altered';
  foundAt: string;
  expected: { lastId: number; rows: number } | null;
  found: { lastId: number; rows: number };
}

export interface Anchor {
  version: 1;
  lastId: number;
  lastHash: string;
  rows: number;
  /** The latest time the desk has seen (ISO): retention never runs behind it. */
  highWater: string;
  /** The last entry a full verification reached, so the next one can start there. */
  verified: { id: number; hash: string; rows: number } | null;
  breaks: AnchorBreak[];
}

export type AnchorRead =
  { state: 'ok'; anchor: Anchor } | { state: 'missing' } | { state: 'altered'; unverified: Partial<Anchor> | null };

export class AuditAnchor {
  private readonly path: string;
  /** The anchor as last read or written, and the file it came from: read again only when the file
   * changed (another process, or someone else). A read costs a parse and a MAC on every append. */
  private cached: { file: string; read: AnchorRead } | null = null;
  /** Each write's number: a write on the thread pool lands only if nothing newer was written. */
  private generation = 0;
  private writing = false;
  private queued: Anchor | null = null;

  /** `key`: derived from the data key; null for tools without it (they can read, never write). */
  constructor(
    dataDir: string,
    private readonly key: Buffer | null,
  ) {
    this.path = join(dataDir, ANCHOR_FILE);
  }

  get canWrite(): boolean {
    return this.key !== null;
  }

  read(): AnchorRead {
    const stat = statSync(this.path, { throwIfNoEntry: false });
    if (!stat) return { state: 'missing' };
    if (this.cached?.file === fileIdentity(stat)) return this.cached.read;
    const read = this.readFile();
    this.cached = { file: fileIdentity(stat), read };
    return read;
  }

  private readFile(): AnchorRead {
    let file: { anchor: Anchor; mac: string };
    try {
      file = JSON.parse(readFileSync(this.path, 'utf8')) as { anchor: Anchor; mac: string };
    } catch {
      return { state: 'altered', unverified: null };
    }
    // Without the key the anchor is read as it is (tools use only its high water, which can only
    // make retention delete sooner); with the key it must carry its MAC.
    if (!this.key) return { state: 'ok', anchor: file.anchor };
    if (typeof file.mac !== 'string' || !sameHex(file.mac, this.mac(file.anchor)))
      return { state: 'altered', unverified: file.anchor ?? null };
    return { state: 'ok', anchor: file.anchor };
  }

  /** Writes now, on this thread: at start, after a verification, at close. */
  write(anchor: Anchor): void {
    const generation = this.nextGeneration();
    this.queued = null;
    const temporary = this.temporary(generation);
    writeFileSync(temporary, this.bytes(anchor), { mode: 0o600 });
    renameSync(temporary, this.path); // whole or not at all
    this.remember(anchor);
  }

  /** Writes on the thread pool (the anchor follows every append: a file written and renamed costs
   * this thread ~0.2 ms on an ordinary disk). One write at a time, each newer than the last; while
   * one is under way only the newest waiting anchor is kept. A write from `write()` in the meantime
   * wins: the older one is dropped before its rename (a rename already issued may still land, at
   * worst leaving the anchor an append behind, which the next write or start moves on). */
  writeSoon(anchor: Anchor): void {
    if (this.writing) {
      this.queued = anchor;
      return;
    }
    this.writing = true;
    const generation = this.nextGeneration();
    const temporary = this.temporary(generation);
    void (async () => {
      try {
        await writeFile(temporary, this.bytes(anchor), { mode: 0o600 });
        if (generation !== this.generation) return await rm(temporary, { force: true });
        await rename(temporary, this.path);
        if (generation === this.generation) this.remember(anchor);
      } catch (e) {
        console.error('the audit anchor could not be written:', e);
        await rm(temporary, { force: true }).catch(() => undefined);
      } finally {
        this.writing = false;
        const next = this.queued;
        this.queued = null;
        if (next) this.writeSoon(next);
      }
    })();
  }

  /** Drops a write still on the thread pool (before its rename) and any waiting: the desk closes,
   * and a late write must not land over what another process writes next. */
  cancelPending(): void {
    this.generation++;
    this.queued = null;
  }

  private nextGeneration(): number {
    if (!this.key) throw new Error('the audit anchor needs the data key');
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    return ++this.generation;
  }

  /** A temporary file of this process's own: the desk and a tool may write at the same moment. */
  private temporary(generation: number): string {
    return `${this.path}.${process.pid}.${generation}.tmp`;
  }

  private bytes(anchor: Anchor): string {
    return JSON.stringify({ anchor, mac: this.mac(anchor) });
  }

  private remember(anchor: Anchor): void {
    this.cached = { file: fileIdentity(statSync(this.path)), read: { state: 'ok', anchor: structuredClone(anchor) } };
  }

  private mac(anchor: Anchor): string {
    return createHmac('sha256', this.key!)
      .update(JSON.stringify(['branch-desk audit anchor v1', anchor]))
      .digest('hex');
  }
}

/** Which file, as written when: a rename gives a new inode, a rewrite in place a new size or time. */
function fileIdentity(stat: Stats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}
