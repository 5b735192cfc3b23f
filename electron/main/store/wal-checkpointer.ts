// Empties the write-ahead log without stalling the main thread: a worker with its own connection
// copies the log into the database file (the slow part: page writes and syncs), then the main
// connection truncates the log, which is quick once nothing is left to copy. The retention purge
// uses it after each slice, so deleted data leaves the log file soon after it leaves the tables.
// If the worker can't start or fails, the whole checkpoint runs here as before: slower, never lost.
import type { Worker } from 'node:worker_threads';
import type { Db } from './database';
import { startWorker } from '../workers/start-worker';
import type { CheckpointReply } from './checkpoint-worker';

export class WalCheckpointer {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: CheckpointReply) => void>();

  constructor(private readonly db: Db) {}

  /** Copies the log into the database file, then empties it. */
  async flush(): Promise<void> {
    const reply = this.failed ? null : await this.inWorker();
    if (!this.db.open) return;
    if (!reply || reply.error) this.failed = true;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    this.failed = true;
    this.worker?.postMessage('close');
    this.worker = null;
    for (const resolve of this.waiting.values()) resolve({ id: 0, error: 'closed' });
    this.waiting.clear();
  }

  private inWorker(): Promise<CheckpointReply | null> {
    const worker = this.start();
    if (!worker) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id });
    });
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const worker = startWorker(__filename, 'checkpoint-worker', { workerData: { dbPath: this.db.name } });
      worker.unref(); // an idle checkpointer never keeps a tool or a test process alive
      worker.on('message', (reply: CheckpointReply) => {
        this.waiting.get(reply.id)?.(reply);
        this.waiting.delete(reply.id);
      });
      const fail = () => {
        this.failed = true;
        this.worker = null;
        for (const resolve of this.waiting.values()) resolve({ id: 0, error: 'the checkpointer stopped' });
        this.waiting.clear();
      };
      worker.once('error', fail);
      worker.once('exit', fail);
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }
}
