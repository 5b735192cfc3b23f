// PC/SC straight from the system's library (pcsc-lite's libpcsclite.so.1, Windows' winscard.dll)
// through koffi, as small as the card service needs: readers appearing and going, each reader's
// status (present, ATR, the insert/remove counter in the top 16 bits of its event state), and a
// SHARED connection inside a PC/SC transaction, so another program's commands to the same card
// cannot fall between ours (pcsclite, used before, had no SCardBeginTransaction), left powered.
// Two contexts: pcsc-lite serializes calls on one context, and the watch blocks in
// SCardGetStatusChange. Blocking calls run on koffi's worker threads (`.async`), never this thread.
import koffi from 'koffi';

export interface ReaderStatus {
  present: boolean;
  atr: Buffer | null;
  /** Changes on every insertion or removal (the event counter). */
  events: number;
}

export interface PcscReader {
  name: string;
  onStatus(listener: (status: ReaderStatus) => void): void;
  onEnd(listener: () => void): void;
  /** Runs `use` on a SHARED connection inside one transaction, then disconnects leaving the card powered. */
  withConnection<T>(use: (transmit: (apdu: Buffer) => Promise<Buffer>) => Promise<T>): Promise<T>;
}

export interface PcscContext {
  onReader(listener: (reader: PcscReader) => void): void;
  /** The context is lost (the smart-card service stopped or restarted): a new one must be made. */
  onError(listener: (code: number | null, message: string) => void): void;
}

const SCOPE_SYSTEM = 2;
const SHARE_SHARED = 2;
const PROTOCOLS_T0_T1 = 3;
const LEAVE_CARD = 0;
const STATE = { CHANGED: 0x2, UNKNOWN: 0x4, PRESENT: 0x20 } as const;
const E = { TIMEOUT: 0x8010000a, UNKNOWN_READER: 0x80100009, NO_READERS: 0x8010002e } as const;
const WATCH_MS = 1000;
const TRANSMIT_TIMEOUT_MS = 5000;

/** A card or reader that stopped answering: the calls after it would queue behind the hung one on
 * the same context, so the caller must start afresh (the card service exits and is restarted). */
export class PcscWedged extends Error {}

/** The PC/SC code at the end of an error's message ("(0x8010001d)"). */
export function pcscCode(e: unknown): number | null {
  const m = /\((0x[0-9a-f]{8})\)\s*$/i.exec(String((e as Error)?.message ?? e));
  return m ? Number.parseInt(m[1]!, 16) : null;
}

const hex = (rv: number) => `0x${(rv >>> 0).toString(16).padStart(8, '0')}`;
const failure = (call: string, rv: number) => new Error(`${call} failed (${hex(rv)})`);

/** The part of the PC/SC library used, as koffi binds it (a test can give a scripted one). */
export interface PcscApi {
  establish(scope: number, a: null, b: null, ctx: number[]): number;
  list: { (ctx: number, groups: null, buf: Buffer | null, len: number[]): number };
  watch: {
    async(ctx: number, timeout: number, states: object[], n: number, cb: (e: unknown, rv: number) => void): void;
  };
  connect: {
    async(
      ctx: number,
      name: string,
      share: number,
      protocols: number,
      h: number[],
      p: number[],
      cb: (e: unknown, rv: number) => void,
    ): void;
  };
  begin: { async(h: number, cb: (e: unknown, rv: number) => void): void };
  end: { async(h: number, disposition: number, cb: (e: unknown, rv: number) => void): void };
  transmit: {
    async(
      h: number,
      pci: object,
      send: Buffer,
      sendLen: number,
      recvPci: null,
      recv: Buffer,
      recvLen: number[],
      cb: (e: unknown, rv: number) => void,
    ): void;
  };
  disconnect: { async(h: number, disposition: number, cb: (e: unknown, rv: number) => void): void };
  ioRequestSize: number;
  atrSize: number;
}

let api: PcscApi | null = null;

