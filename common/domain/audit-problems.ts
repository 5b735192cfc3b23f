// What an audit-trail verification can find, in both languages: the screen and `desk audit verify`
// say the same.
import type { Bilingual } from '../contract/errors';

export const AUDIT_PROBLEMS = [
  'chain-broken',
  'mac-mismatch',
  'unsigned-after-signed',
  'clock-back',
  'truncated',
  'wiped',
  'anchor-missing',
  'anchor-altered',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEMS)[number];

export const AUDIT_PROBLEM_LABELS: Record<AuditProblemKind, Bilingual> = {
  'chain-broken': {
    'zh-TW': '雜湊鏈中斷：此筆或前一筆遭修改，或其間紀錄遭刪除',
    en: 'Hash chain broken: this entry or the one before was changed, or entries between were removed',
  },
  'mac-mismatch': {
    'zh-TW': '簽章不符：此筆不是由本桌面的金鑰簽署',
    en: "MAC mismatch: this entry was not signed with this desk's key",
  },
  'unsigned-after-signed': {
    'zh-TW': '軌跡已簽署後出現無簽章的紀錄（遭插入或重寫）',
    en: 'An unsigned entry after the trail was signed (inserted or rewritten)',
  },
  'clock-back': {
    'zh-TW': '時間倒退：此筆時間早於前一筆，且非桌面自行記錄的時鐘回撥',
    en: 'Time went back: this entry is dated before the one before it, and the desk did not record a clock change',
  },
  truncated: { 'zh-TW': '軌跡遭截斷：最新的紀錄被刪除', en: 'Trail cut short: the newest entries were removed' },
  wiped: { 'zh-TW': '軌跡遭清空：所有紀錄都被刪除', en: 'Trail wiped: every entry was removed' },
  'anchor-missing': {
    'zh-TW': '軌跡錨點遺失：資料庫外保存的最新紀錄資訊被刪除',
    en: 'Anchor missing: the record of the newest entry kept outside the database is gone',
  },
  'anchor-altered': { 'zh-TW': '軌跡錨點遭竄改：其簽章不符', en: "Anchor altered: it does not carry this desk's MAC" },
};
