// JCIC's answers (tax, property, insurance data) as the desk keeps them until their retention ends:
// one sealed row per case and product. Deleting needs no key; reading and writing go through here.
import type { Db } from '../store/database';
import type { TimeSource } from '../clock';
import { vaultContext, type Vault } from '../vault/vault';

export interface StoredResult {
  product: string;
  data: unknown;
  receivedAt: string;
  expiresAt: string;
}

export class ResultStore {
  /** `time`: the retention clock. A row past its window is never returned, even before the
   * sweep has deleted it: what counts as expired is decided here, not by the timer. */
  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly time: TimeSource,
  ) {}

  put(caseId: number, product: string, data: unknown, receivedAt: string, expiresAt: string): void {
    const sealed = this.vault.seal(vaultContext.result(caseId, product), Buffer.from(JSON.stringify(data), 'utf8'));
    this.db
      .prepare(
        'INSERT OR REPLACE INTO case_results (case_id, product, data, received_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(caseId, product, sealed, receivedAt, expiresAt);
  }

  /** Every product still held for the case, opened; DATA_UNREADABLE if a row was altered or moved. */
  list(caseId: number): StoredResult[] {
    const rows = this.db
      .prepare(
        'SELECT product, data, received_at, expires_at FROM case_results WHERE case_id = ? AND expires_at > ? ORDER BY product',
      )
      .all(caseId, this.time.now().toISOString()) as {
      product: string;
      data: Buffer | string;
      received_at: string;
      expires_at: string;
    }[];
    return rows.map((r) => ({
      product: r.product,
      // Only sealed blobs are read: text written behind the desk's back is refused like a forgery.
      data: JSON.parse(
        this.vault
          .open(vaultContext.result(caseId, r.product), Buffer.isBuffer(r.data) ? r.data : Buffer.alloc(0))
          .toString('utf8'),
      ),
      receivedAt: r.received_at,
      expiresAt: r.expires_at,
    }));
  }

  /** How many products are held for the case (no decryption). */
  count(caseId: number): number {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM case_results WHERE case_id = ? AND expires_at > ?')
        .get(caseId, this.time.now().toISOString()) as {
        n: number;
      }
    ).n;
  }

  /** Seals rows an earlier version stored as plain JSON text. Returns how many. */
  sealLegacyRows(): number {
    const rows = this.db
      .prepare("SELECT case_id, product, data FROM case_results WHERE typeof(data) = 'text'")
      .all() as { case_id: number; product: string; data: string }[];
    const update = this.db.prepare('UPDATE case_results SET data = ? WHERE case_id = ? AND product = ?');
    this.db.transaction(() => {
      for (const r of rows)
        update.run(
          this.vault.seal(vaultContext.result(r.case_id, r.product), Buffer.from(r.data, 'utf8')),
          r.case_id,
          r.product,
        );
    })();
    return rows.length;
  }
}
