// A minimal DER reader for documents too big for a general ASN.1 parser: a government CRL is 5–20
// MB with hundreds of thousands of entries (asn1js refuses 24.7 MB). Reads tag, length and the
// content's place; never copies, never recurses on its own.
export interface Tlv {
  tag: number;
  /** Where the whole element starts, where its content starts, and where it ends. */
  start: number;
  contentStart: number;
  end: number;
}

export class DerError extends Error {}

export function readTlv(der: Buffer, at: number, limit = der.length): Tlv {
  if (at + 2 > limit) throw new DerError(`truncated at ${at}`);
  const tag = der[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at ${at}`);
  let length = der[at + 1]!;
  let contentStart = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4) throw new DerError(`length of ${bytes} bytes at ${at}`);
    if (contentStart + bytes > limit) throw new DerError(`truncated length at ${at}`);
    length = der.readUIntBE(contentStart, bytes);
    contentStart += bytes;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError(`element at ${at} runs past its container`);
  return { tag, start: at, contentStart, end };
}

/** The elements directly inside a constructed element, in order. */
export function* children(der: Buffer, parent: Tlv): Generator<Tlv> {
  for (let at = parent.contentStart; at < parent.end;) {
    const child = readTlv(der, at, parent.end);
    yield child;
    at = child.end;
  }
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  sequence: 0x30,
  utcTime: 0x17,
  generalizedTime: 0x18,
  context0: 0xa0,
} as const;

/** A UTCTime or GeneralizedTime element as a Date. */
export function readTime(der: Buffer, tlv: Tlv): Date {
  const text = der.toString('latin1', tlv.contentStart, tlv.end);
  const m =
    tlv.tag === TAG.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new DerError(`not a time: ${text}`);
  const year = tlv.tag === TAG.utcTime ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** An INTEGER's magnitude as lowercase hex without leading zeros (how serials are compared). */
export function integerHex(der: Buffer, tlv: Tlv): string {
  return der.toString('hex', tlv.contentStart, tlv.end).replace(/^0+(?=.)/, '');
}

/** DER writing, for the few small structures the desk builds itself (signed attributes). */
export function derTlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : Buffer.concat([Buffer.from([0x80 | byteLength(n)]), uintBytes(n)]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const byteLength = (n: number) => Math.max(1, Math.ceil(Math.log2(n + 1) / 8));
function uintBytes(n: number): Buffer {
  const b = Buffer.alloc(byteLength(n));
  b.writeUIntBE(n, 0, b.length);
  return b;
}

export const derSequence = (...items: Buffer[]) => derTlv(TAG.sequence, Buffer.concat(items));
export const derSet = (...items: Buffer[]) => derTlv(0x31, Buffer.concat(items));
export const derOctets = (bytes: Buffer) => derTlv(0x04, bytes);

export function derOid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return derTlv(0x06, Buffer.from(bytes));
}

/** UTCTime, to the second (CMS signingTime before 2050). */
export function derUtcTime(d: Date): Buffer {
  const text = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return derTlv(TAG.utcTime, Buffer.from(text, 'latin1'));
}