function load(): PcscApi {
  if (api) return api;
  const windows = process.platform === 'win32';
  // macOS's PC/SC framework has 32-bit DWORDs and packed structs: not a branch PC, not supported.
  if (process.platform === 'darwin') throw new Error('PC/SC on macOS is not supported (0x8010001d)');
  const lib = koffi.load(windows ? 'winscard.dll' : 'libpcsclite.so.1');
  // pcsc-lite's DWORD and LONG are C longs (64-bit on Linux x64); Windows' are 32-bit, and its
  // handles pointer-sized. Windows names the ANSI functions with an A.
  const DWORD = 'unsigned long';
  const LONG = 'long';
  const HANDLE = windows ? 'uintptr_t' : 'long';
  const atrSize = windows ? 36 : 33;
  const ReaderState = koffi.struct({
    szReader: 'const char *',
    pvUserData: 'void *',
    dwCurrentState: DWORD,
    dwEventState: DWORD,
    cbAtr: DWORD,
    rgbAtr: koffi.array('uint8_t', atrSize),
  });
  const IoRequest = koffi.struct({ dwProtocol: DWORD, cbPciLength: DWORD });
  const a = windows ? 'A' : '';
  api = {
    establish: lib.func('SCardEstablishContext', LONG, [DWORD, 'void *', 'void *', koffi.out(koffi.pointer(HANDLE))]),
    list: lib.func(`SCardListReaders${a}`, LONG, [
      HANDLE,
      'const char *',
      koffi.out('uint8_t *'),
      koffi.inout(koffi.pointer(DWORD)),
    ]),
    watch: lib.func(`SCardGetStatusChange${a}`, LONG, [HANDLE, DWORD, koffi.inout(koffi.pointer(ReaderState)), DWORD]),
    connect: lib.func(`SCardConnect${a}`, LONG, [
      HANDLE,
      'const char *',
      DWORD,
      DWORD,
      koffi.out(koffi.pointer(HANDLE)),
      koffi.out(koffi.pointer(DWORD)),
    ]),
    begin: lib.func('SCardBeginTransaction', LONG, [HANDLE]),
    end: lib.func('SCardEndTransaction', LONG, [HANDLE, DWORD]),
    transmit: lib.func('SCardTransmit', LONG, [
      HANDLE,
      koffi.pointer(IoRequest),
      'const uint8_t *',
      DWORD,
      'void *',
      koffi.out('uint8_t *'),
      koffi.inout(koffi.pointer(DWORD)),
    ]),
    disconnect: lib.func('SCardDisconnect', LONG, [HANDLE, DWORD]),
    ioRequestSize: koffi.sizeof(IoRequest),
    atrSize,
  } as unknown as PcscApi;
  return api;
}

const call = (run: (cb: (e: unknown, rv: number) => void) => void) =>
  new Promise<number>((resolve, reject) => run((e, rv) => (e ? reject(e as Error) : resolve(Number(rv) >>> 0))));

function newContext(pcsc: PcscApi): number {
  const ctx = [0];
  const rv = Number(pcsc.establish(SCOPE_SYSTEM, null, null, ctx)) >>> 0;
  if (rv !== 0) throw failure('SCardEstablishContext', rv);
  return ctx[0]!;
}

function listReaders(pcsc: PcscApi, ctx: number): string[] {
  const len = [0];
  let rv = Number(pcsc.list(ctx, null, null, len)) >>> 0;
  if (rv === E.NO_READERS) return [];
  if (rv !== 0) throw failure('SCardListReaders', rv);
  const buf = Buffer.alloc(len[0]!);
  rv = Number(pcsc.list(ctx, null, buf, len)) >>> 0;
  if (rv === E.NO_READERS) return [];
  if (rv !== 0) throw failure('SCardListReaders', rv);
  // pcsc-lite's names are UTF-8, and koffi passes strings back as UTF-8.
  return buf.subarray(0, len[0]).toString('utf8').split('\0').filter(Boolean);
}

interface Watched {
  reader: PcscReader;
  known: number;
  status: ((s: ReaderStatus) => void)[];
  end: (() => void)[];
}

