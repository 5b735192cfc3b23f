// Which card is in the reader, by its ATR (exact bytes; no prefix rules: a transit card shares a
// bank card's tail), and for a MOICA card not in the list, by the applet its historical bytes name. Source: Debian pcsc-tools 1.6.2 /usr/share/pcsc/smartcard_list.txt, read
// 2026-12-01. MOICA gen 1's historical bytes are "CHTMOICA" (the 0x52 "R" before them is TB3).
import type { Bilingual } from '../contract/errors';

export type CardKind = 'moica1' | 'moica2' | 'nhi' | 'bank' | 'unknown';

const hex = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export const CARD_ATRS: { atr: string; kind: CardKind; note: string }[] = [
  {
    atr: hex('3B B8 13 00 81 31 FA 52 43 48 54 4D 4F 49 43 41 A5'),
    kind: 'moica1',
    note: 'MOICA citizen card, CHTMOICA',
  },
  {
    atr: hex('3B D8 96 00 81 B1 FE 45 1F 07 43 48 54 47 50 4B 49 4A DD'),
    kind: 'moica2',
    note: 'MOICA citizen card, later generation (CHTGPKIJ)',
  },
  { atr: hex('3B EE 00 00 81 31 FE 45 80 31 80 66 40 90 93 06 0F 17 83 0F 90 00 F3'), kind: 'nhi', note: 'NHI card' },
  { atr: hex('3B FC 18 00 00 81 31 FE 45 80 73 C8 21 13 66 02 04 03 55 00 02 D2'), kind: 'nhi', note: 'NHI card' },
  { atr: hex('3B FD 13 00 00 81 31 FE 45 4A 43 4F 50 32 31 76 32 33 31 47 44 54 E1'), kind: 'nhi', note: 'NHI card' },
  { atr: hex('3B FD 18 00 00 81 31 FE 45 53 4C 4A 35 32 47 78 78 79 79 79 7A 52 AA'), kind: 'nhi', note: 'NHI card' },
  {
    atr: hex('3B F7 11 00 00 81 71 FE 42 00 00 63 95 31 05 90 00 F8'),
    kind: 'bank',
    note: 'Chunghwa Post / E.SUN ATM card',
  },
  { atr: hex('3B F7 18 00 00 81 71 80 42 00 00 63 84 0C 01 90 00 A7'), kind: 'bank', note: 'Citibank Taiwan card' },
];

export function cardKind(atr: Buffer | string): CardKind {
  const value = typeof atr === 'string' ? hex(atr) : atr.toString('hex');
  const known = CARD_ATRS.find((a) => a.atr === value)?.kind;
  if (known) return known;
  // Another MOICA issue with other interface bytes still names its applet in the historical bytes.
  const historical = historicalBytes(value);
  if (historical.includes('CHTMOICA')) return 'moica1';
  if (historical.includes('CHTGPKI')) return 'moica2';
  return 'unknown';
}

/** The historical bytes of an ATR (ISO/IEC 7816-3): after T0 and the interface bytes its TDs chain,
 * T0's low nibble of them; as Latin-1 text ('' when the ATR is too short for what it declares). */
export function historicalBytes(atrHex: string): string {
  const bytes = (atrHex.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));
  if (bytes.length < 2) return '';
  const count = bytes[1]! & 0x0f;
  let y = bytes[1]! >> 4;
  let at = 2;
  while (y) {
    for (let bit = 1; bit <= 4; bit <<= 1) if (y & bit) at++; // TA, TB, TC
    if (!(y & 8)) break;
    const td = bytes[at++];
    if (td === undefined) return '';
    y = td >> 4;
  }
  const out = bytes.slice(at, at + count);
  return out.length === count ? String.fromCharCode(...out) : '';
}

/** What the officer is told when the card is not a citizen certificate card. */
export const UNSUPPORTED_CARD_WORDS: Record<Exclude<CardKind, 'moica1' | 'moica2'>, Bilingual> = {
  nhi: {
    'zh-TW': '這是健保卡，請改插入自然人憑證卡',
    en: 'This is a National Health Insurance card; insert the citizen certificate (MOICA) card instead',
  },
  bank: {
    'zh-TW': '這是金融卡或信用卡，請改插入自然人憑證卡',
    en: 'This is a bank or credit card; insert the citizen certificate (MOICA) card instead',
  },
  unknown: {
    'zh-TW': '無法辨識此卡片，請確認插入的是自然人憑證卡',
    en: 'This card is not recognised; make sure it is the citizen certificate card',
  },
};
