// Validators for the identifiers a branch officer types in (rules: shared/domain.md "Identifiers").
// Pure functions: used by the UI for immediate feedback and by the main side, which is the authority.

export type IdentifierKind =
  | 'national-id' // 身分證字號
  | 'resident-new' // 統一證號 (2021 format)
  | 'resident-old' // 統一證號 (old format, valid until 2031-01-01)
  | 'business-number' // 統一編號
  | 'unknown';

export type IdentifierProblem =
  | 'format' // does not have the shape of any known identifier
  | 'checksum' // right shape, wrong check digit
  | 'expired-format'; // old resident format after 2031-01-01

export interface IdentifierVerdict {
  kind: IdentifierKind;
  valid: boolean;
  /** The identifier normalised (trimmed, upper case). */
  value: string;
  problem?: IdentifierProblem;
}

/** The old resident-certificate format stops being valid on this day (domain.md). */
export const OLD_RESIDENT_FORMAT_END = '2031-01-01';

const LETTER_VALUES: Record<string, number> = {
  A: 10,
  B: 11,
  C: 12,
  D: 13,
  E: 14,
  F: 15,
  G: 16,
  H: 17,
  I: 34,
  J: 18,
  K: 19,
  L: 20,
  M: 21,
  N: 22,
  O: 35,
  P: 23,
  Q: 24,
  R: 25,
  S: 26,
  T: 27,
  U: 28,
  V: 29,
  W: 32,
  X: 30,
  Y: 31,
  Z: 33,
};

const PERSONAL_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 1];

/** Checksum shared by the national ID and both resident formats: `second` is the digit after the letter. */
function personalChecksumOk(firstLetter: string, second: number, rest: string): boolean {
  const letterValue = LETTER_VALUES[firstLetter];
  if (letterValue === undefined) return false;
  const digits = [second, ...rest.split('').map(Number)]; // 9 digits: 8 weighted + check digit
  let sum = Math.floor(letterValue / 10) * 1 + (letterValue % 10) * 9;
  for (let i = 0; i < 8; i++) sum += digits[i]! * PERSONAL_WEIGHTS[i]!;
  sum += digits[8]!;
  return sum % 10 === 0;
}

function normalise(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Classifies and validates any identifier the desk accepts. `today` is an ISO date (YYYY-MM-DD). */
export function checkIdentifier(raw: string, today: string): IdentifierVerdict {
  const value = normalise(raw);
  if (/^[A-Z][12]\d{8}$/.test(value)) {
    return verdict('national-id', value, personalChecksumOk(value[0]!, Number(value[1]), value.slice(2)));
  }
  if (/^[A-Z][89]\d{8}$/.test(value)) {
    return verdict('resident-new', value, personalChecksumOk(value[0]!, Number(value[1]), value.slice(2)));
  }
  if (/^[A-Z][A-D]\d{8}$/.test(value)) {
    // Old format: the second letter's value mod 10 stands in for the gender digit.
    const second = LETTER_VALUES[value[1]!]! % 10;
    const ok = personalChecksumOk(value[0]!, second, value.slice(2));
    if (ok && today >= OLD_RESIDENT_FORMAT_END) {
      return { kind: 'resident-old', valid: false, value, problem: 'expired-format' };
    }
    return verdict('resident-old', value, ok);
  }
  if (/^\d{8}$/.test(value)) return verdict('business-number', value, businessNumberOk(value));
  return { kind: 'unknown', valid: false, value, problem: 'format' };
}

function verdict(kind: IdentifierKind, value: string, ok: boolean): IdentifierVerdict {
  return ok ? { kind, valid: true, value } : { kind, valid: false, value, problem: 'checksum' };
}

const BUSINESS_WEIGHTS = [1, 2, 1, 2, 1, 2, 4, 1];

/** 統一編號: digit sums of weighted products ≡ 0 (mod 5); a 7th digit of 7 also allows sum + 1. */
export function businessNumberOk(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const product = Number(value[i]) * BUSINESS_WEIGHTS[i]!;
    sum += Math.floor(product / 10) + (product % 10);
  }
  if (sum % 5 === 0) return true;
  return value[6] === '7' && (sum + 1) % 5 === 0;
}

/** True for identifiers that name a natural person (national ID or resident certificate). */
export function isPersonKind(kind: IdentifierKind): boolean {
  return kind === 'national-id' || kind === 'resident-new' || kind === 'resident-old';
}

export const IDENTIFIER_KIND_LABELS: Record<IdentifierKind, { 'zh-TW': string; en: string }> = {
  'national-id': { 'zh-TW': '身分證字號', en: 'National ID number' },
  'resident-new': { 'zh-TW': '統一證號（新式）', en: 'Resident certificate number (new format)' },
  'resident-old': { 'zh-TW': '統一證號（舊式）', en: 'Resident certificate number (old format)' },
  'business-number': { 'zh-TW': '統一編號', en: 'Unified business number' },
  unknown: { 'zh-TW': '無法辨識', en: 'Unrecognised' },
};

export const IDENTIFIER_PROBLEM_LABELS: Record<IdentifierProblem, { 'zh-TW': string; en: string }> = {
  format: {
    'zh-TW': '格式不符：身分證字號為 1 個英文字母加 9 位數字；統一編號為 8 位數字',
    en: 'Unrecognised format: a national ID is one letter and 9 digits; a business number is 8 digits',
  },
  checksum: { 'zh-TW': '檢查碼錯誤，請再核對一次', en: 'The check digit is wrong; please check the number again' },
  'expired-format': {
    'zh-TW': '舊式統一證號自 2031-01-01 起失效，請改用新式統一證號',
    en: 'Old-format resident certificate numbers are no longer valid from 2031-01-01; use the new number',
  },
};

/** A12****789: the bank's usual mask for an ID on screen and on paper (the desk, the sandbox). */
export const maskId = (id: string) => (id.length > 6 ? `${id.slice(0, 3)}****${id.slice(-3)}` : '****');
