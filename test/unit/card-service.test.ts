// The card service on real parts: pcscd with vpcd's virtual reader, a virtual MOICA card speaking
// vpcd's protocol with the gen-1 file system, PC/SC through koffi in the card service process. A card put in
// is read (number and certificates), another kind of card is named, removal is seen, and a pcscd
// restart is recovered from without restarting the desk's side. The APDU logic is also checked
// against the card's chip directly, status words included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeMoicaPki } from '../support/moica-pki';
import { CardApplet } from '../support/virtual-moica/card-applet';
import { VirtualCard } from '../support/virtual-moica/vpcd-card';
import { Pcscd, pcscdProblem } from '../support/pcscd';
import { readMoicaCard, CardReadError } from '../../electron/main/card/moica-reader';
import { CardServiceClient, type CardServiceState } from '../../electron/main/card/card-service-client';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliAsync } from '../support/cli';
import { makeSoftToken } from '../support/softhsm';

const MOICA_ATR = Buffer.from('3BB813008131FA524348544D4F494341A5', 'hex');
const NHI_ATR = Buffer.from('3BEE00008131FE4580318066409093060F17830F9000F3', 'hex');
const READER = 'Virtual PCD 00 00';

const pki = makeMoicaPki();
const citizen = pki.citizen({ name: '王小明', idNumber: 'A123456789' });
const files = { cardNumber: 'TP03000000012345', certificates: [citizen.der, pki.intermediateA.der] };

test('the gen-1 reads against the chip: card number, both certificates (a 6C tail re-asked), a missing file means another generation', async () => {
  const applet = new CardApplet(files);
  const seen: string[] = [];
  const transmit = async (apdu: Buffer) => {
    const answer = applet.answer(apdu);
    seen.push(answer.subarray(-2).toString('hex'));
    return answer;
  };
  const data = await readMoicaCard(transmit);
  assert.equal(data.cardNumber, 'TP03000000012345');
  assert.deepEqual(data.certificates, [citizen.der, pki.intermediateA.der]);
  assert.ok(
    seen.some((sw) => sw.startsWith('6c')),
    'the short tail came back 6C xx and was asked again',
  );
  applet.failNext = 0x6a82;
  await assert.rejects(readMoicaCard(transmit), (e: CardReadError) => e.kind === 'not_gen1');
  applet.failNext = 0x6f00;
  await assert.rejects(readMoicaCard(transmit), (e: CardReadError) => e.kind === 'comm');
  await assert.rejects(
    readMoicaCard(async () => Buffer.alloc(0)),
    (e: CardReadError) => e.kind === 'comm',
  );
  // A card that always has "more" (61 00) is stopped, not followed forever.
  const endless = async (apdu: Buffer) => (apdu[1] === 0xa4 ? Buffer.from([0x90, 0]) : Buffer.from([1, 2, 0x61, 0]));
  await assert.rejects(readMoicaCard(endless), (e: CardReadError) => e.kind === 'comm');
});

const problem = pcscdProblem();
const pcscd = new Pcscd();
let service: CardServiceClient;
before(async () => {
  assert.equal(problem, null, `the card tests need the smart-card service: ${problem}`);
  await pcscd.own();
  service = new CardServiceClient();
  service.start();
});
after(async () => {
  service?.close();
  await pcscd.release();
});

const reader = (s: CardServiceState) => s.readers.find((r) => r.name === READER);

test('a MOICA card put in the reader is read; taken out, the reader is empty; an NHI card is named as one', async () => {
  await service.waitFor((s) => reader(s)?.state === 'no_card', 15_000);
  const card = new VirtualCard({ atr: MOICA_ATR, applet: new CardApplet(files) });
  await card.insert();
  const ready = reader(await service.waitFor((s) => reader(s)?.state === 'ready', 15_000))!;
  assert.equal(ready.kind, 'moica1');
  assert.equal(ready.cardNumber, 'TP03000000012345');
  assert.deepEqual(
    ready.certificates.map((c) => Buffer.from(c, 'base64')),
    [citizen.der, pki.intermediateA.der],
  );
  card.remove();
  await service.waitFor((s) => reader(s)?.state === 'no_card', 15_000);

  const nhi = new VirtualCard({ atr: NHI_ATR, applet: new CardApplet(files) });
  await nhi.insert();
  const other = reader(await service.waitFor((s) => reader(s)?.state === 'unsupported', 15_000))!;
  assert.equal(other.kind, 'nhi');
  assert.deepEqual(other.certificates, [], 'another kind of card is not read');
  nhi.remove();
  await service.waitFor((s) => reader(s)?.state === 'no_card', 15_000);
});

