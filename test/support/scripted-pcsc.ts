// A PC/SC library in the shape koffi binds pcsc-lite (PcscApi), for what vpcd cannot do: readers
// that are unplugged and plugged back while the service runs. It answers as pcsc-lite does:
// SCardListReaders without the reader (SCARD_E_NO_READERS_AVAILABLE when none), a wait that ends
// with SCARD_STATE_UNKNOWN | SCARD_STATE_CHANGED for a reader that went, SCARD_E_UNKNOWN_READER to
// connect to it, and SCARD_E_READER_UNAVAILABLE to a command sent to a reader pulled out mid-read;
// and SCARD_E_SHARING_VIOLATION for a card another program holds.
// Cards are the virtual MOICA card's chip (CardApplet).
import type { PcscApi } from '../../native/pcsc/koffi-pcsc-port';
import type { CardApplet } from './virtual-moica/card-applet';

const RV = {
  OK: 0,
  TIMEOUT: 0x8010000a,
  UNKNOWN_READER: 0x80100009,
  NO_SMARTCARD: 0x8010000c,
  READER_UNAVAILABLE: 0x80100017,
  SHARING_VIOLATION: 0x8010000b,
  NO_READERS: 0x8010002e,
  NO_SERVICE: 0x8010001d,
};
const STATE = { UNKNOWN: 0x4, CHANGED: 0x2, EMPTY: 0x10, PRESENT: 0x20 };

interface Slot {
  card: { atr: Buffer; applet: CardApplet } | null;
  events: number;
}
interface State {
  szReader: string;
  dwCurrentState: number;
  dwEventState: number;
  cbAtr: number;
  rgbAtr: number[];
}
type Done = (e: unknown, rv: number) => void;

export class ScriptedPcsc {
  private readonly slots = new Map<string, Slot>();
  private readonly waiters = new Set<() => void>();
  private handles = new Map<number, { reader: string; slot: Slot }>();
  private nextHandle = 1;
  /** Each card command takes this long (a read still under way when a reader is pulled out). */
  commandMs = 0;
  /** Readers whose card another program holds exclusively (SCARD_E_SHARING_VIOLATION to connect). */
  readonly heldElsewhere = new Set<string>();

  private closed = false;

  /** The smart-card service stops: every call fails, so the service's watch ends and nothing is left running. */
  close(): void {
    this.closed = true;
    this.changed();
  }

  plugIn(reader: string): void {
    this.slots.set(reader, { card: null, events: 0 });
    this.changed();
  }
  unplug(reader: string): void {
    this.slots.delete(reader);
    this.changed();
  }
  insert(reader: string, atr: Buffer, applet: CardApplet): void {
    const slot = this.slots.get(reader)!;
    slot.card = { atr, applet };
    slot.events++;
    this.changed();
  }

  private changed(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private eventState(name: string, s: Slot | undefined): number {
    if (!s) return STATE.UNKNOWN | STATE.CHANGED;
    return (s.events << 16) | (s.card ? STATE.PRESENT : STATE.EMPTY);
  }

  /** Fills in each state that changed; true when one did (the wait ends). */
  private report(states: State[]): boolean {
    let any = false;
    for (const st of states) {
      const slot = this.slots.get(st.szReader);
      const now = this.eventState(st.szReader, slot);
      if (now === (st.dwCurrentState & ~STATE.CHANGED)) continue;
      any = true;
      st.dwEventState = slot ? now | STATE.CHANGED : now;
      const atr = slot?.card?.atr;
      st.cbAtr = atr?.length ?? 0;
      if (atr) st.rgbAtr = [...atr, ...st.rgbAtr.slice(atr.length)];
    }
    return any;
  }

  api(): PcscApi {
    const later = (cb: Done, rv: number, ms = 0) => setTimeout(() => cb(null, rv), ms);
    const api = {
      establish: (_scope: number, _a: null, _b: null, ctx: number[]) => {
        ctx[0] = 1;
        return RV.OK;
      },
      list: (_ctx: number, _g: null, buf: Buffer | null, len: number[]) => {
        if (this.closed) return RV.NO_SERVICE;
        if (this.slots.size === 0) return RV.NO_READERS;
        const multi = Buffer.from([...this.slots.keys()].map((n) => `${n}\0`).join('') + '\0', 'utf8');
        if (buf) multi.copy(buf);
        len[0] = multi.length;
        return RV.OK;
      },
      watch: {
        async: (_ctx: number, timeout: number, states: State[], _n: number, cb: Done) => {
          if (this.closed) return later(cb, RV.NO_SERVICE);
          if (this.report(states)) return later(cb, RV.OK);
          const wake = () => {
            if (this.closed) {
              this.waiters.delete(wake);
              clearTimeout(timer);
              return cb(null, RV.NO_SERVICE);
            }
            if (!this.report(states)) return;
            this.waiters.delete(wake);
            clearTimeout(timer);
            cb(null, RV.OK);
          };
          const timer = setTimeout(() => {
            this.waiters.delete(wake);
            cb(null, RV.TIMEOUT);
          }, timeout);
          this.waiters.add(wake);
        },
      },
      connect: {
        async: (_c: number, name: string, _s: number, _p: number, h: number[], p: number[], cb: Done) => {
          const slot = this.slots.get(name);
          if (!slot) return later(cb, RV.UNKNOWN_READER);
          if (!slot.card) return later(cb, RV.NO_SMARTCARD);
          if (this.heldElsewhere.has(name)) return later(cb, RV.SHARING_VIOLATION);
          h[0] = this.nextHandle++;
          p[0] = 2;
          this.handles.set(h[0], { reader: name, slot });
          slot.card.applet.reset();
          later(cb, RV.OK);
        },
      },
      begin: { async: (h: number, cb: Done) => later(cb, this.live(h) ? RV.OK : RV.READER_UNAVAILABLE) },
      end: { async: (_h: number, _d: number, cb: Done) => later(cb, RV.OK) },
      disconnect: {
        async: (h: number, _d: number, cb: Done) => {
          this.handles.delete(h);
          later(cb, RV.OK);
        },
      },
      transmit: {
        async: (h: number, _pci: object, send: Buffer, _l: number, _r: null, recv: Buffer, len: number[], cb: Done) => {
          setTimeout(() => {
            const held = this.handles.get(h);
            if (!this.live(h) || !held?.slot.card) return cb(null, RV.READER_UNAVAILABLE);
            const answer = held.slot.card.applet.answer(send);
            answer.copy(recv);
            len[0] = answer.length;
            cb(null, RV.OK);
          }, this.commandMs);
        },
      },
      ioRequestSize: 16,
      atrSize: 33,
    };
    return api as unknown as PcscApi;
  }

  /** The handle's reader is still the one it was opened on (not unplugged since). */
  private live(h: number): boolean {
    const held = this.handles.get(h);
    return !!held && this.slots.get(held.reader) === held.slot;
  }
}
