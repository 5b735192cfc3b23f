// The case lifecycle as one explicit state machine. Main refuses any transition not listed here.
import type { Bilingual } from '../contract/errors';

export const CASE_STATES = [
  'draft',
  'authorization_captured',
  'awaiting_approval',
  'sent_back',
  'approved',
  'queued',
  'submitted',
  'under_review',
  'data_received',
  'rejected',
  'authorization_expired',
  'purged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TRANSITIONS: Record<CaseState, readonly CaseState[]> = {
  draft: ['authorization_captured'],
  authorization_captured: ['draft', 'awaiting_approval', 'authorization_expired'],
  // A supervisor's send-back (退回補件) is its own state: the officer changes the pages (back to a
  // draft), confirms the form again, or asks for approval again as it is.
  awaiting_approval: ['approved', 'sent_back', 'authorization_expired'],
  sent_back: ['draft', 'authorization_captured', 'awaiting_approval', 'authorization_expired'],
  approved: ['queued', 'authorization_expired'],
  queued: ['submitted', 'rejected', 'authorization_expired'],
  submitted: ['under_review', 'rejected', 'authorization_expired'],
  under_review: ['data_received', 'rejected', 'authorization_expired'],
  data_received: ['purged'],
  rejected: ['purged'],
  authorization_expired: ['purged'],
  purged: [],
};

export const canTransition = (from: CaseState, to: CaseState) => TRANSITIONS[from].includes(to);

export const STATE_LABELS: Record<CaseState, Bilingual> = {
  draft: { 'zh-TW': '草稿', en: 'Draft' },
  authorization_captured: { 'zh-TW': '已取得授權書', en: 'Authorization captured' },
  awaiting_approval: { 'zh-TW': '待主管核准', en: 'Awaiting approval' },
  sent_back: { 'zh-TW': '退回補件', en: 'Sent back' },
  approved: { 'zh-TW': '主管已核准', en: 'Approved' },
  queued: { 'zh-TW': '待送出', en: 'Queued' },
  submitted: { 'zh-TW': '已送出', en: 'Submitted' },
  under_review: { 'zh-TW': 'JCIC 審核中', en: 'Under JCIC review' },
  data_received: { 'zh-TW': '已收到資料', en: 'Data received' },
  rejected: { 'zh-TW': 'JCIC 退件', en: 'Rejected by JCIC' },
  authorization_expired: { 'zh-TW': '授權已逾期', en: 'Authorization expired' },
  purged: { 'zh-TW': '資料已刪除', en: 'Data purged' },
};
