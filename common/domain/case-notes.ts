// What the desk itself says about a case — the note on a history line, why the outbox is waiting,
// why JCIC turned a case down — stored as a code with parameters and put into words in the
// reader's language when shown. Text typed by people (a supervisor's reason) and text JCIC sent
// stay as they were written.
import type { Bilingual } from '../contract/errors';

export const CASE_NOTES = {
  pages_changed: { 'zh-TW': '授權書頁面已變更，須重新確認', en: 'The form pages changed and must be confirmed again' },
  approved_step_up: {
    'zh-TW': '主管於經辦端輸入帳號密碼核准',
    en: 'Approved by a supervisor signing in at the preparing desk',
  },
  queued: { 'zh-TW': '已排入 JCIC 送件佇列', en: 'Placed in the JCIC outbox' },
  authorization_lapsed: {
    'zh-TW': '授權有效期限（{{validUntil}}）已過，未送出',
    en: 'The authorization (valid until {{validUntil}}) lapsed before it was sent',
  },
  retention_ended: { 'zh-TW': '保存期限屆滿，資料已刪除', en: 'The retention window ended; the data was deleted' },
  jcic_refused: { 'zh-TW': 'JCIC 拒絕受理送件', en: 'JCIC refused the submission' },
  jcic_rejected: { 'zh-TW': 'JCIC 審核退件', en: 'Rejected in JCIC review' },
} as const satisfies Record<string, Bilingual>;
export type CaseNoteCode = keyof typeof CASE_NOTES;

/** Why a submission waits or stopped (the outbox); the technical detail is kept beside it for IT. */
export const OUTBOX_PROBLEMS = {
  unreachable: { 'zh-TW': '無法連線 JCIC，將自動重試', en: 'JCIC cannot be reached; the desk will try again' },
  answer_refused: {
    'zh-TW': 'JCIC 的回覆未通過本機檢查（{{code}}），將再詢問',
    en: "JCIC's answer failed the desk's checks ({{code}}); the desk will ask again",
  },
  refused: { 'zh-TW': 'JCIC 拒絕受理（{{code}}）', en: 'JCIC refused it ({{code}})' },
  authorization_expired: { 'zh-TW': '授權已逾期，未送出', en: 'The authorization expired; it was not sent' },
  not_sent_integrity: {
    'zh-TW': '授權書與主管核准時不符，未送出；請洽資訊人員',
    en: 'The form differs from what the supervisor approved; it was not sent. Contact IT',
  },
  case_moved_on: { 'zh-TW': '案件狀態已變更，未送出', en: 'The case moved on; it was not sent' },
  not_combined: {
    'zh-TW': '授權書尚未能合併為單一 PDF，將自動重試；持續發生請洽資訊人員',
    en: 'The form could not be made into one PDF yet; the desk will try again. Contact IT if this persists',
  },
  not_combinable: {
    'zh-TW': '授權書頁面無法合併為單一 PDF，未送出；請洽資訊人員',
    en: 'The form pages cannot be made into one PDF; it was not sent. Contact IT',
  },
  follow_failed: {
    'zh-TW': '查詢 JCIC 審核進度失敗，將再詢問',
    en: 'Asking JCIC about the review failed; the desk will ask again',
  },
} as const satisfies Record<string, Bilingual>;
export type OutboxProblemCode = keyof typeof OUTBOX_PROBLEMS;

/** The outbox's `last_problem` column: a code and its parameters as JSON. */
export const outboxProblem = (code: OutboxProblemCode, params: NoteParams = {}): string =>
  JSON.stringify({ code, params } satisfies Note<OutboxProblemCode>);

/** JCIC's rejection codes the desk knows (docs/jcic-message-contract.md); any other code is shown
 * with the text JCIC sent. */
export const JCIC_REJECTIONS = {
  'form-unreadable': {
    'zh-TW': '授權書影像無法辨識，請重新掃描',
    en: 'The authorization form image is unreadable; capture it again',
  },
  'signature-missing': { 'zh-TW': '授權書未見客戶簽名', en: "The customer's signature is missing from the form" },
  'purpose-not-allowed': {
    'zh-TW': '查詢目的或對象不符規定',
    en: 'The purpose or the subject is not allowed for this product',
  },
  'authorization-used': {
    'zh-TW': '此授權書已使用，單次授權不得重複查詢',
    en: 'This single-use authorization has already been used',
  },
  'authorization-expired': { 'zh-TW': '授權書已逾有效期間', en: 'The authorization is past its validity period' },
  'manual-rejection': { 'zh-TW': '審核人員退件', en: 'Rejected by the reviewer' },
  'signature-invalid': {
    'zh-TW': '電子授權書簽章無效',
    en: "The electronic authorization's signature is not valid",
  },
  'signer-untrusted': {
    'zh-TW': '簽章憑證無法追溯至信任的憑證機構',
    en: 'The signing certificate does not chain to a trusted authority',
  },
  'signed-outside-validity': {
    'zh-TW': '簽章時間不在憑證或授權的有效期間內',
    en: "The signature was made outside the certificate's or the authorization's validity",
  },
  'subject-mismatch': {
    'zh-TW': '簽章憑證不屬於受查詢人',
    en: 'The signing certificate does not belong to the person whose data is asked for',
  },
  'document-mismatch': {
    'zh-TW': '電子授權書內容與查詢申請不符',
    en: 'The signed authorization does not say what the request asks for',
  },
} as const satisfies Record<string, Bilingual>;

export type NoteParams = Record<string, string | number>;
export interface Note<C extends string = string> {
  code: C;
  params: NoteParams;
}

/** Notes written by versions before they were codes, recognised so old history reads the same. */
export function legacyNote(reason: string): Note<CaseNoteCode> | null {
  const fixed: Record<string, CaseNoteCode> = {
    'form pages changed': 'pages_changed',
    'approved at the preparing desk (step-up)': 'approved_step_up',
    'placed in the JCIC outbox': 'queued',
    'retention window ended': 'retention_ended',
  };
  if (fixed[reason]) return { code: fixed[reason], params: {} };
  const lapsed = /^authorization valid until (\d{4}-\d{2}-\d{2}) lapsed$/.exec(reason);
  if (lapsed) return { code: 'authorization_lapsed', params: { validUntil: lapsed[1]! } };
  return null;
}
