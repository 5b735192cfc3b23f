// What the certificate checks say, in fixed words: the same for the supervisor's screen, the audit
// trail and `desk verify-cert`. A check is a code, an outcome and parameters; the words are here.
import type { Bilingual } from '../contract/errors';

export const CERT_CHECK_NAMES = {
  chain: { 'zh-TW': '憑證鏈', en: 'Certificate chain' },
  validity: { 'zh-TW': '有效期間', en: 'Validity period' },
  ca: { 'zh-TW': '憑證機構限制', en: 'CA constraints' },
  key_usage: { 'zh-TW': '金鑰用途', en: 'Key usage' },
  policy: { 'zh-TW': '憑證政策', en: 'Certificate policy' },
  holder_type: { 'zh-TW': '憑證類別', en: 'Holder type' },
  id_last_four: { 'zh-TW': '身分證末四碼', en: 'Last four of the ID' },
  id_number: { 'zh-TW': '身分證字號', en: 'ID number' },
  name: { 'zh-TW': '姓名', en: 'Name' },
  revocation: { 'zh-TW': '廢止狀態', en: 'Revocation' },
  ca_revocation: { 'zh-TW': '憑證機構廢止狀態', en: 'CA revocation' },
} as const satisfies Record<string, Bilingual>;
export type CertCheckId = keyof typeof CERT_CHECK_NAMES;

export type CertCheckOutcome = 'pass' | 'fail' | 'warn' | 'not_applicable';

/** Why a check came out as it did; slots are filled from the check's parameters. */
export const CERT_CHECK_WORDS = {
  chain_ok: { 'zh-TW': '可追溯至信任根憑證：{{path}}', en: 'Chains to a trust anchor: {{path}}' },
  chain_no_issuer: {
    'zh-TW': '找不到簽發此憑證的憑證機構（{{issuer}}）',
    en: 'No certificate authority that issued this certificate was found ({{issuer}})',
  },
  chain_signature: {
    'zh-TW': '憑證簽章與同名憑證機構的金鑰不符',
    en: "The certificate's signature does not verify with any authority of that name",
  },
  chain_untrusted: {
    'zh-TW': '憑證鏈止於未安裝的根憑證（{{root}}）',
    en: 'The chain ends at a root that is not installed as a trust anchor ({{root}})',
  },
  no_anchors: {
    'zh-TW': '尚未安裝信任根憑證，無法使用電子授權',
    en: 'No trust anchors are installed, so electronic authorization is unavailable',
  },
  valid_at: { 'zh-TW': '於 {{at}} 皆在有效期間內', en: 'All within their validity on {{at}}' },
  expired: {
    'zh-TW': '{{subject}} 已於 {{until}} 到期',
    en: '{{subject}} expired on {{until}}',
  },
  not_yet_valid: {
    'zh-TW': '{{subject}} 自 {{from}} 起才生效',
    en: '{{subject}} is not valid before {{from}}',
  },
  ca_ok: { 'zh-TW': '中繼憑證機構皆可簽發憑證', en: 'Every intermediate may issue certificates' },
  ca_not_ca: {
    'zh-TW': '{{subject}} 不是憑證機構，卻簽發了憑證',
    en: '{{subject}} is not a certificate authority but issued a certificate',
  },
  ca_path_length: {
    'zh-TW': '{{subject}} 的路徑長度限制不允許此憑證鏈',
    en: "{{subject}}'s path length limit does not allow this chain",
  },
  signing_key: { 'zh-TW': '可用於數位簽章', en: 'May make digital signatures' },
  not_signing_key: {
    'zh-TW': '此憑證不可用於數位簽章（可能是加密用憑證）',
    en: 'This certificate may not make digital signatures (it may be the encryption certificate)',
  },
  citizen_policy: { 'zh-TW': '自然人憑證政策', en: 'The citizen certificate policy' },
  other_policy: {
    'zh-TW': '未標示自然人憑證政策（{{policies}}）',
    en: 'The citizen certificate policy is not listed ({{policies}})',
  },
  natural_person: { 'zh-TW': '自然人', en: 'A natural person' },
  not_natural_person: {
    'zh-TW': '不是自然人憑證（類別 {{type}}）',
    en: 'Not a natural person’s certificate (type {{type}})',
  },
  ca_certificate: { 'zh-TW': '憑證機構憑證，不適用', en: 'A CA certificate: does not apply' },
  no_subject: { 'zh-TW': '未指定客戶，未比對', en: 'No customer given: not compared' },
  last_four_ok: { 'zh-TW': '與客戶身分證末四碼相符（{{lastFour}}）', en: "Matches the customer's ID ({{lastFour}})" },
  last_four_mismatch: {
    'zh-TW': '憑證的身分證末四碼（{{lastFour}}）與客戶不符：這不是客戶本人的卡',
    en: "The certificate's ID ends in {{lastFour}}, not the customer's: this is not the customer's card",
  },
  last_four_missing: {
    'zh-TW': '憑證沒有身分證末四碼，無法確認持卡人',
    en: 'The certificate carries no ID digits, so the holder cannot be confirmed',
  },
  c3_certificate: { 'zh-TW': '軟體憑證（C3），不適用', en: 'A C3 software certificate: does not apply' },
  id_number_ok: { 'zh-TW': '與客戶身分證字號相符', en: "Matches the customer's ID number" },
  id_number_mismatch: {
    'zh-TW': '憑證的身分證字號與客戶不符：這不是客戶本人的憑證',
    en: "The certificate's ID number is not the customer's: this is not the customer's certificate",
  },
  id_number_missing: {
    'zh-TW': '憑證沒有身分證字號，無法確認持有人',
    en: 'The certificate carries no ID number, so the holder cannot be confirmed',
  },
  name_ok: { 'zh-TW': '與客戶姓名相符（{{name}}）', en: "Matches the customer's name ({{name}})" },
  name_mismatch: {
    'zh-TW': '憑證姓名（{{name}}）與客戶姓名不符：這不是客戶本人的卡',
    en: "The certificate's name ({{name}}) is not the customer's: this is not the customer's card",
  },
  revocation_valid: { 'zh-TW': '有效（未廢止），依據 {{source}}', en: 'Valid (not revoked), from {{source}}' },
  revocation_revoked: { 'zh-TW': '已廢止（{{date}}）', en: 'Revoked on {{date}}' },
  revocation_unknown: {
    'zh-TW': '無法確認是否廢止：{{why}}',
    en: 'Revocation could not be checked: {{why}}',
  },
  revocation_not_checked: { 'zh-TW': '未檢查', en: 'Not checked' },
  ca_revocation_valid: {
    'zh-TW': '憑證鏈中的憑證機構皆未廢止，依據 {{source}}',
    en: 'No certificate authority in the chain is revoked, from {{source}}',
  },
  ca_revocation_revoked: {
    'zh-TW': '{{subject}} 的憑證已於 {{date}} 廢止：其簽發的憑證皆不可信',
    en: "{{subject}}'s certificate was revoked on {{date}}: nothing it issued can be trusted",
  },
  ca_revocation_unknown: {
    'zh-TW': '無法確認 {{subject}} 是否廢止：{{why}}',
    en: 'Whether {{subject}} is revoked could not be checked: {{why}}',
  },
  ca_revocation_no_address: {
    'zh-TW': '憑證機構的憑證未載明廢止清冊位址，未檢查',
    en: "The certificate authorities' certificates name no revocation list: not checked",
  },
} as const satisfies Record<string, Bilingual>;
export type CertCheckWord = keyof typeof CERT_CHECK_WORDS;

