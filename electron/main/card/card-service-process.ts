// The card service process: PC/SC apart from the desk, because PC/SC calls can block while the
// smart-card service is down and a reader can hang. What it does is card-watch.ts; this file only
// wires it to the system's PC/SC (native/pcsc/koffi-pcsc-port.ts) and to the desk. When it exits
// (75), the desk starts a fresh process, which waits for the service to come back: recovery
// without restarting the desk.
import { openPcsc } from '../../../native/pcsc/koffi-pcsc-port';
import { parentChannel } from '../workers/parent-channel';
import { runCardService } from './card-watch';
import { CARD_SKIP_ENV, Insertion } from './card-protocol';

const parent = parentChannel();
parent.onMessage((m: unknown) => {
  if ((m as { t?: string })?.t === 'ping') parent.send({ t: 'pong' });
});
parent.onDisconnect(() => process.exit(0));
const skip = Insertion.array().safeParse(JSON.parse(process.env[CARD_SKIP_ENV] ?? '[]'));
runCardService({
  open: () => openPcsc(),
  send: (m) => parent.send(m),
  exit: (code) => process.exit(code),
  skip: skip.success ? skip.data : [],
});
