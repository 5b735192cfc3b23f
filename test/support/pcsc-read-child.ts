// Another program reading the card (as `desk doctor` or the vendor's tool would): reads the virtual
// reader's card N times over its own PC/SC context and prints each card number, one JSON line.
import { openPcsc } from '../../native/pcsc/koffi-pcsc-port';
import { readMoicaCard } from '../../electron/main/card/moica-reader';

const times = Number(process.argv[2] ?? 3);
const context = openPcsc();
context.onReader((reader) => {
  if (reader.name !== 'Virtual PCD 00 00') return;
  let started = false;
  reader.onStatus(async (s) => {
    if (!s.present || started) return;
    started = true;
    const numbers: string[] = [];
    for (let i = 0; i < times; i++)
      numbers.push(
        await reader
          .withConnection((transmit) => readMoicaCard(transmit))
          .then(
            (d) => `${d.cardNumber}:${d.certificates.length}`,
            (e: Error) => `error: ${e.message}`,
          ),
      );
    console.log(JSON.stringify(numbers));
    process.exit(0);
  });
});
