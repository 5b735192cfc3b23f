// What a scanner's failure is called where the officer sees it, one fixed message each (the scanner's
// own words stay in the detail for IT).
import type { Bilingual } from '../contract/errors';

export type ScannerProblem =
  | 'jammed'
  | 'no_paper'
  | 'cover_open'
  | 'busy'
  | 'not_found'
  | 'failed'
  | 'unavailable'
  | 'cancelled'
  | 'too_many_pages'
  | 'page_too_large';

export const SCANNER_PROBLEMS: Record<ScannerProblem, Bilingual> = {
  jammed: {
    'zh-TW': '掃描器卡紙，請取出卡住的紙張後重新掃描',
    en: 'The scanner is jammed: clear the paper and scan again',
  },
  no_paper: {
    'zh-TW': '進紙匣沒有紙，請放入授權書後重新掃描',
    en: 'The document feeder is empty: put the form in and scan again',
  },
  cover_open: { 'zh-TW': '掃描器上蓋未關，請蓋好後重新掃描', en: 'The scanner cover is open: close it and scan again' },
  busy: {
    'zh-TW': '掃描器正由其他程式使用中，請稍候再試',
    en: 'The scanner is busy with another program: try again in a moment',
  },
  not_found: {
    'zh-TW': '找不到這台掃描器，請確認已開機並連線',
    en: 'This scanner was not found: check it is on and connected',
  },
  failed: {
    'zh-TW': '掃描失敗，請重新掃描；仍失敗請通知資訊人員',
    en: 'The scan failed: scan again, and tell IT if it fails again',
  },
  cancelled: {
    'zh-TW': '已取消掃描，這次掃描的頁面都未匯入',
    en: 'The scan was cancelled: none of its pages were imported',
  },
  too_many_pages: {
    'zh-TW': '放入的紙張超過本案件尚可加入的頁數，這次掃描的頁面都未匯入；請先刪除多餘頁面或減少紙張後重新掃描',
    en: 'More sheets were fed than this case can still take, so none were imported: remove pages or feed fewer sheets and scan again',
  },
  page_too_large: {
    'zh-TW': '掃描的頁面檔案過大，這次掃描的頁面都未匯入；請改用 300 dpi 以下的解析度重新掃描',
    en: 'A scanned page came out too large, so none were imported: scan again at 300 dpi or less',
  },
  unavailable: {
    'zh-TW': '此電腦無法使用掃描程式（Linux 的 SANE、Windows 的 WIA），請通知資訊人員，或改用檔案匯入',
    en: 'No scanning software (SANE on Linux, WIA on Windows) works on this PC: tell IT, or import a file instead',
  },
};
