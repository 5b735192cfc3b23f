// Copies the write-ahead log into the database file on a connection of its own, so the writes and
// syncs of a checkpoint (up to ~60 ms on a busy disk) never hold up the desk's main thread. A
// PASSIVE checkpoint takes no writer's lock: the desk keeps writing meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointReply {
  id: number;
  /** Frames in the log, and how many of them are now in the database file. */
  log?: number;
  checkpointed?: number;
  error?: string;
}

const db = new Database((workerData as { dbPath: string }).dbPath, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

parentPort!.on('message', (m: { id: number } | 'close') => {
  if (m === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: CheckpointReply;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    reply = { id: m.id, log: row?.log, checkpointed: row?.checkpointed };
  } catch (e) {
    reply = { id: m.id, error: String((e as Error)?.message ?? e) };
  }
  parentPort!.postMessage(reply);
});
