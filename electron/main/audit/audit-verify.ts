// Verifying the audit trail: the hash chain from the first entry (or from the last verified
// checkpoint), each entry's MAC, no unsigned entry after the first signed one, no unexplained step
// back in time, and the trail against its anchor outside the database (nothing cut from the end,
// nothing wiped). Walks in slices and yields between them, so a trail of a million entries never
// holds up the desk; reports every problem found, not only the first.
import type { Db } from '../store/database';
import { CLOCK_TOLERANCE_MS, GENESIS, rowHash, rowMac, sameHex, type AuditRow } from './audit-chain';
import type { AnchorRead } from './audit-anchor';

export type ProblemKind =
  | 'chain-broken'
  | 'mac-mismatch'
  | 'unsigned-after-signed'
  | 'clock-back'
  | 'truncated'
  | 'wiped'
  | 'anchor-missing'
  | 'anchor-altered';

export interface VerifyProblem {
  kind: ProblemKind;
  entryId: number | null;
  /** When it was found (for cuts the desk found earlier and keeps in the anchor). */
  foundAt?: string;
  detail: string;
}

export interface AuditVerdict {
  intact: boolean;
  /** Entries checked, counting those before the checkpoint the walk started from. */
  rows: number;
  firstBrokenId: number | null;
  macChecked: boolean;
  anchorChecked: boolean;
  /** Entries without a MAC from before the trail was signed (schema 4): listed for the auditor. */
  unsignedIds: number[];
  /** Steps back in time between entries; the desk explains its own with a clock.moved_back entry. */
  clockBack: { id: number; from: string; to: string; explained: boolean }[];
  /** The entry the walk started after (a verified checkpoint), or null for a full walk. */
  startedAfter: number | null;
  problems: VerifyProblem[];
  /** The last entry the walk reached (the next checkpoint when intact). */
  reached: { id: number; hash: string; rows: number } | null;
}

