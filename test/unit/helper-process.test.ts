// The desk's helper processes in the desktop app run as Electron utility processes; here, where no
// Electron exists, a fake utilityProcess module records what the desk asks of it and plays the
// child's part. The Node child-process path is what every other card and signer test runs on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { startHelper, type UtilityProcessModule } from '../../electron/main/workers/helper-process';
import { parentChannel } from '../../electron/main/workers/parent-channel';
import { CardServiceClient } from '../../electron/main/card/card-service-client';
import { SignerClient } from '../../electron/main/esign/signer-client';

interface Forked {
  modulePath: string;
  options: { serviceName: string; env: NodeJS.ProcessEnv };
  posted: unknown[];
  child: EventEmitter;
  killed: boolean;
}

function fakeUtility(answer: (posted: unknown, child: EventEmitter) => void = () => undefined) {
  const forked: Forked[] = [];
  const utility: UtilityProcessModule = {
    fork(modulePath, _args, options) {
      const child = new EventEmitter();
      const record: Forked = { modulePath, options, posted: [], child, killed: false };
      forked.push(record);
      return {
        postMessage: (m: unknown) => {
          record.posted.push(m);
          answer(m, child);
        },
        on: (event: string, listener: (...a: any[]) => void) => child.on(event, listener), // eslint-disable-line @typescript-eslint/no-explicit-any
        kill: () => {
          record.killed = true;
          setImmediate(() => child.emit('exit', 0));
          return true;
        },
      } as ReturnType<UtilityProcessModule['fork']>;
    },
  };
  return { utility, forked };
}

test('a bundled helper starts as a utility process with its service name and environment; messages and exit cross both ways', async () => {
  const { utility, forked } = fakeUtility();
  const bundle = join('/opt/branch-desk/resources/app/dist/electron', 'main.js');
  const child = startHelper(
    bundle,
    'card-service-process',
    { env: { A: '1' }, serviceName: 'Branch Desk card service' },
    utility,
  );
  assert.equal(forked[0]!.modulePath, join('/opt/branch-desk/resources/app/dist/electron', 'card-service-process.js'));
  assert.equal(forked[0]!.options.serviceName, 'Branch Desk card service');
  assert.equal(forked[0]!.options.env.A, '1');
  const got: unknown[] = [];
  child.onMessage((m) => got.push(m));
  forked[0]!.child.emit('message', { t: 'pong' });
  assert.deepEqual(got, [{ t: 'pong' }]);
  assert.equal(child.send({ t: 'ping' }), true);
  assert.deepEqual(forked[0]!.posted, [{ t: 'ping' }]);
  const exited = new Promise<void>((resolve) => child.onExit(resolve));
  child.kill();
  await exited;
  assert.equal(child.connected, false);
  assert.equal(child.send({ t: 'ping' }), false, 'nothing is sent to a process that is gone');
});

test('the card service client and the signer client run their processes through the utility module in the desktop app', async () => {
  // The card service: the "process" says ready and sends a snapshot; pings are answered; when it
  // exits, the client starts another.
  const reader = {
    name: 'Reader 0',
    state: 'no_card',
    kind: null,
    atr: null,
    insertion: null,
    cardNumber: null,
    certificates: [],
    error: null,
    problem: null,
  };
  const card = fakeUtility((m, child) => {
    if ((m as { t?: string }).t === 'ping') setImmediate(() => child.emit('message', { t: 'pong' }));
  });
  const service = new CardServiceClient({ utility: card.utility });
  service.start();
  try {
    assert.equal(card.forked.length, 1);
    assert.equal(card.forked[0]!.options.serviceName, 'Branch Desk card service');
    card.forked[0]!.child.emit('message', { t: 'ready', incarnation: 'a' });
    card.forked[0]!.child.emit('message', { t: 'snapshot', incarnation: 'a', readers: [reader] });
    assert.deepEqual(service.state().readers, [reader]);
    card.forked[0]!.child.emit('exit', 75);
    assert.equal(service.state().service, 'unavailable');
    for (let i = 0; i < 50 && card.forked.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(card.forked.length, 2, 'a new card service after the old one exited');
  } finally {
    service.close();
  }

  // The signer: ready once started, one request answered by id.
  const signer = fakeUtility((m, child) => {
    const request = m as { id: number; op: string };
    if (request.op === 'tokens') setImmediate(() => child.emit('message', { id: request.id, ok: true, tokens: [] }));
  });
  const original = signer.utility.fork.bind(signer.utility);
  signer.utility.fork = (path, args, options) => {
    const child = original(path, args, options);
    setImmediate(() => signer.forked.at(-1)!.child.emit('message', { id: 0, ok: true }));
    return child;
  };
  const client = new SignerClient({ modulePath: '/usr/lib/libHicos_p11.so', utility: signer.utility });
  try {
    assert.deepEqual(await client.tokens(), []);
    assert.equal(signer.forked[0]!.options.serviceName, 'Branch Desk signer');
    assert.deepEqual(signer.forked[0]!.posted, [{ op: 'tokens', id: 1, modulePath: '/usr/lib/libHicos_p11.so' }]);
  } finally {
    client.close();
  }
  assert.equal(signer.forked[0]!.killed, true, 'closing the signer ends its process');
});

test('the helper side talks through process.parentPort in a utility process', () => {
  const port = new EventEmitter() as EventEmitter & { postMessage(m: unknown): void; sent: unknown[] };
  port.sent = [];
  port.postMessage = (m) => port.sent.push(m);
  const channel = parentChannel(port as never);
  const got: unknown[] = [];
  channel.onMessage((m) => got.push(m));
  port.emit('message', { data: { t: 'ping' } });
  channel.send({ t: 'pong' });
  assert.deepEqual(got, [{ t: 'ping' }]);
  assert.deepEqual(port.sent, [{ t: 'pong' }]);
});
