// The desk's side of the signer process: started on first use, one request at a time, each with a
// deadline. A missed deadline kills the process (a native call may be wedged) and answers
// SIGNER_TIMEOUT; the next request starts a fresh one. PKCS#11 failures become the desk's errors.
import { startHelper, type HelperChild, type UtilityProcessModule } from '../workers/helper-process';
import { DeskError } from '../errors';
import { CKR } from '../../../native/pkcs11/pkcs11-port';
import { SignerAnswer, type SignerRequest } from './signer-protocol';
import type { Signer, TokenCertificates, TokenState } from './signer';

export type { TokenState };

export interface SignerOptions {
  modulePath: string;
  /** Added to the signer's environment (a test token's SOFTHSM2_CONF). */
  env?: Record<string, string>;
  tokenTimeoutMs?: number;
  signTimeoutMs?: number;
  /** Electron's utilityProcess (found by itself in the desktop app; a fake in the tests). */
  utility?: UtilityProcessModule | null;
}

type Pending = { resolve: (a: SignerAnswer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
type Ask = SignerRequest extends infer R ? (R extends unknown ? Omit<R, 'id' | 'modulePath'> : never) : never;

/** One signer process and the requests it owes answers to (a new process never answers for an old one). */
interface SignerChild {
  process: HelperChild;
  ready: Promise<void>;
  pending: Map<number, Pending>;
}

export class SignerClient implements Signer {
  private child: SignerChild | null = null;
  private nextId = 1;

  constructor(private readonly options: SignerOptions) {}

  /** The PIN state of the token holding this certificate; null when no token holds it. */
  async tokenState(certDer: Buffer): Promise<TokenState | null> {
    const answer = await this.ask(
      { op: 'token', certDer: new Uint8Array(certDer) },
      this.options.tokenTimeoutMs ?? 5000,
    );
    return answer.token ?? null;
  }

  /** Every token the module sees (diagnostics). */
  async tokens(): Promise<TokenState[]> {
    return (await this.ask({ op: 'tokens' }, this.options.tokenTimeoutMs ?? 5000)).tokens ?? [];
  }

  /** Each token's certificates and its slot's description. */
  async certificates(): Promise<TokenCertificates[]> {
    const answer = await this.ask({ op: 'certificates' }, this.options.tokenTimeoutMs ?? 5000);
    return (answer.tokenCertificates ?? []).map((t) => ({
      ...t,
      certificates: t.certificates.map((c) => Buffer.from(c)),
    }));
  }

  /** One signature by the token holding this certificate; the PIN is used once and not kept. */
  async sign(certDer: Buffer, pin: string, digestInfo: Buffer): Promise<Buffer> {
    const answer = await this.ask(
      { op: 'sign', certDer: new Uint8Array(certDer), pin, digestInfo: new Uint8Array(digestInfo) },
      this.options.signTimeoutMs ?? 60_000,
    );
    if (answer.token === null) throw new DeskError('TOKEN_NOT_FOUND');
    if (!answer.signature) throw new DeskError('SIGN_FAILED', { detail: 'no signature' });
    return Buffer.from(answer.signature);
  }

  close(): void {
    const child = this.child;
    this.child = null;
    if (child) this.end(child);
  }

  /** One request at a time, in order: the process answers one at a time, and a deadline counts
   * from when a request is sent (a lookup queued behind a slow C_Login must not time out and kill
   * the process while the customer's signature is being made). */
  private ask(request: Ask, timeoutMs: number): Promise<SignerAnswer> {
    const run = this.queue.then(() => this.dispatch(request, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private queue: Promise<unknown> = Promise.resolve();

  private async dispatch(request: Ask, timeoutMs: number): Promise<SignerAnswer> {
    const child = this.start();
    await child.ready;
    const id = this.nextId++;
    const answer = await new Promise<SignerAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.pending.delete(id);
        // Wedged in a native call: this process is done; the next request starts a fresh one.
        if (this.child === child) this.child = null;
        this.end(child);
        reject(new DeskError('SIGNER_TIMEOUT'));
      }, timeoutMs);
      child.pending.set(id, { resolve, reject, timer });
      const gone = () => {
        clearTimeout(timer);
        child.pending.delete(id);
        reject(new DeskError('SIGNER_TIMEOUT'));
      };
      if (!child.process.connected) return gone();
      if (!child.process.send({ ...request, id, modulePath: this.options.modulePath })) gone();
    });
    if (!answer.ok) throw this.failure(answer.failure ?? { code: CKR.FUNCTION_FAILED, step: 'unknown' });
    return answer;
  }

  /** Kills a process and fails what it still owed (its own requests only). */
  private end(child: SignerChild): void {
    for (const [id, waiting] of child.pending) {
      clearTimeout(waiting.timer);
      child.pending.delete(id);
      waiting.reject(new DeskError('SIGNER_TIMEOUT'));
    }
    child.process.kill();
  }

  private failure({ code, step }: { code: number; step: string }): DeskError {
    if (step === 'load' || step === 'C_Initialize')
      return new DeskError('PKCS11_MODULE_FAILED', { path: this.options.modulePath });
    if (code === CKR.PIN_INCORRECT) return new DeskError('PIN_INCORRECT_NO_COUNT');
    if (code === CKR.PIN_LOCKED) return new DeskError('PIN_LOCKED');
    if (code === CKR.PIN_LEN_RANGE || code === CKR.PIN_INVALID) return new DeskError('PIN_FORMAT').about('pin');
    if (code === CKR.TOKEN_NOT_PRESENT || code === CKR.DEVICE_REMOVED || code === CKR.SESSION_HANDLE_INVALID)
      return new DeskError('CARD_REMOVED');
    return new DeskError('SIGN_FAILED', { detail: `${step} 0x${code.toString(16)}` });
  }

  private start(): SignerChild {
    if (this.child) return this.child;
    const process_ = startHelper(
      __filename,
      'signer-process',
      { env: this.options.env, serviceName: 'Branch Desk signer' },
      this.options.utility,
    );
    const pending = new Map<number, Pending>();
    let markReady: () => void = () => undefined;
    let failStart: (e: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    const child: SignerChild = { process: process_, ready, pending };
    const startup = setTimeout(() => {
      failStart(new DeskError('SIGNER_TIMEOUT'));
      if (this.child === child) this.child = null;
      this.end(child);
    }, 10_000);
    process_.onMessage((message: unknown) => {
      const answer = SignerAnswer.safeParse(message);
      if (!answer.success) return;
      if (answer.data.id === 0) {
        clearTimeout(startup);
        markReady();
        return;
      }
      const waiting = pending.get(answer.data.id);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      pending.delete(answer.data.id);
      waiting.resolve(answer.data);
    });
    // A process that could not start, or whose channel broke: its requests fail, the desk goes on.
    process_.onExit(() => {
      clearTimeout(startup);
      failStart(new DeskError('SIGNER_TIMEOUT'));
      if (this.child === child) this.child = null;
      this.end(child);
    });
    ready.catch(() => undefined);
    this.child = child;
    return child;
  }
}
