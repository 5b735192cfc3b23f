// The head of the audit trail kept outside the database, beside the data key: the last entry's id
// and hash, how many entries there are, the latest time the desk has seen, the last fully verified
// entry, and any cut found so far. MACed under a key derived from the data key, so it can be neither
// forged nor edited; with it, removing the newest entries, or all of them, is found by `verify`.
// A cut once found stays in the anchor: the trail never again verifies as intact.
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
    if (!existsSync(this.path)) return { state: 'missing' };
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

  write(anchor: Anchor): void {
    if (!this.key) throw new Error('the audit anchor needs the data key');
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify({ anchor, mac: this.mac(anchor) }), { mode: 0o600 });
    renameSync(temporary, this.path); // whole or not at all
  }

  private mac(anchor: Anchor): string {
    return createHmac('sha256', this.key!)
      .update(JSON.stringify(['branch-desk audit anchor v1', anchor]))
      .digest('hex');
  }
}
