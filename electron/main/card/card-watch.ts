// The card service's logic, apart from its process (card-service-process.ts) so that any PC/SC can
// drive it (native/pcsc/koffi-pcsc-port.ts, or a scripted one in tests): it watches every reader,
// tells MOICA cards from others by ATR, reads a gen-1 card's public data, and sends the desk a full
// snapshot after each change. A reader that goes (unplugged) leaves the snapshot, and a read that was
// under way never puts it back; plugged in again, it is a new reader. When the PC/SC context is lost,
// or a card stops answering, it exits (75) so that the desk starts a fresh process and context.
import { randomUUID } from 'node:crypto';
import {
  pcscCode,
  PcscWedged,
  type PcscContext,
  type PcscReader,
  type ReaderStatus,
} from '../../../native/pcsc/koffi-pcsc-port';
import { cardKind } from '../../../common/domain/card-atrs';
import { CardReadError, readMoicaCard } from './moica-reader';
import type { CardServiceMessage, Insertion, ReaderSnapshot } from './card-protocol';

export const EXIT_CONTEXT_LOST = 75;
const READ_ATTEMPTS = 4;

export interface CardServiceHost {
  /** Throws at once when the smart-card service is not running. */
  open(): PcscContext;
  send(message: CardServiceMessage): void;
  exit(code: number): void;
  /** Insertions an earlier process found hung: shown as not answering, not read again. */
  skip?: Insertion[];
}

/** SCARD_E_SHARING_VIOLATION: another program holds the card exclusively. */
const SHARING_VIOLATION = 0x8010000b;

function empty(name: string): ReaderSnapshot {
  return {
    name,
    state: 'no_card',
    kind: null,
    atr: null,
    insertion: null,
    cardNumber: null,
    certificates: [],
    error: null,
    problem: null,
  };
}

export function runCardService(host: CardServiceHost): void {
  const incarnation = randomUUID().slice(0, 8);
  const readers = new Map<string, ReaderSnapshot>();
  const send = (m: CardServiceMessage) => host.send(m);
  const publish = () => send({ t: 'snapshot', incarnation, readers: [...readers.values()] });
  const restart = (message: Omit<Extract<CardServiceMessage, { t: 'unavailable' }>, 't'>, pauseMs: number) => {
    send({ t: 'unavailable', ...message });
    setTimeout(() => host.exit(EXIT_CONTEXT_LOST), pauseMs);
  };

  function watch(reader: PcscReader): void {
    readers.set(reader.name, empty(reader.name));
    publish();
    let seen: string | null = null;
    let gone = false;
    reader.onStatus((status: ReaderStatus) => {
      if (gone) return;
      const insertion =
        status.present && status.atr ? `${incarnation}:${status.events}:${status.atr.toString('hex')}` : null;
      if (insertion === seen) return;
      seen = insertion;
      if (!insertion || !status.atr) {
        readers.set(reader.name, empty(reader.name));
        publish();
        return;
      }
      const kind = cardKind(status.atr);
      const base = { ...empty(reader.name), kind, atr: status.atr.toString('hex'), insertion };
      if (kind !== 'moica1') {
        // Gen 2 has no public-read commands we know: the signing module reads its certificate.
        readers.set(reader.name, { ...base, state: kind === 'moica2' ? 'ready' : 'unsupported' });
        publish();
        return;
      }
      const here = { reader: reader.name, events: status.events, atr: base.atr! };
      if (host.skip?.some((s) => s.reader === here.reader && s.events === here.events && s.atr === here.atr)) {
        readers.set(reader.name, {
          ...base,
          state: 'card_error',
          error: 'did not answer before',
          problem: 'not_answering',
        });
        publish();
        return;
      }
      readers.set(reader.name, { ...base, state: 'reading' });
      publish();
      void read(reader, base, here, () => !gone && seen === insertion);
    });
    reader.onEnd(() => {
      gone = true;
      readers.delete(reader.name);
      publish();
    });
  }

  /** Reads the card (one PC/SC transaction), trying again after a random pause when it fails: a card
   * still settling after insertion, or another program holding it, often answers the next time. */
  async function read(
    reader: PcscReader,
    base: ReaderSnapshot,
    here: Insertion,
    stillThere: () => boolean,
  ): Promise<void> {
    let last: unknown = null;
    for (let attempt = 0; attempt < READ_ATTEMPTS && stillThere(); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 200 + Math.random() * 1000));
      if (!stillThere()) return;
      try {
        const data = await reader.withConnection((transmit) => readMoicaCard(transmit));
        if (!stillThere()) return;
        readers.set(reader.name, {
          ...base,
          state: 'ready',
          cardNumber: data.cardNumber,
          certificates: data.certificates.map((c) => c.toString('base64')),
        });
        publish();
        return;
      } catch (e) {
        last = e;
        if (e instanceof PcscWedged) {
          // Everything after the hung command would wait behind it: a fresh process takes over,
          // and leaves this card alone until it is put in again (else it would hang it again).
          send({ t: 'wedged', skip: here, message: `${reader.name}: ${e.message}` });
          setTimeout(() => host.exit(EXIT_CONTEXT_LOST), 100);
          return;
        }
        if (e instanceof CardReadError && e.kind === 'not_gen1') break;
      }
    }
    if (!stillThere()) return;
    const problem = pcscCode(last) === SHARING_VIOLATION ? 'busy' : 'comm';
    readers.set(reader.name, {
      ...base,
      state: 'card_error',
      error: String((last as Error)?.message ?? last),
      problem,
    });
    publish();
  }

  let context: PcscContext;
  try {
    context = host.open();
  } catch (e) {
    // The desk starts a new process; a pause first, so a stopped service is not hammered.
    restart({ code: null, message: (e as Error).message }, 1000);
    return;
  }
  context.onReader(watch);
  // Never release the lost context (a call may hang on it): a fresh process gets a fresh one.
  context.onError((code, message) => restart({ code, message }, 100));
  send({ t: 'ready', incarnation });
  publish();
}
