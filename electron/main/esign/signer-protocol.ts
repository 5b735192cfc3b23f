// The messages between the desk and its signer process (one request, one answer, by id). The PIN
// crosses once, inside a sign request; it is in no answer, no error and no log line.
import { z } from 'zod';

export const SignerRequest = z.discriminatedUnion('op', [
  z.object({ id: z.number(), op: z.literal('ping') }),
  z.object({ id: z.number(), op: z.literal('tokens'), modulePath: z.string() }),
  z.object({ id: z.number(), op: z.literal('certificates'), modulePath: z.string() }),
  z.object({ id: z.number(), op: z.literal('token'), modulePath: z.string(), certDer: z.instanceof(Uint8Array) }),
  z.object({
    id: z.number(),
    op: z.literal('sign'),
    modulePath: z.string(),
    certDer: z.instanceof(Uint8Array),
    pin: z.string(),
    digestInfo: z.instanceof(Uint8Array),
  }),
]);
export type SignerRequest = z.infer<typeof SignerRequest>;

export const TokenStateSchema = z.object({
  label: z.string(),
  serialNumber: z.string(),
  pinCountLow: z.boolean(),
  pinFinalTry: z.boolean(),
  pinLocked: z.boolean(),
  protectedAuthPath: z.boolean(),
  minPinLength: z.number(),
  maxPinLength: z.number(),
});

export const SignerAnswer = z.object({
  id: z.number(),
  ok: z.boolean(),
  /** token: the state of the token holding the certificate, or null when no token holds it. */
  token: TokenStateSchema.nullable().optional(),
  signature: z.instanceof(Uint8Array).optional(),
  /** certificates: each token's X.509 certificates and its slot's description. */
  tokenCertificates: z
    .array(
      z.object({
        slotDescription: z.string(),
        serialNumber: z.string(),
        certificates: z.array(z.instanceof(Uint8Array)),
      }),
    )
    .optional(),
  /** tokens: every token present (diagnostics). */
  tokens: z.array(TokenStateSchema).optional(),
  /** A PKCS#11 failure: its CKR value and the step; `load` when the module could not be loaded. */
  failure: z.object({ code: z.number(), step: z.string() }).optional(),
});
export type SignerAnswer = z.infer<typeof SignerAnswer>;
