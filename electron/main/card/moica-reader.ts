// The public reads of a gen-1 MOICA card (domain.md): the card number (EF 0903 under DF 0900) and
// the certificates (EF 08F2 under DF 5030), in 200-byte READ BINARY chunks. Status words handled as
// cards give them: 61 xx (more data: GET RESPONSE), 6C xx (wrong length: ask again with xx), 6B 00
// or 62 82 (end of file). The card service reads inside a PC/SC transaction; each file is still
// selected from the MF and every certificate parsed after reading, so a reader without transactions
// would show another program's commands as unreadable data, never as a wrong certificate.
import { X509Certificate } from 'node:crypto';

export type Transmit = (apdu: Buffer) => Promise<Buffer>;

export class CardReadError extends Error {
  constructor(
    /** not_gen1: the card does not know these files (take the PKCS#11 path); comm: anything else. */
    readonly kind: 'not_gen1' | 'comm',
    detail: string,
  ) {
    super(`card read: ${kind} (${detail})`);
  }
}

export interface MoicaPublicData {
  cardNumber: string;
  /** DER certificates in the order the card keeps them; the first is the signing certificate. */
  certificates: Buffer[];
}

const CHUNK = 200;
const MAX_GET_RESPONSE = 64;
const MAX_RESPONSE_BYTES = 16_384;
const NOT_GEN1 = new Set([0x6a82, 0x6e00, 0x6d00]);
const select = (fid: number) => Buffer.from([0x80, 0xa4, 0, 0, 2, fid >> 8, fid & 0xff]);
const readBinary = (offset: number, le: number) =>
  Buffer.from([0x80, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, le & 0xff]);

async function command(transmit: Transmit, apdu: Buffer): Promise<{ data: Buffer; sw: number }> {
  let response = await transmit(apdu);
  if (response.length < 2) throw new CardReadError('comm', 'empty response');
  let sw = response.readUInt16BE(response.length - 2);
  if (sw >> 8 === 0x6c) {
    response = await transmit(Buffer.concat([apdu.subarray(0, 4), Buffer.from([sw & 0xff])]));
    if (response.length < 2) throw new CardReadError('comm', 'empty response');
    sw = response.readUInt16BE(response.length - 2);
  }
  let data = response.subarray(0, response.length - 2);
  // A card that keeps saying "more" (61 xx) is stopped: no file on a MOICA card is this big.
  for (let rounds = 0; sw >> 8 === 0x61; rounds++) {
    if (rounds >= MAX_GET_RESPONSE || data.length > MAX_RESPONSE_BYTES)
      throw new CardReadError('comm', 'the card never finished its answer');
    const more = await transmit(Buffer.from([0x00, 0xc0, 0, 0, sw & 0xff]));
    if (more.length < 2) throw new CardReadError('comm', 'empty response');
    data = Buffer.concat([data, more.subarray(0, more.length - 2)]);
    sw = more.readUInt16BE(more.length - 2);
  }
  return { data, sw };
}

async function selectPath(transmit: Transmit, path: number[]): Promise<void> {
  for (const fid of path) {
    const { sw } = await command(transmit, select(fid));
    if (NOT_GEN1.has(sw)) throw new CardReadError('not_gen1', `SELECT ${fid.toString(16)}: ${sw.toString(16)}`);
    if (sw !== 0x9000) throw new CardReadError('comm', `SELECT ${fid.toString(16)}: ${sw.toString(16)}`);
  }
}

/** Reads from offset 0 until `enough` says the bytes are complete, or the file ends. */
async function readFile(transmit: Transmit, enough: (bytes: Buffer) => boolean, max = 16_384): Promise<Buffer> {
  let bytes = Buffer.alloc(0);
  while (bytes.length < max && !enough(bytes)) {
    const { data, sw } = await command(transmit, readBinary(bytes.length, CHUNK));
    if (sw === 0x6b00 || (sw === 0x6282 && data.length === 0)) break;
    if (sw !== 0x9000 && sw !== 0x6282) throw new CardReadError('comm', `READ BINARY: ${sw.toString(16)}`);
    bytes = Buffer.concat([bytes, data]);
    if (sw === 0x6282 || data.length === 0) break;
  }
  return bytes;
}

/** The DER certificates at the start of `bytes`; null while the last one is incomplete. */
function certificatesIn(bytes: Buffer): { certificates: Buffer[]; complete: boolean } {
  const certificates: Buffer[] = [];
  let at = 0;
  while (at + 4 <= bytes.length && bytes[at] === 0x30 && bytes[at + 1] === 0x82) {
    const end = at + 4 + bytes.readUInt16BE(at + 2);
    if (end > bytes.length) return { certificates, complete: false };
    certificates.push(bytes.subarray(at, end));
    at = end;
  }
  // Complete when what follows is padding (00 or FF), not the start of another certificate.
  return { certificates, complete: at + 4 <= bytes.length || (at < bytes.length && bytes[at] !== 0x30) };
}

export async function readMoicaCard(transmit: Transmit): Promise<MoicaPublicData> {
  await selectPath(transmit, [0x3f00, 0x0900, 0x0903]);
  const number = (await readFile(transmit, (b) => b.length >= 16)).subarray(0, 16).toString('latin1');
  if (!/^[A-Z]{2}\d{14}$/.test(number)) throw new CardReadError('comm', 'card number unreadable');
  await selectPath(transmit, [0x3f00, 0x5030, 0x08f2]);
  const raw = await readFile(transmit, (b) => certificatesIn(b).complete);
  const { certificates } = certificatesIn(raw);
  if (certificates.length === 0) throw new CardReadError('comm', 'no certificate on the card');
  for (const der of certificates) {
    try {
      new X509Certificate(der);
    } catch {
      throw new CardReadError('comm', 'a certificate on the card is unreadable');
    }
  }
  return { cardNumber: number, certificates: certificates.map((c) => Buffer.from(c)) };
}