/** Why revocation could not be checked (the {{why}} of revocation_unknown). */
export const REVOCATION_UNKNOWN_WHY = {
  no_source: { 'zh-TW': '憑證未提供查詢位址', en: 'the certificate names no CRL or OCSP address' },
  unreachable: { 'zh-TW': '無法連線查詢服務', en: 'the revocation service could not be reached' },
  bad_answer: { 'zh-TW': '查詢服務的回覆無法驗證', en: "the revocation service's answer could not be verified" },
  stale: { 'zh-TW': '廢止清冊已過期', en: 'the revocation list is out of date' },
  responder_unknown: { 'zh-TW': '查詢服務不認得此憑證', en: 'the responder does not know this certificate' },
} as const satisfies Record<string, Bilingual>;
export type RevocationUnknownWhy = keyof typeof REVOCATION_UNKNOWN_WHY;

export const CERT_VERDICTS = {
  valid: { 'zh-TW': '憑證有效', en: 'The certificate is valid' },
  invalid: { 'zh-TW': '憑證無效', en: 'The certificate is not valid' },
} as const satisfies Record<string, Bilingual>;

/** One check's words in one language, its slots filled (a revocation reason in words too). */
export function certCheckText(
  check: { word: CertCheckWord; params: Record<string, string> },
  lang: 'zh-TW' | 'en',
): string {
  return certCheckParts(check, lang)
    .map((p) => p.text)
    .join('');
}

/** The same words in parts, each filled slot marked as data (a certificate's own names, which a
 * screen marks with their language rather than translating). */
export function certCheckParts(
  check: { word: CertCheckWord; params: Record<string, string> },
  lang: 'zh-TW' | 'en',
): { text: string; data: boolean }[] {
  const parts: { text: string; data: boolean }[] = [];
  const template = CERT_CHECK_WORDS[check.word][lang];
  let at = 0;
  for (const m of template.matchAll(/\{\{(\w+)\}\}/g)) {
    parts.push({ text: template.slice(at, m.index), data: false });
    const key = m[1]!;
    const value = check.params[key];
    if (key === 'why' && value && value in REVOCATION_UNKNOWN_WHY)
      parts.push({ text: REVOCATION_UNKNOWN_WHY[value as RevocationUnknownWhy][lang], data: false });
    else parts.push({ text: value ?? m[0], data: value !== undefined });
    at = m.index + m[0].length;
  }
  parts.push({ text: template.slice(at), data: false });
  return parts.filter((p) => p.text !== '');
}
