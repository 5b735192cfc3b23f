// The card service process: PC/SC (native/pcsc/koffi-pcsc-port.ts), apart from the desk, because
// PC/SC calls can block while the smart-card service is down and a reader can hang. It watches every reader,
// tells MOICA cards from others by ATR, reads a gen-1 card's public data, and sends the desk a full
// snapshot after each change. When the PC/SC context is lost it exits (75) and the desk starts a
// fresh process, which waits for the service to come back: recovery without restarting the desk.
import { randomUUID } from 'node:crypto';
import {
  openPcsc,
  PcscWedged,
  type PcscContext,
  type PcscReader,
  type ReaderStatus,
} from '../../../native/pcsc/koffi-pcsc-port';
import { cardKind } from '../../../common/domain/card-atrs';
import { CardReadError, readMoicaCard } from './moica-reader';
import type { CardServiceMessage, ReaderSnapshot } from './card-protocol';
import { parentChannel } from '../workers/parent-channel';

export const EXIT_CONTEXT_LOST = 75;
const READ_ATTEMPTS = 4;
const incarnation = randomUUID().slice(0, 8);
const readers = new Map<string, ReaderSnapshot>();
const parent = parentChannel();
const send = (m: CardServiceMessage) => parent.send(m);
const publish = () => send({ t: 'snapshot', incarnation, readers: [...readers.values()] });

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
  };
}

function watch(reader: PcscReader): void {
  readers.set(reader.name, empty(reader.name));
  publish();
  let seen: string | null = null;
  reader.onStatus((status: ReaderStatus) => {
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
    readers.set(reader.name, { ...base, state: 'reading' });
    publish();
    void read(reader, base, () => seen === insertion);
  });
  reader.onEnd(() => {
    readers.delete(reader.name);
    publish();
  });
}

/** Reads the card (one PC/SC transaction), trying again after a random pause when it fails: a card
 * still settling after insertion, or another program holding it, often answers the next time. */
async function read(reader: PcscReader, base: ReaderSnapshot, stillThere: () => boolean): Promise<void> {
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
        // Everything after the hung command would wait behind it: a fresh process reads again.
        send({ t: 'unavailable', code: null, message: `${reader.name}: ${e.message}` });
        setTimeout(() => process.exit(EXIT_CONTEXT_LOST), 100);
        return;
      }
      if (e instanceof CardReadError && e.kind === 'not_gen1') break;
    }
  }
  if (!stillThere()) return;
  readers.set(reader.name, { ...base, state: 'card_error', error: String((last as Error)?.message ?? last) });
  publish();
}

function start(): void {
  let context: PcscContext;
  try {
    context = openPcsc();
  } catch (e) {
    send({ t: 'unavailable', code: null, message: (e as Error).message });
    // The desk starts a new process; a pause first, so a stopped service is not hammered.
    setTimeout(() => process.exit(EXIT_CONTEXT_LOST), 1000);
    return;
  }
  context.onReader(watch);
  context.onError((code, message) => {
    send({ t: 'unavailable', code, message });
    // Never release the lost context (a call may hang on it): a fresh process gets a fresh one.
    setTimeout(() => process.exit(EXIT_CONTEXT_LOST), 100);
  });
  send({ t: 'ready', incarnation });
  publish();
}

parent.onMessage((m: unknown) => {
  if ((m as { t?: string })?.t === 'ping') send({ t: 'pong' });
});
parent.onDisconnect(() => process.exit(0));
start();
