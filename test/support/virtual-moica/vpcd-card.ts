// A virtual card in vpcd's reader (vsmartcard-vpcd: pcscd's virtual reader listens on TCP 35963;
// the card connects to it; frames are a 2-byte big-endian length then the bytes; a 1-byte frame is
// a control: 0 power off, 1 power on, 2 reset, 4 "send your ATR"). Connected = inserted; closing
// the socket = removed. When pcscd restarts, the card reconnects by itself, as a card left in the
// reader would be seen again. Tests can slow it down or make it answer wrong status words.
import { connect, type Socket } from 'node:net';
import type { CardApplet } from './card-applet';

export interface VirtualCardOptions {
  atr: Buffer;
  applet: CardApplet;
  host?: string;
  port?: number;
}

export class VirtualCard {
  private socket: Socket | null = null;
  private inserted = false;
  private pending = Buffer.alloc(0);
  /** Every answer waits this long (a slow card). */
  slowMs = 0;
  apdus = 0;

  constructor(private readonly options: VirtualCardOptions) {}

  private get host() {
    return this.options.host ?? process.env.BRANCH_DESK_VPCD_HOST ?? '127.0.0.1';
  }

  /** Puts the card in the reader; resolves once vpcd has it. */
  insert(): Promise<void> {
    this.inserted = true;
    return this.open();
  }

  /** Takes the card out. */
  remove(): void {
    this.inserted = false;
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): Promise<void> {
    return new Promise((resolve) => {
      const attempt = () => {
        if (!this.inserted) return resolve();
        const socket = connect({ host: this.host, port: this.options.port ?? 35963 });
        let connected = false;
        socket.setNoDelay(true);
        socket.once('connect', () => {
          connected = true;
          this.socket = socket;
          this.pending = Buffer.alloc(0);
          resolve();
        });
        socket.on('data', (chunk) => this.receive(socket, chunk));
        socket.on('error', () => undefined);
        // One retry chain only: a connection that never opened tries again from here (pcscd
        // starting); one that was open and closed (pcscd went away) opens anew while "in the reader".
        // (Both once retried every failure, doubling the attempts every 200 ms until no file was left.)
        socket.once('close', () => {
          if (this.socket === socket) this.socket = null;
          if (!this.inserted) return resolve();
          if (connected) setTimeout(() => void this.open(), 200);
          else setTimeout(attempt, 200);
        });
      };
      attempt();
    });
  }

  private receive(socket: Socket, chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 2) {
      const length = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + length) return;
      const frame = this.pending.subarray(2, 2 + length);
      this.pending = this.pending.subarray(2 + length);
      if (length === 1) {
        if (frame[0] === 4) this.send(socket, this.options.atr);
        else this.options.applet.reset(); // power off, power on, reset
      } else {
        this.apdus++;
        const answer = this.options.applet.answer(Buffer.from(frame));
        if (this.slowMs) setTimeout(() => this.send(socket, answer), this.slowMs);
        else this.send(socket, answer);
      }
    }
  }

  private send(socket: Socket, data: Buffer): void {
    if (socket.destroyed) return;
    const header = Buffer.alloc(2);
    header.writeUInt16BE(data.length);
    socket.write(Buffer.concat([header, data]));
  }
}
