// `npm run sandbox -- --port <p> --dir <d> [--operator-port <o>] [--review-delay <s>] [--answer-delay-ms <ms>]`
// Prints one JSON line {"event":"listening",...} when ready (the desk reads it when it starts the sandbox).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSandbox } from './server';
import { BANK_FILES } from './pki';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
function num(name: string, fallback: number): number {
  const value = Number(arg(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number`);
    process.exit(2);
  }
  return value;
}

const dir = resolve(arg('--dir', 'jcic-sandbox'));
mkdirSync(dir, { recursive: true });
// Started by a desk: leave with it, even if it was killed, and even while still starting (a desk that
// closes within a second of opening must not leave a sandbox running and writing into its directory).
let stopping: (() => void) | null = null;
if (process.argv.includes('--exit-with-parent'))
  process.stdin.on('end', () => (stopping ? stopping() : process.exit(0))).resume();
startSandbox({
  dir,
  port: num('--port', 0),
  operatorPort: num('--operator-port', 0),
  reviewDelaySeconds: num('--review-delay', 5),
  answerDelayMs: num('--answer-delay-ms', 0),
  keepDays: num('--keep-days', 3),
  // Repeatable: each names a directory of certificates card signatures may chain to.
  esignTrustDirs: process.argv.flatMap((a, i) =>
    a === '--esign-trust' && process.argv[i + 1] ? [process.argv[i + 1]!] : [],
  ),
}).then(
  (sandbox) => {
    console.log(
      JSON.stringify({
        event: 'listening',
        port: sandbox.port,
        operatorPort: sandbox.operatorPort,
        dir,
        ca: resolve(dir, BANK_FILES.ca),
        clientCert: resolve(dir, BANK_FILES.clientCert),
        clientKey: resolve(dir, BANK_FILES.clientKey),
      }),
    );
    console.error(
      `JCIC sandbox (訓練環境 / SANDBOX): https://127.0.0.1:${sandbox.port} (mutual TLS); operator page http://127.0.0.1:${sandbox.operatorPort}/`,
    );
    const stop = () => void sandbox.close().then(() => process.exit(0));
    stopping = stop;
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (e: unknown) => {
    console.error('JCIC sandbox failed to start:', e);
    process.exit(1);
  },
);
