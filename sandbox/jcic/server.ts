// The sandbox JCIC, put together: its store and test PKI, the mutual-TLS API the desk talks to
// (api-server.ts, docs/jcic-message-contract.md), the trainer's operator page (operator-server.ts),
// the review scheduler and JCIC's own deletion (purge.ts), run on a timer. Tests start it in-process
// (test/support/sandbox-fixture.ts); `npm run sandbox` starts it as its own process (main.ts).
import { loadTrust } from './authorization-verify';
import type { Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { ensurePki } from './pki';
import { openSandboxStore } from './store';
import { reviewScheduler } from './review-scheduler';
import { purgeExpired } from './purge';
import { createApiServer } from './api-server';
import { createOperatorServer } from './operator-server';

export interface SandboxOptions {
  dir: string;
  port: number;
  operatorPort: number;
  /** Seconds before an automatic review decision. */
  reviewDelaySeconds: number;
  /** Delay before answering a submission, after it is recorded (a slow line; crash tests). */
  answerDelayMs: number;
  /** Days JCIC keeps delivered data (the labour-insurance bureau allows 3). */
  keepDays: number;
  /** Directories of the certificates MOICA card signatures must chain to (roots and intermediates). */
  esignTrustDirs?: string[];
  now?: () => Date;
}

export interface RunningSandbox {
  port: number;
  operatorPort: number;
  close(): Promise<void>;
  purgeExpired(): number;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const now = options.now ?? (() => new Date());
  const pki = ensurePki(options.dir);
  const db = openSandboxStore(options.dir);
  const reviews = reviewScheduler(db, now);
  const purge = () => purgeExpired(db, now);
  const api = createApiServer({
    db,
    pki,
    reviews,
    now,
    reviewDelaySeconds: options.reviewDelaySeconds,
    answerDelayMs: options.answerDelayMs,
    keepDays: options.keepDays,
    esignTrust: loadTrust(options.esignTrustDirs ?? []),
  });
  const operator = createOperatorServer({ db, reviews });

  await listen(api, options.port);
  await listen(operator, options.operatorPort);
  const port = (api.address() as { port: number }).port;
  const operatorPort = (operator.address() as { port: number }).port;
  const timer = setInterval(() => {
    reviews.reviewDue();
    purge();
  }, 250);
  purge();
  return {
    port,
    operatorPort,
    purgeExpired: purge,
    async close() {
      clearInterval(timer);
      await Promise.all([close(api), close(operator)]);
      db.close();
    },
  };
}

function listen(server: Server | HttpsServer, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function close(server: Server | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
