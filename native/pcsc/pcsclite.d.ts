// pcsclite ships no types; the card service uses it only through pcsclite-port.ts.
declare module 'pcsclite' {
  import type { EventEmitter } from 'node:events';
  function pcsclite(): EventEmitter & { close(): void };
  export default pcsclite;
}
