// What the desk needs of whatever holds the customer's signing key: the PIN state of the token that
// holds a certificate, and one signature. The PKCS#11 signer process is the real one; the training
// card (electron/main/esign/training/) stands in where nothing is configured.
import type { z } from 'zod';
import type { TokenStateSchema } from './signer-protocol';

export type TokenState = z.infer<typeof TokenStateSchema>;

export interface TokenCertificates {
  slotDescription: string;
  serialNumber: string;
  certificates: Buffer[];
}

export interface Signer {
  /** The PIN state of the token holding this certificate; null when no token holds it. */
  tokenState(certDer: Buffer): Promise<TokenState | null>;
  /** Every token present (diagnostics). */
  tokens(): Promise<TokenState[]>;
  /** Each token's certificates (DER) and its slot's description: a gen-2 card's certificate. */
  certificates(): Promise<TokenCertificates[]>;
  /** One PKCS#1 v1.5 signature over a DigestInfo; the PIN is used once and not kept. Errors:
   * PIN_INCORRECT_NO_COUNT, PIN_LOCKED, PIN_FORMAT, CARD_REMOVED, TOKEN_NOT_FOUND, SIGN_FAILED. */
  sign(certDer: Buffer, pin: string, digestInfo: Buffer): Promise<Buffer>;
  close(): void;
}