export interface VerifyOptions {
  /** Walk from the first entry even when a verified checkpoint exists. */
  full?: boolean;
  /** Entries per slice before yielding to the event loop. */
  sliceRows?: number;
  onProgress?: (checked: number, total: number) => void;
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
const SLICE_MS = 15;

/** `anchorRead`: the anchor as read outside the database (the worker gets it from the desk). */
export async function verifyTrail(
  db: Pick<Db, 'prepare'>,
  macKey: Buffer | null,
  anchorRead: AnchorRead,
  options: VerifyOptions = {},
): Promise<AuditVerdict> {
  const anchor = anchorRead.state === 'ok' ? anchorRead.anchor : null;
  const checkpoint = !options.full && macKey && anchor?.verified ? anchor.verified : null;
  const problems: VerifyProblem[] = [];
  const unsignedIds: number[] = [];
  const clockBack: AuditVerdict['clockBack'] = [];
  const total = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
  let prev = checkpoint?.hash ?? GENESIS;
  let prevAt: string | null = null;
  let rows = checkpoint?.rows ?? 0;
  let lastId = checkpoint?.id ?? 0;
  let signedSeen = checkpoint !== null;
  let broken = false;
  let anchorHash: string | null = anchor && checkpoint && anchor.lastId === checkpoint.id ? checkpoint.hash : null;
  let rowsAtAnchor = anchor && checkpoint && anchor.lastId === checkpoint.id ? checkpoint.rows : null;
  const slice = options.sliceRows ?? 500;
  const page = db.prepare('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT CAST(? AS INTEGER)');
  let sliceStarted = performance.now();
  walk: for (;;) {
    const batch = page.all(lastId, slice) as AuditRow[];
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.prev_hash !== prev || rowHash(prev, row) !== row.hash) {
        problems.push({
          kind: 'chain-broken',
          entryId: row.id,
          detail: 'the entry or the one before it was changed, or entries were removed here',
        });
        broken = true;
        break walk;
      }
      if (row.mac === null) {
        if (signedSeen) {
          problems.push({
            kind: 'unsigned-after-signed',
            entryId: row.id,
            detail: 'an entry without a MAC after the trail was signed',
          });
          broken = true;
          break walk;
        }
        unsignedIds.push(row.id);
      } else {
        signedSeen = true;
        if (macKey && !sameHex(row.mac, rowMac(macKey, row.hash))) {
          problems.push({
            kind: 'mac-mismatch',
            entryId: row.id,
            detail: 'the entry’s MAC was not made with this desk’s key',
          });
          broken = true;
          break walk;
        }
      }
      if (prevAt !== null && Date.parse(row.at) < Date.parse(prevAt) - CLOCK_TOLERANCE_MS) {
        const explained = row.action === 'clock.moved_back';
        clockBack.push({ id: row.id, from: prevAt, to: row.at, explained });
        if (!explained)
          problems.push({
            kind: 'clock-back',
            entryId: row.id,
            detail: `dated ${row.at}, before the entry before it (${prevAt})`,
          });
      }
      prev = row.hash;
      prevAt = row.at;
      lastId = row.id;
      rows++;
      if (anchor && row.id === anchor.lastId) {
        anchorHash = row.hash;
        rowsAtAnchor = rows;
      }
    }
    // Yield when a slice of the event loop's time is used up, not after a fixed count: whatever the
    // machine, no stall of more than about 15 ms.
    if (performance.now() - sliceStarted > SLICE_MS) {
      options.onProgress?.(rows, total);
      await yieldNow();
      sliceStarted = performance.now();
    }
  }
  options.onProgress?.(rows, total);

  if (!broken) compareWithAnchor(anchorRead, { signedSeen, lastId, rows, anchorHash, rowsAtAnchor }, problems);
  for (const cut of anchor?.breaks ?? []) {
    problems.push({
      kind: cut.kind,
      entryId: cut.found.lastId || null,
      foundAt: cut.foundAt,
      detail: `found ${cut.foundAt}: expected ${cut.expected ? `${cut.expected.rows} entries up to #${cut.expected.lastId}` : 'an anchor'}, the trail had ${cut.found.rows} up to #${cut.found.lastId}`,
    });
  }
  const firstBrokenId = problems.find((p) => p.entryId !== null)?.entryId ?? null;
  return {
    intact: problems.length === 0,
    rows,
    firstBrokenId,
    macChecked: macKey !== null,
    anchorChecked: anchorRead.state === 'ok' && macKey !== null,
    unsignedIds,
    clockBack,
    startedAfter: checkpoint?.id ?? null,
    problems,
    reached: lastId > 0 ? { id: lastId, hash: prev, rows } : null,
  };
}

interface WalkEnd {
  signedSeen: boolean;
  lastId: number;
  rows: number;
  anchorHash: string | null;
  rowsAtAnchor: number | null;
}

/** The trail must reach at least as far as its anchor says, with the same entry there. Entries after
 * the anchor are fine (the anchor is written just after each append, so a crash can leave it behind). */
function compareWithAnchor(read: AnchorRead, end: WalkEnd, problems: VerifyProblem[]): void {
  if (read.state === 'missing') {
    if (end.signedSeen)
      problems.push({
        kind: 'anchor-missing',
        entryId: null,
        detail: 'the trail is signed but its anchor outside the database is gone',
      });
    return;
  }
  if (read.state === 'altered') {
    problems.push({
      kind: 'anchor-altered',
      entryId: null,
      detail: 'the anchor outside the database does not carry this desk’s MAC',
    });
    return;
  }
  const { anchor } = read;
  if (anchor.lastId === 0) return;
  if (end.rows === 0) {
    problems.push({
      kind: 'wiped',
      entryId: null,
      detail: `the anchor records ${anchor.rows} entries up to #${anchor.lastId}; the trail is empty`,
    });
  } else if (end.anchorHash === null || end.rowsAtAnchor === null) {
    problems.push({
      kind: 'truncated',
      entryId: end.lastId,
      detail: `the anchor records ${anchor.rows} entries up to #${anchor.lastId}; the trail ends at #${end.lastId}`,
    });
  } else if (!sameHex(end.anchorHash, anchor.lastHash) || end.rowsAtAnchor !== anchor.rows) {
    problems.push({
      kind: 'truncated',
      entryId: anchor.lastId,
      detail: `entry #${anchor.lastId} or the count before it differs from the anchor`,
    });
  }
}
