// The signer process: the only place the vendor's PKCS#11 module is loaded. C_Login blocks its
// thread and a vendor module may hang, so this runs apart from the desk, which times it out and
// starts a new one. It keeps the module loaded between requests and forgets each PIN after use.
import { Pkcs11Failure, Pkcs11Module } from '../../../native/pkcs11/pkcs11-port';
import { SignerRequest, type SignerAnswer } from './signer-protocol';
import { parentChannel } from '../workers/parent-channel';

let loaded: Pkcs11Module | null = null;

function moduleAt(path: string): Pkcs11Module {
  if (loaded && loaded.path === path) return loaded;
  loaded?.close();
  loaded = null;
  loaded = new Pkcs11Module(path);
  return loaded;
}

function handle(request: SignerRequest): SignerAnswer {
  if (request.op === 'ping') return { id: request.id, ok: true };
  try {
    const pkcs11 = moduleAt(request.modulePath);
    if (request.op === 'tokens') return { id: request.id, ok: true, tokens: pkcs11.tokens() };
    if (request.op === 'certificates')
      return {
        id: request.id,
        ok: true,
        tokenCertificates: pkcs11.certificates().map((t) => ({
          ...t,
          certificates: t.certificates.map((c) => new Uint8Array(c)),
        })),
      };
    const found = pkcs11.findCertificate(Buffer.from(request.certDer));
    if (request.op === 'token')
      return { id: request.id, ok: true, token: found ? pkcs11.tokenState(found.slot) : null };
    if (!found) return { id: request.id, ok: true, token: null };
    const signature = pkcs11.sign(found.slot, found.id, request.pin, Buffer.from(request.digestInfo));
    return { id: request.id, ok: true, signature: new Uint8Array(signature) };
  } catch (e) {
    if (e instanceof Pkcs11Failure) {
      if (e.step === 'load' || e.step === 'C_Initialize') loaded = null;
      return { id: request.id, ok: false, failure: { code: e.code, step: e.step } };
    }
    return { id: request.id, ok: false, failure: { code: 0x06, step: 'internal' } };
  }
}

const parent = parentChannel();
parent.onMessage((message: unknown) => {
  const parsed = SignerRequest.safeParse(message);
  if (!parsed.success) return;
  parent.send(handle(parsed.data));
});
parent.onDisconnect(() => process.exit(0));
parent.send({ id: 0, ok: true });
