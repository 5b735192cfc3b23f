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
  /** Why a card could not be read, as the officer is told (card_error only): another program holds
   * it, the reads failed, or it stopped answering (then it is not read again until put in again). */
  problem: z.enum(['busy', 'comm', 'not_answering']).nullable(),
});
export type ReaderSnapshot = z.infer<typeof ReaderSnapshot>;

export const CardServiceMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), incarnation: z.string() }),
  z.object({ t: z.literal('unavailable'), code: z.number().nullable(), message: z.string() }),
  z.object({ t: z.literal('snapshot'), incarnation: z.string(), readers: z.array(ReaderSnapshot) }),
  z.object({ t: z.literal('pong') }),
  /** A card stopped answering mid-read: the process ends (calls would queue behind the hung one),
   * and the next one is told not to read this insertion again (CARD_SKIP_ENV). */
  z.object({ t: z.literal('wedged'), skip: z.lazy(() => Insertion), message: z.string() }),
]);
export type CardServiceMessage = z.infer<typeof CardServiceMessage>;

/** One insertion as PC/SC tells it across processes: the reader, its event counter and the ATR. */
export const Insertion = z.object({ reader: z.string(), events: z.number(), atr: z.string() });
export type Insertion = z.infer<typeof Insertion>;
/** The insertions a new card service process must not read (JSON in its environment). */
export const CARD_SKIP_ENV = 'BRANCH_DESK_CARD_SKIP';
