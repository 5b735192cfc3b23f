// The authorization the customer signs with their card: one canonical document, the same bytes shown
// to the customer (in zh-TW, full size) and signed. Keys in a fixed order, no whitespace, so the
// desk, JCIC and an auditor get the same bytes from the same facts.
import type { Bilingual } from '../contract/errors';

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

export const AUTHORIZATION_DOCUMENT_VERSION = 1;

/** The bytes the card signs. */
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
  };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

/** What the customer reads before typing the PIN (the screen renders these lines, zh-TW first). */
export const AUTHORIZATION_WORDING: Bilingual = {
  'zh-TW':
    '本人 {{name}}（身分證字號 {{idNumber}}）同意 {{bank}} 透過財團法人金融聯合徵信中心，於 {{from}} 至 {{until}} 期間，為 {{purpose}} 之目的，查詢本人之 {{products}} 政府資料。',
  en: 'I, {{name}} (ID {{idNumber}}), authorize {{bank}} to obtain my government data ({{products}}) through the Joint Credit Information Center from {{from}} to {{until}}, for {{purpose}}.',
};