/** Throws at once (0x8010001d) when the smart-card service is not running. */
export function openPcsc(pcsc: PcscApi = load()): PcscContext {
  const watchCtx = newContext(pcsc);
  const cardCtx = newContext(pcsc);
  const readerListeners: ((r: PcscReader) => void)[] = [];
  const errorListeners: ((code: number | null, message: string) => void)[] = [];
  const watched = new Map<string, Watched>();
  const lost = (e: Error) => {
    for (const l of errorListeners) l(pcscCode(e), e.message);
  };

  async function watch(): Promise<void> {
    for (;;) {
      const names = listReaders(pcsc, watchCtx);
      for (const [name, w] of watched)
        if (!names.includes(name)) {
          watched.delete(name);
          w.end.forEach((l) => l());
        }
      for (const name of names)
        if (!watched.has(name)) {
          const w = { known: 0, status: [], end: [] } as unknown as Watched;
          w.reader = readerFor(name, w);
          watched.set(name, w);
          readerListeners.forEach((l) => l(w.reader));
        }
      if (names.length === 0) {
        await new Promise((r) => setTimeout(r, WATCH_MS));
        continue;
      }
      const states = names.map((name) => ({
        szReader: name,
        pvUserData: null,
        dwCurrentState: watched.get(name)!.known,
        dwEventState: 0,
        cbAtr: 0,
        rgbAtr: new Array(pcsc.atrSize).fill(0),
      }));
      const rv = await call((cb) => pcsc.watch.async(watchCtx, WATCH_MS, states, states.length, cb));
      if (rv === E.TIMEOUT) continue;
      if (rv === E.UNKNOWN_READER) {
        await new Promise((r) => setTimeout(r, WATCH_MS)); // the list changed: ask again, not at once
        continue;
      }
      if (rv !== 0) throw failure('SCardGetStatusChange', rv);
      for (const s of states) {
        const w = watched.get(s.szReader);
        const event = Number(s.dwEventState);
        if (!w || !(event & STATE.CHANGED) || event & STATE.UNKNOWN) continue;
        w.known = event & ~STATE.CHANGED;
        const present = (event & STATE.PRESENT) !== 0;
        const atr = present && s.cbAtr > 0 ? Buffer.from(s.rgbAtr.slice(0, Number(s.cbAtr))) : null;
        w.status.forEach((l) => l({ present, atr, events: event >>> 16 }));
      }
    }
  }

  function readerFor(name: string, w: Watched): PcscReader {
    return {
      name,
      onStatus: (l) => void w.status.push(l),
      onEnd: (l) => void w.end.push(l),
      withConnection: (use) => connected(pcsc, cardCtx, name, use),
    };
  }

  setImmediate(() => watch().catch(lost));
  return {
    onReader: (l) => void readerListeners.push(l),
    onError: (l) => void errorListeners.push(l),
  };
}

async function connected<T>(
  pcsc: PcscApi,
  ctx: number,
  name: string,
  use: (transmit: (apdu: Buffer) => Promise<Buffer>) => Promise<T>,
): Promise<T> {
  const handle = [0];
  const protocol = [0];
  let rv = await call((cb) => pcsc.connect.async(ctx, name, SHARE_SHARED, PROTOCOLS_T0_T1, handle, protocol, cb));
  if (rv !== 0) throw failure('SCardConnect', rv);
  const h = handle[0]!;
  let wedged = false;
  const release = async () => {
    await call((cb) => pcsc.end.async(h, LEAVE_CARD, cb)).catch(() => undefined);
    await call((cb) => pcsc.disconnect.async(h, LEAVE_CARD, cb)).catch(() => undefined);
  };
  try {
    rv = await call((cb) => pcsc.begin.async(h, cb));
    if (rv !== 0) throw failure('SCardBeginTransaction', rv);
    const pci = { dwProtocol: protocol[0], cbPciLength: pcsc.ioRequestSize };
    // Each command has a deadline: a card or reader that stops answering ends the read, not the service.
    const transmit = async (apdu: Buffer) => {
      const recv = Buffer.alloc(4096);
      const length = [recv.length];
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, fail) => {
        timer = setTimeout(() => {
          wedged = true;
          fail(new PcscWedged('the card did not answer within 5 s'));
        }, TRANSMIT_TIMEOUT_MS);
      });
      try {
        const code = await Promise.race([
          call((cb) => pcsc.transmit.async(h, pci, apdu, apdu.length, null, recv, length, cb)),
          deadline,
        ]);
        if (code !== 0) throw failure('SCardTransmit', code);
        return Buffer.from(recv.subarray(0, length[0]));
      } finally {
        clearTimeout(timer);
      }
    };
    return await use(transmit);
  } finally {
    // After a hung command, ending the transaction would wait behind it: leave that to a new process.
    if (!wedged) await release();
    else void release();
  }
}
