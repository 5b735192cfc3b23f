// With no JCIC endpoint configured, the desk starts the built-in sandbox JCIC as its own process
// (it leaves when the desk does) and talks to it over mutual TLS like the real one.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface LaunchedSandbox {
  endpoint: string;
  operatorUrl: string;
  files: { clientCertificate: string; clientKey: string; caCertificate: string };
}

export interface SandboxLaunch {
  ready: Promise<LaunchedSandbox>;
  /** Stops the sandbox, started or still starting; resolves when its process has gone (at most 5 s). */
  stop(): Promise<void>;
}

export const SANDBOX_BUNDLE = join(__dirname, '..', '..', '..', 'dist', 'sandbox', 'jcic.js');

export function sandboxEntry(): string {
  // From the source tree: dist/ next to electron/; from the Electron bundle: dist/sandbox next to dist/electron.
  for (const candidate of [SANDBOX_BUNDLE, join(__dirname, '..', 'sandbox', 'jcic.js')])
    if (existsSync(candidate)) return candidate;
  throw new Error('the sandbox JCIC is not built: run "npm run build"');
}

export function launchSandbox(
  dataDir: string,
  reviewDelaySeconds: number,
  esignTrustDirs: string[] = [],
): SandboxLaunch {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      sandboxEntry(),
      '--port',
      '0',
      '--dir',
      join(dataDir, 'jcic-sandbox'),
      '--review-delay',
      String(reviewDelaySeconds),
      '--exit-with-parent',
      ...esignTrustDirs.flatMap((d) => ['--esign-trust', d]),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    },
  );
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
  };
  const ready = new Promise<LaunchedSandbox>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => reject(new Error(`the sandbox JCIC did not start: ${why}`));
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code) => fail(`exited with ${code}`));
    lines.once('line', (line) => {
      try {
        const ready = JSON.parse(line) as {
          port: number;
          operatorPort: number;
          ca: string;
          clientCert: string;
          clientKey: string;
        };
        resolve({
          endpoint: `https://127.0.0.1:${ready.port}`,
          operatorUrl: `http://127.0.0.1:${ready.operatorPort}/`,
          files: { clientCertificate: ready.clientCert, clientKey: ready.clientKey, caCertificate: ready.ca },
        });
      } catch {
        fail(`unexpected first line: ${line}`);
      }
    });
  });
  return { ready, stop };
}
