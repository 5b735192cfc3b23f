// Two programs reading one card at once (the desk's card service and `desk doctor`, or the vendor's
// own tool): each multi-command read runs inside a PC/SC transaction, so the other's SELECTs never
// fall between our SELECT and READ BINARY. On pcscd with vpcd and a slow virtual card.
import { test, before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { makeMoicaPki } from '../support/moica-pki';
import { CardApplet } from '../support/virtual-moica/card-applet';
import { VirtualCard } from '../support/virtual-moica/vpcd-card';
import { Pcscd, pcscdProblem } from '../support/pcscd';
import { openPcsc, type PcscReader } from '../../native/pcsc/koffi-pcsc-port';
import { readMoicaCard } from '../../electron/main/card/moica-reader';

const MOICA_ATR = Buffer.from('3BB813008131FA524348544D4F494341A5', 'hex');
const pcscd = new Pcscd();
before(async () => {
  assert.equal(pcscdProblem(), null, `the card tests need the smart-card service: ${pcscdProblem()}`);
  await pcscd.own();
});
after(() => pcscd.release());

/** The first virtual reader, once it reports a card in it. */
function firstReader(): Promise<PcscReader> {
  const context = openPcsc();
  return new Promise((resolve) =>
    context.onReader((reader) => {
      if (reader.name === 'Virtual PCD 00 00') reader.onStatus((s) => s.present && resolve(reader));
    }),
  );
}

test('two programs reading the card at once, many times over, each get the whole card and nothing else', async () => {
  const pki = makeMoicaPki();
  const citizen = pki.citizen({ name: '王小明', idNumber: 'A123456789' });
  const card = new VirtualCard({
    atr: MOICA_ATR,
    applet: new CardApplet({ cardNumber: 'TP03000000012345', certificates: [citizen.der, pki.intermediateA.der] }),
  });
  card.slowMs = 3; // every answer takes a moment: without transactions the reads interleave
  await card.insert();
  try {
    const reader = await firstReader();
    const other = new Promise<string[]>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, '../support/pcsc-read-child.ts'), '6'],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.once('exit', () => (out ? resolve(JSON.parse(out) as string[]) : reject(new Error('no answer'))));
    });
    const mine: string[] = [];
    for (let i = 0; i < 6; i++) {
      const data = await reader.withConnection((transmit) => readMoicaCard(transmit));
      mine.push(`${data.cardNumber}:${data.certificates.length}`);
    }
    assert.deepEqual(mine, Array(6).fill('TP03000000012345:2'));
    assert.deepEqual(await other, Array(6).fill('TP03000000012345:2'), 'the other program read whole cards too');
  } finally {
    card.remove();
  }
});
