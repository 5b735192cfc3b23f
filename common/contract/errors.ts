// Every error the main side may return to the renderer: a stable code and fixed wording in both
// languages. The renderer never builds its own error text; tests assert on the code.

import type { FieldIssue } from './field-problems';

export type Lang = 'zh-TW' | 'en';
export type Bilingual = Record<Lang, string>;

export const ERROR_MESSAGES = {
  VALIDATION: {
    'zh-TW': '請修正：{{detail}}',
    en: 'Please correct: {{detail}}',
  },
  UNKNOWN_CALL: { 'zh-TW': '不支援的操作：{{name}}', en: 'Unknown operation: {{name}}' },
  NOT_SIGNED_IN: { 'zh-TW': '請先登入', en: 'Please sign in first' },
  SESSION_LOCKED: {
    'zh-TW': '畫面已鎖定，請輸入密碼解除鎖定',
    en: 'The desk is locked; enter your password to unlock it',
  },
  FORBIDDEN: { 'zh-TW': '您的角色無權執行此操作', en: 'Your role is not allowed to do this' },
  SETUP_ALREADY_DONE: {
    'zh-TW': '初始設定已完成，無法再建立第一位管理者',
    en: 'First-run setup is already done; the first administrator cannot be created again',
  },
  SETUP_REQUIRED: { 'zh-TW': '請先完成初始設定', en: 'Complete the first-run setup first' },
  BAD_CREDENTIALS: { 'zh-TW': '員工編號或密碼錯誤', en: 'Wrong employee ID or password' },
  BAD_CREDENTIALS_LAST_TRY: {
    'zh-TW': '員工編號或密碼錯誤。再錯 1 次帳號將鎖定 {{minutes}} 分鐘',
    en: 'Wrong employee ID or password. One more failure locks the account for {{minutes}} minutes',
  },
  WRONG_CURRENT_PASSWORD: { 'zh-TW': '目前密碼不正確', en: 'The current password is wrong' },
  WRONG_CURRENT_PASSWORD_LAST_TRY: {
    'zh-TW': '目前密碼不正確。再錯 1 次帳號將鎖定 {{minutes}} 分鐘',
    en: 'The current password is wrong. One more failure locks the account for {{minutes}} minutes',
  },
  ACCOUNT_LOCKED: {
    'zh-TW': '密碼錯誤次數過多，帳號已鎖定，請於 {{minutes}} 分鐘後再試或洽資訊人員',
    en: 'Too many failed attempts: the account is locked; try again in {{minutes}} minutes or ask IT',
  },
  ACCOUNT_DISABLED: { 'zh-TW': '此帳號已停用，請洽資訊人員', en: 'This account is disabled; contact IT' },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-TW': '此密碼由資訊人員設定，請先以自己的帳號登入並變更密碼',
    en: 'This password was set by IT: sign in with your own account and change it first',
  },
  PASSWORD_REUSED: { 'zh-TW': '新密碼不可與目前密碼相同', en: 'The new password must differ from the current one' },
  WEAK_PASSWORD: {
    'zh-TW': '密碼至少 10 個字元，且須同時包含英文字母與數字',
    en: 'A password needs at least 10 characters with both letters and digits',
  },
  EMPLOYEE_EXISTS: { 'zh-TW': '員工編號 {{employeeId}} 已存在', en: 'Employee ID {{employeeId}} already exists' },
  STAFF_NOT_FOUND: { 'zh-TW': '找不到此員工', en: 'No such staff member' },
  GRANT_PENDING: {
    'zh-TW': '此帳號的主管或管理權限尚待另一位主管或資訊管理者確認，確認後才能使用',
    en: "This account's supervisor or administrator rights wait for another supervisor or administrator to confirm them",
  },
  GRANT_OWN: {
    'zh-TW': '不能確認自己提出或授予自己的權限，須由另一位主管或資訊管理者確認',
    en: 'You cannot confirm a grant you asked for or one given to you; another supervisor or administrator must',
  },
  GRANT_NOT_OPEN: { 'zh-TW': '此權限申請已處理', en: 'This grant has already been decided' },
  GRANT_NEEDS_SUPERVISOR: {
    'zh-TW': '首位主管的權限須由另一位主管確認',
    en: "The first supervisor's authority must be confirmed by another supervisor",
  },
  SELF_CHANGE: {
    'zh-TW': '不能停用自己的帳號或變更自己的角色，請由另一位資訊管理者處理',
    en: 'You cannot disable your own account or change your own role; ask another IT administrator',
  },
  NOT_ALLOWED_IN_PRODUCTION: {
    'zh-TW': '此測試功能僅於測試時脈模式可用',
    en: 'This test feature is only available with the test clock',
  },
  HOST_UNREACHABLE: {
    'zh-TW': '無法連線到桌面主程式，請確認程式仍在執行後重試',
    en: 'The desk service cannot be reached; check that it is still running and try again',
  },
  REQUEST_TOO_LARGE: {
    'zh-TW': '送出的資料太大，未處理；請縮小檔案後再試',
    en: 'What was sent is too large and was not processed; make the file smaller and try again',
  },
  CASE_STILL_OPEN: {
    'zh-TW': '此案件仍在處理中或資料尚可查看，不需重新建立',
    en: 'This case is still in progress or its data can still be read; no new case is needed',
  },
  CASE_NOT_FOUND: { 'zh-TW': '找不到此案件', en: 'No such case' },
  NOT_YOUR_CASE: {
    'zh-TW': '此案件非您經辦，無權查看',
    en: 'This case was prepared by someone else; you may not open it',
  },
  ILLEGAL_TRANSITION: {
    'zh-TW': '案件目前為「{{from}}」，無法變更為「{{to}}」',
    en: 'The case is "{{from}}" and cannot become "{{to}}"',
  },
  INELIGIBLE: { 'zh-TW': '不得申請：{{detail}}', en: 'Not allowed: {{detail}}' },
  INVALID_IDENTIFIER: { 'zh-TW': '{{field}}不正確：{{detail}}', en: '{{field}} is not valid: {{detail}}' },
  ENTERPRISE_REQUIRED: {
    'zh-TW': '企業負責人案件須填寫企業借款人的統一編號與名稱',
    en: "A responsible-person case needs the enterprise borrower's business number and name",
  },
  ENTERPRISE_NOT_ALLOWED: { 'zh-TW': '此角色不適用企業借款人資料', en: 'This role takes no enterprise borrower' },
  FILE_REJECTED: { 'zh-TW': '檔案「{{file}}」未匯入：{{detail}}', en: 'File "{{file}}" was not imported: {{detail}}' },
  PAGE_EDIT_REFUSED: { 'zh-TW': '頁面未調整：{{detail}}', en: 'The page was not changed: {{detail}}' },
  FORM_TYPE_UNKNOWN: {
    'zh-TW': '沒有這種授權書類型，請從清單中選擇',
    en: 'There is no such form type: choose one from the list',
  },
  PAGE_NOT_EDITABLE: {
    'zh-TW': '此頁為 PDF 檔，沒有可調整的原始影像；如需裁切或拉正，請重新拍攝或掃描',
    en: 'This page is a PDF with no original image to adjust; to crop or straighten it, photograph or scan it again',
  },
  PAGE_CHANGED: {
    'zh-TW': '這一頁剛被調整或移除，請重新開啟調整畫面',
    en: 'This page was just changed or removed: open the editor again',
  },
  TOO_MANY_PAGES: { 'zh-TW': '授權書最多 {{max}} 頁', en: 'An authorization form has at most {{max}} pages' },
  PAGES_CHANGED: {
    'zh-TW': '授權書頁面在您檢視後已變更，案件未核准；請重新檢視頁面後再決定',
    en: 'The form pages changed after you looked at them; nothing was approved. Look at the pages again, then decide',
  },
  SUBJECT_NEEDED: {
    'zh-TW': '此案件資料已刪除，不再保存客戶身分；請重新輸入客戶的身分證字號與姓名',
    en: "This case's data was purged and it no longer holds the customer's identity; type the customer's ID number and name again",
  },
  SUBJECT_MISMATCH: {
    'zh-TW': '輸入的身分證字號與原案件的客戶不符',
    en: "The ID number typed is not the original case's customer",
  },
  NO_PAGES: { 'zh-TW': '請先匯入已簽名的授權書', en: 'Import the signed authorization form first' },
  SIGNATURE_NOT_PAPER: {
    'zh-TW': '此案件保留了先前的自然人憑證簽章；改用紙本授權書前，請先移除該簽章',
    en: 'This case still holds an earlier card signature; remove it before using a paper form',
  },
  AUTH_DATES_INVALID: {
    'zh-TW': '授權期間不正確：{{detail}}',
    en: 'The authorization period is not valid: {{detail}}',
  },
  PREPARER_CANNOT_APPROVE: {
    'zh-TW': '經辦本人不得核准自己承辦的案件，請由另一位主管核准',
    en: 'The officer who prepared a case can never approve it; another supervisor must',
  },
  APPROVER_NOT_SUPERVISOR: {
    'zh-TW': '只有主管可以核准或退回案件',
    en: 'Only a supervisor can approve or send back a case',
  },
  DATA_UNREADABLE: {
    'zh-TW': '已存資料無法解密（{{what}}）：檔案可能遭更動或金鑰不符；資料未顯示也未送出，請洽資訊人員',
    en: 'Stored data could not be decrypted ({{what}}): the file may have been altered or the key does not match; nothing was shown or sent. Contact IT',
  },
  NO_RESULTS: { 'zh-TW': '此案件目前沒有可查看的資料', en: 'This case has no data to show' },
  SANDBOX_ONLY: { 'zh-TW': '此功能僅於訓練環境提供', en: 'This is only available in the training sandbox' },
  PIN_INCORRECT: {
    'zh-TW': 'PIN 碼錯誤，尚可再試 {{left}} 次',
    en: 'Wrong PIN: {{left}} tries left',
  },
  PIN_INCORRECT_NO_COUNT: {
    'zh-TW': 'PIN 碼錯誤；連續輸入錯誤將鎖住卡片',
    en: 'Wrong PIN; repeated wrong PINs block the card',
  },
  PIN_LOCKED: {
    'zh-TW': '此卡 PIN 碼已鎖住，無法簽章。請客戶持卡至戶政事務所辦理解鎖；本次請改用紙本授權書',
    en: "This card's PIN is blocked and cannot sign. The customer must take it to a household registration office; use a paper authorization this time",
  },
  PIN_FINAL_TRY: {
    'zh-TW': '這是最後一次機會：再輸入錯誤，卡片將被鎖住，須持卡至戶政事務所解鎖。請確認後再輸入',
    en: 'This is the last try: one more wrong PIN blocks the card, and only a household registration office can unblock it. Confirm, then type the PIN',
  },
  CARD_CHANGED: {
    'zh-TW': '簽章期間卡片已更換，已停止簽章，請重新讀取卡片',
    en: 'The card changed during signing; signing stopped. Read the card again',
  },
  CERTIFICATE_REFUSED: {
    'zh-TW': '卡片憑證未通過檢查，未簽章：{{detail}}',
    en: "The card's certificate failed its checks; nothing was signed: {{detail}}",
  },
  SCANNER_PROBLEM: {
    'zh-TW': '{{detail}}',
    en: '{{detail}}',
  },
  UPDATE_BUSY: {
    'zh-TW': '{{work}}進行中，現在不能安裝更新；請完成後再安裝，或選擇關閉時安裝',
    en: 'Cannot install the update while {{work}} is in progress: install it when that is done, or when the desk closes',
  },
  UPDATE_NOT_READY: {
    'zh-TW': '沒有已下載完成的更新可安裝',
    en: 'No downloaded update is ready to install',
  },
  QUALITY_GATE: {
    'zh-TW': '授權書未通過品質檢查，請重新擷取，或逐項說明理由後再送主管：{{detail}}',
    en: 'The form did not pass the quality check: capture it again, or give a reason for each finding, before sending it: {{detail}}',
  },
  FINDING_GONE: {
    'zh-TW': '這項檢查結果已不存在（頁面已變更），請重新整理後再試',
    en: 'That finding is no longer there (the pages changed): refresh and try again',
  },
  ESIGN_UNAVAILABLE: {
    'zh-TW': '此桌面無法使用電子授權（{{detail}}），請改用紙本授權書或洽資訊人員',
    en: 'Electronic authorization is not available on this desk ({{detail}}); use a paper form or contact IT',
  },
  ESIGN_NOT_NOW: {
    'zh-TW': '此案件目前無法以自然人憑證簽署（已有紙本頁面或已確認授權）',
    en: 'This case cannot be signed with a card now (it has paper pages, or its authorization is already confirmed)',
  },
  C3_CERTIFICATE_REFUSED: {
    'zh-TW': 'C3 憑證未通過檢查，未匯入：{{detail}}',
    en: 'The C3 certificate failed its checks; nothing was imported: {{detail}}',
  },
  C3_UNAVAILABLE: {
    'zh-TW': '此桌面尚未安裝 C3 憑證的簽發機構憑證，無法匯入 C3 授權；請通知資訊人員',
    en: 'No C3 issuing CA certificates are installed on this desk, so C3 authorizations cannot be imported; tell IT',
  },
  C3_VIDEO_REQUIRED: {
    'zh-TW': '此客戶首次申請 C3 憑證且帳戶類型需要視訊身分確認；完成視訊確認前不得使用此授權',
    en: 'This customer got a C3 certificate for the first time and their account type needs video identification; the authorization cannot be used before it is done',
  },
  C3_FILE_UNREADABLE: {
    'zh-TW': '「{{file}}」不是可讀取的 C3 簽章授權檔（CMS）；請向網路銀行重新下載',
    en: '"{{file}}" is not a readable signed C3 authorization (CMS); download it again from the online channel',
  },
  C3_SIGNATURE_INVALID: {
    'zh-TW': '「{{file}}」的簽章驗證失敗（內容可能遭竄改或毀損）；未匯入，請向網路銀行重新下載',
    en: 'The signature of "{{file}}" does not verify (its content may be altered or damaged); nothing was imported. Download it again from the online channel',
  },
  C3_DOCUMENT_MISMATCH: {
    'zh-TW': '簽章授權檔的內容與此案件不符：{{detail}}；未匯入',
    en: 'The signed authorization does not match this case: {{detail}}; nothing was imported',
  },
  NOT_TRAINING: {
    'zh-TW': '模擬卡片僅供訓練環境使用',
    en: 'Simulated cards exist only on a training desk',
  },
  ESIGN_DOCUMENT_CHANGED: {
    'zh-TW': '授權書內容在客戶閱讀後已變更，未簽章；請讓客戶重新閱讀',
    en: 'The authorization changed after the customer read it; nothing was signed. Let the customer read it again',
  },
  NO_CARD: { 'zh-TW': '請將自然人憑證卡插入讀卡機', en: 'Insert the citizen certificate card into the reader' },
  PIN_FORMAT: { 'zh-TW': 'PIN 碼須為 6 至 8 個字元', en: 'The PIN has 6 to 8 characters' },
  CARD_REMOVED: {
    'zh-TW': '卡片已被取出，請重新插入後再試一次',
    en: 'The card was removed; insert it again and try again',
  },
  TOKEN_NOT_FOUND: {
    'zh-TW': '簽章元件找不到讀卡機中的這張卡，請確認卡片已插好，或洽資訊人員',
    en: 'The signing module does not see the card in the reader; reseat it or contact IT',
  },
  PKCS11_MODULE_FAILED: {
    'zh-TW': '無法載入憑證卡簽章元件（{{path}}），請洽資訊人員',
    en: 'The card signing module ({{path}}) could not be loaded; contact IT',
  },
  SIGN_FAILED: {
    'zh-TW': '卡片簽章失敗（{{detail}}），請將卡片取出後重新插入再試',
    en: 'The card could not sign ({{detail}}); remove it, insert it again and try again',
  },
  SIGNER_TIMEOUT: {
    'zh-TW': '簽章元件沒有回應，已自動重新啟動，請再試一次',
    en: 'The signing component stopped responding and was restarted; try again',
  },
  INTERNAL: {
    'zh-TW': '系統發生錯誤，資料未遺失。請重試，若持續發生請洽資訊人員（代碼 {{ref}}）',
    en: 'Something went wrong; nothing was lost. Try again, and contact IT if it persists (ref {{ref}})',
  },
} as const satisfies Record<string, Bilingual>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface DeskErrorPayload {
  code: ErrorCode;
  message: Bilingual;
  /** For VALIDATION: which input fields are wrong, each with its label and problem in both languages. */
  fields?: FieldIssue[];
  /** The input a non-validation error is about (e.g. "validUntil"), for the screen to show it there. */
  at?: string;
}

export type MessageParam = string | number | Bilingual;

/** Fills a template's `{{name}}` slots with what `value` gives; a slot it has nothing for stays
 * visible, so a missing parameter is noticed in review. (Errors, field problems, case notes.) */
export function fillSlots(text: string, value: (key: string) => string | undefined): string {
  return text.replace(/\{\{(\w+)\}\}/g, (slot, key: string) => value(key) ?? slot);
}

/** An error's words in both languages (a bilingual parameter fills each language with its own text). */
export function renderMessage(code: ErrorCode, params: Record<string, MessageParam> = {}): Bilingual {
  const fill = (text: string, lang: Lang) =>
    fillSlots(text, (key) => {
      const value = params[key];
      if (value === undefined) return undefined;
      return typeof value === 'object' ? value[lang] : String(value);
    });
  const template = ERROR_MESSAGES[code];
  return { 'zh-TW': fill(template['zh-TW'], 'zh-TW'), en: fill(template.en, 'en') };
}
