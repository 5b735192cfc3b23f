// A gen-2 MOICA card (GlobalPlatform applet: no public reads we know) on real parts: pcscd with vpcd
// and a virtual card with the gen-2 ATR, its certificate and key on a SoftHSM2 token. The desk takes
// the certificate from the token and signs as with a gen-1 card. Then which token is chosen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeMoicaPki } from '../support/moica-pki';
import { makeSoftToken } from '../support/softhsm';
import { startOcspResponder, type OcspResponder } from '../support/ocsp-responder';
import { CardApplet } from '../support/virtual-moica/card-applet';
import { VirtualCard } from '../support/virtual-moica/vpcd-card';
import { Pcscd, pcscdProblem } from '../support/pcscd';
import { ADMIN, OFFICER, deskFixture, type DeskFixture } from '../support/desk-fixture';
import { borrowerCase, signWithCard } from '../support/esign-kit';
import { Gen2Certificates, GEN2_NO_CERTIFICATE } from '../../electron/main/esign/gen2-certificates';
import type { ReaderSnapshot } from '../../electron/main/card/card-protocol';
import type { Signer } from '../../electron/main/esign/signer';

const ATR = Buffer.from('3BD8960081B1FE451F0743485447504B494ADD', 'hex'); // common/domain/card-atrs.ts
const customer = { name: '王小明', idNumber: 'A123456789' };
const pcscd = new Pcscd();
let responder: OcspResponder;
let f: DeskFixture;
let card: VirtualCard;
let pki: ReturnType<typeof makeMoicaPki>;

before(async () => {
  assert.equal(pcscdProblem(), null, `the card tests need the smart-card service: ${pcscdProblem()}`);
  await pcscd.own();
  responder = await startOcspResponder();
  pki = makeMoicaPki({ port: responder.port });
  responder.issuers = [pki.intermediateA, pki.intermediateB];
  const citizen = pki.citizen(customer);
  const token = makeSoftToken({ keyPem: citizen.keyPem, certDer: citizen.der, pinShim: true });
  // The applet has no files: a gen-2 card answers none of the gen-1 reads.
  card = new VirtualCard({ atr: ATR, applet: new CardApplet({ cardNumber: '', certificates: [] }) });
  f = deskFixture(
    {
      branchCode: '0123',
      trustAnchorDir: pki.anchorsDir,
      trustIntermediateDir: pki.intermediatesDir,
      pkcs11Module: token.module,
    },
    undefined,
    { esign: { env: token.env } },
  );
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
});
after(async () => {
  card?.remove();
  f?.dispose();
  await responder?.close();
  await pcscd.release();
});

test('a gen-2 card: its certificate comes from the token, the holder is shown, and it signs', async () => {
  await card.insert();
  let reader: Awaited<ReturnType<typeof f.ok<'card.state'>>>['readers'][number] | undefined;
  for (let i = 0; i < 150 && !reader; i++) {
    reader = (await f.ok('card.state', {})).readers.find((r) => r.state === 'ready' && r.holder);
    if (!reader) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(reader, JSON.stringify(await f.ok('card.state', {})));
  assert.equal(reader.kind, 'moica2');
  assert.deepEqual([reader.holder!.name, reader.holder!.idLastFour], ['王小明', '6789']);
  const caseId = await borrowerCase(f, customer, ['T50']);
  const answer = await signWithCard(f, { caseId, insertion: reader.insertion!, pin: '123456' });
  assert.ok(answer.ok, answer.ok ? '' : answer.error.message.en);
  const signed = answer.value;
  assert.equal(signed.state, 'authorization_captured');
  assert.equal(signed.esign?.verdict, 'valid');
  card.remove();
});

test('which token a gen-2 card is: the slot named after its reader, else the only token while no other reader holds a card; none, or only a CA certificate, is an error', async () => {
  const citizen = pki.citizen(customer);
  const reader: ReaderSnapshot = {
    name: 'HID Global OMNIKEY 3x21 Smart Card Reader 00 00',
    state: 'ready',
    kind: 'moica2',
    atr: ATR.toString('hex'),
    insertion: 'one',
    cardNumber: null,
    certificates: [],
    error: null,
    problem: null,
  };
  const answer = async (signer: Partial<Signer>, insertion: string, cardsIn = 1) => {
    const gen2 = new Gen2Certificates(() => signer as Signer);
    const first = gen2.complete({ ...reader, insertion }, cardsIn);
    assert.equal(first.state, 'reading', 'asked in the background');
    await new Promise((r) => setTimeout(r, 20));
    return gen2.complete({ ...reader, insertion }, cardsIn);
  };
  const token = (slotDescription: string, certificates: Buffer[]) => ({
    slotDescription,
    serialNumber: 's',
    certificates,
  });
  const named = await answer(
    {
      certificates: async () => [
        token('Other Reader 00 01', [pki.citizen({ name: '陳大文', idNumber: 'B234561230' }).der]),
        token(reader.name, [pki.intermediateA.der, citizen.der]),
      ],
    },
    'a',
  );
  assert.equal(named.state, 'ready');
  assert.equal(named.certificates[0], citizen.der.toString('base64'), 'the signing certificate first, not the CA');
  const only = await answer({ certificates: async () => [token('SoftHSM slot ID 0x1', [citizen.der])] }, 'b');
  assert.equal(only.certificates.length, 1);
  // Two readers with cards in, and one token visible (the other card's, perhaps, while this one's
  // slot is still coming up): not taken for this card.
  const onlyOfTwo = await answer({ certificates: async () => [token('SoftHSM slot ID 0x1', [citizen.der])] }, 'b2', 2);
  assert.deepEqual([onlyOfTwo.state, onlyOfTwo.error], ['card_error', GEN2_NO_CERTIFICATE]);
  const namedOfTwo = await answer({ certificates: async () => [token(reader.name, [citizen.der])] }, 'b3', 2);
  assert.equal(namedOfTwo.state, 'ready', 'the slot named after the reader is still this card');
  const two = await answer(
    { certificates: async () => [token('slot 1', [citizen.der]), token('slot 2', [citizen.der])] },
    'c',
  );
  assert.deepEqual([two.state, two.error], ['card_error', GEN2_NO_CERTIFICATE]);
  const caOnly = await answer({ certificates: async () => [token(reader.name, [pki.intermediateA.der])] }, 'd');
  assert.equal(caOnly.state, 'card_error');
  const failing = await answer({ certificates: async () => Promise.reject(new Error('module gone')) }, 'e');
  assert.equal(failing.state, 'card_error');
});
