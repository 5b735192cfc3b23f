// The authorization the customer signs with their card: one canonical document, the same bytes shown
// to the customer (in zh-TW, full size) and signed. Keys in a fixed order, no whitespace, so the
// desk, JCIC and an auditor get the same bytes from the same facts.
import { fillSlots, type Bilingual } from '../contract/errors';
import { dateTimeShort, rocDate } from '../format';
import { PURPOSE_LABELS, ROLE_LABELS } from './eligibility';
import { PRODUCTS } from './products';

export interface AuthorizationFacts {
  caseId: number;
  subjectIdNumber: string;
  subjectName: string;
  /** borrower / guarantor / responsible person (the case's role code). */
  role: string;
  purpose: string;
  products: string[];
  /** The authorization's validity, Taiwan calendar days (YYYY-MM-DD). */
  validFrom: string;
  validUntil: string;
  bankCode: string;
  branchCode: string;
  /** When the document was made (the desk's clock), ISO 8601. */
  issuedAt: string;
  deskId: string;
}

/** 2: the words the customer read are in the signed bytes (1 had the facts only). */
export const AUTHORIZATION_DOCUMENT_VERSION = 2;

/** The bytes the card signs: the facts, and the zh-TW words the customer reads on the screen (so
 * what was signed is literally what was shown; the screen takes them from these bytes). */
export function authorizationDocument(facts: AuthorizationFacts): Buffer {
  const ordered = {
    version: AUTHORIZATION_DOCUMENT_VERSION,
    type: 'jcic-government-data-authorization',
    caseId: facts.caseId,
    subject: { idNumber: facts.subjectIdNumber, name: facts.subjectName.normalize('NFC') },
    role: facts.role,
    purpose: facts.purpose,
    products: [...facts.products].sort(),
    validity: { from: facts.validFrom, until: facts.validUntil },
    bank: { bankCode: facts.bankCode, branchCode: facts.branchCode },
    issuedAt: facts.issuedAt,
    deskId: facts.deskId,
    wording: authorizationText(facts, 'zh-TW'),
  };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

/** What the customer reads before typing the PIN: the same facts as the signed bytes, in words
 * (purpose, role and products by name; dates in the ROC calendar with the Gregorian beside them). */
export function authorizationText(facts: AuthorizationFacts, lang: 'zh-TW' | 'en'): string {
  const label = <K extends string>(labels: Record<K, Bilingual>, code: string) => labels[code as K]?.[lang] ?? code;
  const day = (iso: string) => (lang === 'en' ? iso : `${rocDate(iso)}（${iso}）`);
  const products = [...facts.products]
    .sort()
    .map((code) => `${code} ${label(PRODUCT_NAMES, code)}`)
    .join(lang === 'en' ? '; ' : '、');
  const slots: Record<string, string> = {
    name: facts.subjectName.normalize('NFC'),
    idNumber: facts.subjectIdNumber,
    role: label(ROLE_LABELS, facts.role),
    bank: facts.bankCode,
    branch: facts.branchCode,
    from: day(facts.validFrom),
    until: day(facts.validUntil),
    purpose: label(PURPOSE_LABELS, facts.purpose),
    products,
    caseId: String(facts.caseId),
    issuedAt: dateTimeShort(facts.issuedAt),
  };
  return fillSlots(AUTHORIZATION_WORDING[lang], (key) => slots[key]);
}

const PRODUCT_NAMES = Object.fromEntries(Object.values(PRODUCTS).map((p) => [p.code, p.name])) as Record<
  string,
  Bilingual
>;

export const AUTHORIZATION_WORDING: Bilingual = {
  'zh-TW': [
    '本人 {{name}}（身分證字號 {{idNumber}}），以{{role}}身分，',
    '同意銀行代號 {{bank}}、分行代號 {{branch}} 之金融機構，透過財團法人金融聯合徵信中心，',
    '為「{{purpose}}」之目的，查詢本人下列政府資料：',
    '{{products}}',
    '授權期間：{{from}} 至 {{until}}。',
    '',
    '案件編號 {{caseId}}；本授權書由本人以自然人憑證簽章，製作時間 {{issuedAt}}。',
  ].join('\n'),
  en: [
    'I, {{name}} (ID {{idNumber}}), as {{role}},',
    'authorize the bank with code {{bank}}, branch {{branch}}, to obtain through the Joint Credit Information Center,',
    'for the purpose "{{purpose}}", my government data:',
    '{{products}}',
    'Valid from {{from}} to {{until}}.',
    '',
    'Case {{caseId}}; signed by me with my citizen certificate card; made at {{issuedAt}}.',
  ].join('\n'),
};