test('pcscd stopped: the service says unavailable and the desk side keeps answering; pcscd back: the card left in is read again', async () => {
  const card = new VirtualCard({ atr: MOICA_ATR, applet: new CardApplet(files) });
  await card.insert();
  const first = reader(await service.waitFor((s) => reader(s)?.state === 'ready', 15_000))!;
  await pcscd.stop();
  const down = await service.waitFor((s) => s.service === 'unavailable', 15_000);
  assert.deepEqual(down.readers, []);
  await pcscd.start();
  const again = reader(await service.waitFor((s) => reader(s)?.state === 'ready', 30_000))!;
  assert.equal(again.cardNumber, 'TP03000000012345');
  assert.notEqual(again.insertion, first.insertion, 'a new insertion: the desk never mistakes it for the same read');
  card.remove();
});

test('a card that stops answering: that reader says so, a fresh process takes over without reading it again (no loop), and put in again it is read', async () => {
  const card = new VirtualCard({ atr: MOICA_ATR, applet: new CardApplet(files) });
  card.slowMs = 7000; // past the 5 s deadline of every command
  await card.insert();
  const hung = reader(await service.waitFor((s) => reader(s)?.problem === 'not_answering', 20_000))!;
  assert.equal(hung.state, 'card_error');
  assert.equal(service.state().service, 'running', 'the other readers stay: not "the PC/SC service is down"');
  assert.match(service.state().detail!, /^Virtual PCD 00 00: the card did not answer within 5 s/);
  // The new process knows this insertion hung the last one: it is not read again (each read would
  // hang the service for 5 s, over and over), and nothing else is asked of it.
  const commandsBefore = card.apdus;
  await new Promise((r) => setTimeout(r, 8000));
  assert.equal(reader(service.state())?.problem, 'not_answering');
  assert.equal(card.apdus, commandsBefore, 'not read again');
  card.slowMs = 0;
  card.remove();
  await service.waitFor((s) => reader(s)?.state === 'no_card', 15_000);
  await card.insert();
  const again = reader(await service.waitFor((s) => reader(s)?.state === 'ready', 30_000))!;
  assert.equal(again.cardNumber, 'TP03000000012345');
  card.remove();
  await service.waitFor((s) => reader(s)?.state === 'no_card', 15_000);
});

test('desk doctor shows IT the reader and the card in it, the PKCS#11 module and its token, the trust anchors, and warns of a virtual reader', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-card-'));
  const token = makeSoftToken({ keyPem: citizen.keyPem, certDer: citizen.der, label: 'CITIZEN-CARD' });
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ trustAnchorDir: pki.anchorsDir, pkcs11Module: token.module }));
  const card = new VirtualCard({ atr: MOICA_ATR, applet: new CardApplet(files) });
  await card.insert();
  await service.waitFor((s) => reader(s)?.state === 'ready', 15_000);
  try {
    const r = await runCliAsync(['doctor'], {
      ...token.env,
      BRANCH_DESK_POLICY: policy,
      BRANCH_DESK_DATA_DIR: join(dir, 'data'),
    });
    assert.match(
      r.stdout,
      /warn +pcsc +Virtual PCD 00 00: ready \(moica1, ATR 3bb813008131fa524348544d4f494341a5\) card TP03000000012345.*never on a branch PC/,
    );
    assert.match(r.stdout, /ok +pkcs11 +.*libsofthsm2\.so loaded; tokens: CITIZEN-CARD/);
    assert.match(r.stdout, /ok +trust +anchors .*Test Government Root Certification Authority until \d{4}-\d{2}-\d{2}/);
  } finally {
    card.remove();
  }
});
