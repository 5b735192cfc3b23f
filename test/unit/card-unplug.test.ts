// Readers unplugged and plugged back while the card service runs, and a card another program holds. vpcd's readers live as long as
// pcscd does, so this drives the card service's own logic (card-watch.ts) and the PC/SC port
// (koffi-pcsc-port.ts) over a scripted PC/SC that answers as pcsc-lite does on an unplug; the
// virtual MOICA card's chip answers the reads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPcsc } from '../../native/pcsc/koffi-pcsc-port';
import { runCardService } from '../../electron/main/card/card-watch';
import type { CardServiceMessage, ReaderSnapshot } from '../../electron/main/card/card-protocol';
import { CardApplet } from '../support/virtual-moica/card-applet';
import { ScriptedPcsc } from '../support/scripted-pcsc';
import { makeMoicaPki } from '../support/moica-pki';

const MOICA_ATR = Buffer.from('3BB813008131FA524348544D4F494341A5', 'hex');
const pki = makeMoicaPki();
const citizen = pki.citizen({ name: '王小明', idNumber: 'A123456789' });
const card = () => new CardApplet({ cardNumber: 'TP03000000012345', certificates: [citizen.der] });
const A = 'Branch Reader A 00 00';
const B = 'Branch Reader B 01 00';

const opened: ScriptedPcsc[] = [];
after(() => opened.forEach((p) => p.close()));

function service(pcsc: ScriptedPcsc) {
  opened.push(pcsc);
  let readers: ReaderSnapshot[] = [];
  const seen: ReaderSnapshot[][] = [];
  const other: CardServiceMessage[] = [];
  const exits: number[] = [];
  const listeners = new Set<() => void>();
  runCardService({
    open: () => openPcsc(pcsc.api()),
    send: (m) => {
      if (m.t === 'snapshot') seen.push((readers = m.readers));
      else other.push(m);
      listeners.forEach((l) => l());
    },
    exit: (code) => void exits.push(code),
  });
  const reader = (name: string) => readers.find((r) => r.name === name);
  const waitFor = (what: string, ok: () => boolean, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (ok()) return resolve();
      const timer = setTimeout(
        () =>
          reject(new Error(`waited ${ms} ms for ${what}: ${readers.map((r) => `${r.name} ${r.state}`).join('; ')}`)),
        ms,
      );
      const check = () => {
        if (!ok()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
    });
  return { reader, waitFor, seen, other, exits, readers: () => readers };
}

test('a reader unplugged leaves the list without the service restarting; plugged back with the card, the card is read again', async () => {
  const pcsc = new ScriptedPcsc();
  pcsc.plugIn(A);
  pcsc.insert(A, MOICA_ATR, card());
  const s = service(pcsc);
  await s.waitFor('the card read', () => s.reader(A)?.state === 'ready');
  const first = s.reader(A)!;
  assert.equal(first.cardNumber, 'TP03000000012345');

  pcsc.unplug(A);
  await s.waitFor('the reader gone', () => s.readers().length === 0);
  assert.deepEqual(s.other, [{ t: 'ready', incarnation: first.insertion!.split(':')[0] }], 'no service restart');
  assert.deepEqual(s.exits, []);

  pcsc.plugIn(A);
  await s.waitFor('the reader back, empty', () => s.reader(A)?.state === 'no_card');
  pcsc.insert(A, MOICA_ATR, card());
  await s.waitFor('the card read again', () => s.reader(A)?.state === 'ready');
  assert.equal(s.reader(A)!.cardNumber, 'TP03000000012345');
  assert.deepEqual(s.exits, [], 'the same process and context throughout');
});

test('a reader pulled out during the read stays gone (the read does not put it back as a card error); the other reader is untouched', async () => {
  const pcsc = new ScriptedPcsc();
  pcsc.plugIn(A);
  pcsc.plugIn(B);
  pcsc.insert(B, MOICA_ATR, card());
  const s = service(pcsc);
  await s.waitFor('B read', () => s.reader(B)?.state === 'ready');

  pcsc.commandMs = 150; // a read of some twenty commands: long enough to pull the reader out mid-way
  pcsc.insert(A, MOICA_ATR, card());
  await s.waitFor('A reading', () => s.reader(A)?.state === 'reading');
  await new Promise((r) => setTimeout(r, 400));
  const unpluggedAt = s.seen.length;
  pcsc.unplug(A);
  await s.waitFor('A gone', () => !s.reader(A));
  // Every retry the read might make (four, up to 1.2 s apart) has had its chance to come back.
  await new Promise((r) => setTimeout(r, 6000));
  const since = s.seen.slice(unpluggedAt);
  const back = since.flat().find((r) => r.name === A);
  assert.equal(back, undefined, `A came back as ${back?.state} (${back?.error})`);
  assert.ok(since.length > 0);
  assert.equal(s.reader(B)?.state, 'ready', 'the other reader keeps its card');
  assert.deepEqual(s.exits, []);
});

test('a card another program holds: the reader says so (close the other program), not "cannot read this card"', async () => {
  const pcsc = new ScriptedPcsc();
  pcsc.plugIn(A);
  pcsc.heldElsewhere.add(A);
  pcsc.insert(A, MOICA_ATR, card());
  const s = service(pcsc);
  await s.waitFor('the read given up', () => s.reader(A)?.state === 'card_error');
  assert.equal(s.reader(A)!.problem, 'busy');
  pcsc.heldElsewhere.delete(A);
  pcsc.insert(A, MOICA_ATR, card()); // taken out and put back once the other program let go
  await s.waitFor('read', () => s.reader(A)?.state === 'ready');
  assert.equal(s.reader(A)!.problem, null);
});
