// What the card service process tells the desk: a full snapshot of every reader after each change.
// Only public data crosses: the ATR, the card's kind, its number and certificates.
import { z } from 'zod';

export const ReaderSnapshot = z.object({
  name: z.string(),
  state: z.enum(['no_card', 'reading', 'ready', 'unsupported', 'card_error']),
  kind: z.enum(['moica1', 'moica2', 'nhi', 'bank', 'unknown']).nullable(),
  atr: z.string().nullable(),
  /** Changes whenever a card goes in or out (so a swapped card is never mistaken for the same). */
  insertion: z.string().nullable(),
  cardNumber: z.string().nullable(),
  /** DER certificates, base64; the first is the signing certificate. */
  certificates: z.array(z.string()),
  error: z.string().nullable(),
});
export type ReaderSnapshot = z.infer<typeof ReaderSnapshot>;

export const CardServiceMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), incarnation: z.string() }),
  z.object({ t: z.literal('unavailable'), code: z.number().nullable(), message: z.string() }),
  z.object({ t: z.literal('snapshot'), incarnation: z.string(), readers: z.array(ReaderSnapshot) }),
  z.object({ t: z.literal('pong') }),
]);
export type CardServiceMessage = z.infer<typeof CardServiceMessage>;
