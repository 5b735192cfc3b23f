// PC/SC through pcsclite, as small as the card service needs: readers appearing and going, each
// reader's status (present, ATR, pcsc-lite's insert/remove counter in the top 16 bits), and a
// SHARED connection for a few APDUs, left powered (the vendor's module may hold a session).
// pcsclite's errors carry the PC/SC code as "(0x8010xxxx)" at the end of their text.
import createPcsc from 'pcsclite';

export interface ReaderStatus {
  present: boolean;
  atr: Buffer | null;
  /** Changes on every insertion or removal (pcsc-lite's event counter). */
  events: number;
}

export interface PcscReader {
  name: string;
  onStatus(listener: (status: ReaderStatus) => void): void;
  onEnd(listener: () => void): void;
  /** Runs `use` on a SHARED connection, then disconnects leaving the card powered. */
  withConnection<T>(use: (transmit: (apdu: Buffer) => Promise<Buffer>) => Promise<T>): Promise<T>;
}

export interface PcscContext {
  onReader(listener: (reader: PcscReader) => void): void;
  /** The context is lost (pcscd stopped or restarted): a new one must be made. */
  onError(listener: (code: number | null, message: string) => void): void;
}

const TRANSMIT_TIMEOUT_MS = 5000;

export function pcscCode(e: unknown): number | null {
  const m = /\((0x[0-9a-f]{8})\)\s*$/i.exec(String((e as Error)?.message ?? e));
  return m ? Number.parseInt(m[1]!, 16) : null;
}

/** Throws at once (0x8010001D) when the PC/SC service is not running. */
export function openPcsc(): PcscContext {
  const pcsc = createPcsc();
  return {
    onReader: (listener) =>
      pcsc.on('reader', (reader: PcscLiteReader) => {
        listener({
          name: reader.name,
          onStatus: (l) =>
            reader.on('status', (s: { state: number; atr?: Buffer }) => {
              const present = (s.state & reader.SCARD_STATE_PRESENT) !== 0;
              l({ present, atr: present && s.atr?.length ? Buffer.from(s.atr) : null, events: s.state >>> 16 });
            }),
          onEnd: (l) => reader.on('end', l),
          withConnection: (use) => connected(reader, use),
        });
        reader.on('error', () => undefined); // reported through the context
      }),
    onError: (listener) => pcsc.on('error', (e: Error) => listener(pcscCode(e), e.message)),
  };
}

interface PcscLiteReader {
  name: string;
  SCARD_STATE_PRESENT: number;
  SCARD_SHARE_SHARED: number;
  SCARD_LEAVE_CARD: number;
  on(event: string, listener: (...args: never[]) => void): void;
  connect(options: { share_mode: number }, cb: (err: Error | null, protocol: number) => void): void;
  transmit(data: Buffer, length: number, protocol: number, cb: (err: Error | null, data: Buffer) => void): void;
  disconnect(disposition: number, cb: (err: Error | null) => void): void;
}

function connected<T>(
  reader: PcscLiteReader,
  use: (transmit: (apdu: Buffer) => Promise<Buffer>) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    reader.connect({ share_mode: reader.SCARD_SHARE_SHARED }, (err, protocol) => {
      if (err) return reject(err);
      // Each command has a deadline: a card or reader that stops answering ends the read, not the service.
      const transmit = (apdu: Buffer) =>
        new Promise<Buffer>((ok, fail) => {
          const timer = setTimeout(() => fail(new Error('the card did not answer within 5 s')), TRANSMIT_TIMEOUT_MS);
          reader.transmit(apdu, 4096, protocol, (e, data) => {
            clearTimeout(timer);
            if (e) fail(e);
            else ok(data);
          });
        });
      use(transmit).then(
        (value) => reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve(value)),
        (e: unknown) => reader.disconnect(reader.SCARD_LEAVE_CARD, () => reject(e)),
      );
    });
  });
}
