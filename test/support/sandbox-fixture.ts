// An in-process sandbox JCIC over real mutual TLS, for contract-level tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/jcic/server';
import { BANK_FILES } from '../../sandbox/jcic/pki';
import { HttpsJcicGateway } from '../../electron/main/jcic/jcic-gateway';
import { systemClock, type TimeSource } from '../../electron/main/clock';

export interface SandboxFixture {
  sandbox: RunningSandbox;
  dir: string;
  /** `clock`: what the gateway dates answers against (by default real time, as JCIC keeps). */
  gateway(clock?: TimeSource): HttpsJcicGateway;
  submissions(): Promise<
    {
      submissionId: string;
      status: string;
      deliveries: number;
      subjectId: string;
      documentItems: number;
      deleted: boolean;
    }[]
  >;
}

export async function sandboxFixture(options: Partial<SandboxOptions> = {}): Promise<SandboxFixture> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'jcic-sandbox-'));
  const sandbox = await startSandbox({
    dir,
    port: 0,
    operatorPort: 0,
    reviewDelaySeconds: 0,
    answerDelayMs: 0,
    keepDays: 3,
    ...options,
  });
  return {
    sandbox,
    dir,
    gateway: (clock = systemClock) =>
      new HttpsJcicGateway(
        `https://127.0.0.1:${sandbox.port}`,
        {
          clientCertificate: join(dir, BANK_FILES.clientCert),
          clientKey: join(dir, BANK_FILES.clientKey),
          caCertificate: join(dir, BANK_FILES.ca),
        },
        clock,
      ),
    submissions: async () => (await fetch(`http://127.0.0.1:${sandbox.operatorPort}/api/submissions`)).json() as never,
  };
}
