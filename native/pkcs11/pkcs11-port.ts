// The card's signing module (the vendor's PKCS#11 library: HiCOS on a branch PC, SoftHSM2 in tests)
// through pkcs11js. Only what the desk needs: the tokens present, a token's PIN state, the token
// holding a given certificate (readable without the PIN), and one signature: open a session, log
// in with the PIN once, sign with the private key paired with that certificate, log out, close.
// Never retries a PIN. Runs in the signer process: C_Login blocks its thread.
import * as pkcs11js from 'pkcs11js';

export interface TokenState {
  label: string;
  serialNumber: string;
  /** CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED as the token reports them. */
  pinCountLow: boolean;
  pinFinalTry: boolean;
  pinLocked: boolean;
  /** The PIN is typed on the reader's own keypad, not in the desk. */
  protectedAuthPath: boolean;
  minPinLength: number;
  maxPinLength: number;
}

/** A PKCS#11 return value, by number and name (CKR_PIN_INCORRECT, …). */
export class Pkcs11Failure extends Error {
  constructor(
    readonly code: number,
    readonly step: string,
  ) {
    super(`${step}: ${CKR_NAMES[code] ?? `CKR 0x${code.toString(16)}`}`);
  }
}

export const CKR = {
  DEVICE_REMOVED: 0x32,
  FUNCTION_FAILED: 0x06,
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_LOCKED: 0xa4,
  SESSION_HANDLE_INVALID: 0xb3,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  USER_ALREADY_LOGGED_IN: 0x100,
} as const;
const CKR_NAMES: Record<number, string> = Object.fromEntries(Object.entries(CKR).map(([k, v]) => [v, `CKR_${k}`]));

const CKF_USER_PIN_COUNT_LOW = 0x10000;
const CKF_USER_PIN_FINAL_TRY = 0x20000;
const CKF_USER_PIN_LOCKED = 0x40000;
const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;

function step<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new Pkcs11Failure(typeof code === 'number' ? code : CKR.FUNCTION_FAILED, name);
  }
}

export class Pkcs11Module {
  private readonly lib = new pkcs11js.PKCS11();

  /** Loads and initializes the module; throws Pkcs11Failure('load') if it cannot. */
  constructor(readonly path: string) {
    step('load', () => this.lib.load(path));
    step('C_Initialize', () => this.lib.C_Initialize());
  }

  slots(): Buffer[] {
    return step('C_GetSlotList', () => this.lib.C_GetSlotList(true));
  }

  tokenState(slot: Buffer): TokenState {
    const info = step('C_GetTokenInfo', () => this.lib.C_GetTokenInfo(slot));
    return {
      label: info.label.trim(),
      serialNumber: info.serialNumber.trim(),
      pinCountLow: (info.flags & CKF_USER_PIN_COUNT_LOW) !== 0,
      pinFinalTry: (info.flags & CKF_USER_PIN_FINAL_TRY) !== 0,
      pinLocked: (info.flags & CKF_USER_PIN_LOCKED) !== 0,
      protectedAuthPath: (info.flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
      minPinLength: info.minPinLen,
      maxPinLength: info.maxPinLen,
    };
  }

  /** Every token that can be opened, for diagnostics (a blank or foreign token is left out). */
  tokens(): TokenState[] {
    return this.slots().flatMap((slot) => {
      try {
        const state = this.tokenState(slot);
        return state.label ? [state] : [];
      } catch {
        return [];
      }
    });
  }

  /** Every token's X.509 certificates, with its slot's description (HiCOS names the slot after the
   * PC/SC reader): how a card without public-read commands we know (gen 2) shows its certificate. */
  certificates(): { slotDescription: string; serialNumber: string; certificates: Buffer[] }[] {
    return this.slots().flatMap((slot) => {
      try {
        const slotDescription = step('C_GetSlotInfo', () => this.lib.C_GetSlotInfo(slot)).slotDescription.trim();
        const { serialNumber } = this.tokenState(slot);
        const certificates = this.withSession(slot, (session) => {
          step('C_FindObjectsInit', () =>
            this.lib.C_FindObjectsInit(session, [
              { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
              { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
            ]),
          );
          let handles: Buffer[];
          try {
            handles = step('C_FindObjects', () => this.lib.C_FindObjects(session, 16));
          } finally {
            this.lib.C_FindObjectsFinal(session);
          }
          return handles.map((h) => {
            const [value] = step('C_GetAttributeValue', () =>
              this.lib.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_VALUE }]),
            );
            return value!.value as Buffer;
          });
        });
        return [{ slotDescription, serialNumber, certificates }];
      } catch {
        return []; // a slot whose token cannot be opened holds no certificate we can show
      }
    });
  }

  /** The slot whose token holds exactly this certificate, and the certificate's CKA_ID. */
  findCertificate(certDer: Buffer): { slot: Buffer; id: Buffer } | null {
    for (const slot of this.slots()) {
      let id: Buffer | null;
      try {
        id = this.withSession(slot, (session) => this.certificateId(session, certDer));
      } catch (e) {
        // A slot whose token cannot be opened (blank, another kind of card) does not hold it.
        if (e instanceof Pkcs11Failure && e.step === 'C_OpenSession') continue;
        throw e;
      }
      if (id) return { slot, id };
    }
    return null;
  }

  /** One signature (CKM_RSA_PKCS over a DigestInfo the caller built: the host hashes). */
  sign(slot: Buffer, certId: Buffer, pin: string, digestInfo: Buffer): Buffer {
    return this.withSession(slot, (session) => {
      step('C_Login', () => this.lib.C_Login(session, pkcs11js.CKU_USER, pin));
      try {
        const key = this.findOne(session, [
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
          { type: pkcs11js.CKA_ID, value: certId },
        ]);
        if (!key) throw new Pkcs11Failure(CKR.FUNCTION_FAILED, 'no private key for the certificate');
        step('C_SignInit', () => this.lib.C_SignInit(session, { mechanism: pkcs11js.CKM_RSA_PKCS }, key));
        return step('C_Sign', () => this.lib.C_Sign(session, digestInfo, Buffer.alloc(1024)));
      } finally {
        try {
          this.lib.C_Logout(session);
        } catch {
          // the session closes next; a removed card fails here too
        }
      }
    });
  }

  close(): void {
    try {
      this.lib.C_Finalize();
    } finally {
      this.lib.close();
    }
  }

  private withSession<T>(slot: Buffer, run: (session: Buffer) => T): T {
    const session = step('C_OpenSession', () => this.lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION));
    try {
      return run(session);
    } finally {
      try {
        this.lib.C_CloseSession(session);
      } catch {
        // a card pulled out leaves no session to close
      }
    }
  }

  private certificateId(session: Buffer, certDer: Buffer): Buffer | null {
    const cert = this.findOne(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_VALUE, value: certDer },
    ]);
    if (!cert) return null;
    const [id] = step('C_GetAttributeValue', () =>
      this.lib.C_GetAttributeValue(session, cert, [{ type: pkcs11js.CKA_ID }]),
    );
    return (id?.value as Buffer | undefined) ?? null;
  }

  private findOne(session: Buffer, template: pkcs11js.Template): Buffer | null {
    step('C_FindObjectsInit', () => this.lib.C_FindObjectsInit(session, template));
    try {
      return step('C_FindObjects', () => this.lib.C_FindObjects(session));
    } finally {
      this.lib.C_FindObjectsFinal(session);
    }
  }
}
