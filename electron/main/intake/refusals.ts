// Why a captured form is refused: one code per reason, with fixed wording in both languages. The
// intake worker answers with a code and its parameters; the desk, the UI and `desk import-check`
// all show the same sentence.
import type { Bilingual } from '../../../common/contract';
import { FORM_LIMITS } from '../../../common/domain/form-limits';

export type RefusalCode =
  | 'empty'
  | 'too-large'
  | 'unknown-type'
  | 'too-many-pages'
  | 'pdf-encrypted'
  | 'pdf-truncated'
  | 'pdf-damaged'
  | 'pdf-no-pages'
  | 'pdf-page-tree'
  | 'pdf-inflates-too-much'
  | 'pdf-unsupported-compression'
  | 'pdf-too-complex'
  | 'too-many-pixels'
  | 'image-truncated'
  | 'image-damaged'
  | 'low-resolution'
  | 'unreadable'
  | 'too-slow'
  | 'too-much-memory';

export type RefusalParams = Record<string, string | number>;

const MB = 1024 * 1024;

const WORDING: Record<RefusalCode, (p: RefusalParams) => Bilingual> = {
  empty: () => ({ 'zh-TW': '檔案是空的', en: 'the file is empty' }),
  'too-large': () => ({
    'zh-TW': `檔案超過 ${FORM_LIMITS.maxFileBytes / MB} MB`,
    en: `larger than ${FORM_LIMITS.maxFileBytes / MB} MB`,
  }),
  'unknown-type': () => ({
    'zh-TW': '不是 PDF、JPEG、PNG 或 TIFF 檔（依檔案內容判斷）',
    en: 'not a PDF, JPEG, PNG or TIFF file (judged by its content)',
  }),
  'too-many-pages': (p) => ({
    'zh-TW': `共 ${p.pages} 頁，超過本案件尚可加入的 ${p.room} 頁（授權書最多 ${FORM_LIMITS.maxPagesPerCase} 頁）`,
    en: `it has ${p.pages} pages, more than the ${p.room} this case can still take (a form has at most ${FORM_LIMITS.maxPagesPerCase})`,
  }),
  'pdf-encrypted': () => ({
    'zh-TW': 'PDF 有密碼保護，請提供未加密的檔案',
    en: 'the PDF is password-protected; provide it without a password',
  }),
  'pdf-truncated': () => ({
    'zh-TW': 'PDF 檔不完整（檔案被截斷），請重新匯出或掃描',
    en: 'the PDF is incomplete (the file was cut short); export or scan it again',
  }),
  'pdf-damaged': () => ({ 'zh-TW': 'PDF 檔已損毀或無法讀取', en: 'the PDF is damaged or unreadable' }),
  'pdf-no-pages': () => ({ 'zh-TW': 'PDF 沒有任何頁面', en: 'the PDF has no pages' }),
  'pdf-page-tree': () => ({
    'zh-TW': 'PDF 的頁面結構異常（頁面重複或循環），無法安全讀取',
    en: "the PDF's page structure is malformed (pages repeated or looping) and cannot be read safely",
  }),
  'pdf-inflates-too-much': (p) => ({
    'zh-TW': `PDF 內容解壓縮後超過 ${p.limitMb} MB 上限，疑似惡意檔案`,
    en: `the PDF's content unpacks to more than ${p.limitMb} MB; it looks hostile`,
  }),
  'pdf-unsupported-compression': () => ({
    'zh-TW': 'PDF 使用不支援的壓縮方式，請另存為一般 PDF 或改用影像檔',
    en: 'the PDF uses a compression the desk does not read; save it as a standard PDF or use an image',
  }),
  'pdf-too-complex': (p) => ({
    'zh-TW': `PDF 結構過於複雜（超過 ${p.objects} 個物件），請另存為一般 PDF 或改用影像檔`,
    en: `the PDF is too complex (over ${p.objects} objects); save it as a standard PDF or use an image`,
  }),
  'too-many-pixels': (p) => ({
    'zh-TW': `影像 ${p.width}×${p.height} 超過 ${FORM_LIMITS.maxPixels / 1_000_000} 百萬像素上限，請以較低解析度重新掃描`,
    en: `the image is ${p.width}×${p.height}, over ${FORM_LIMITS.maxPixels / 1_000_000} megapixels; scan it again at a lower resolution`,
  }),
  'image-truncated': () => ({
    'zh-TW': '影像檔不完整（資料不足或被截斷）',
    en: 'the image is incomplete (its data is missing or cut short)',
  }),
  'image-damaged': () => ({ 'zh-TW': '影像檔已損毀或無法讀取', en: 'the image is damaged or unreadable' }),
  'low-resolution': (p) => ({
    'zh-TW': `影像解析度太低（${p.width}×${p.height}），JCIC 可能無法辨識，請以至少 ${FORM_LIMITS.minSide} 像素重新擷取`,
    en: `resolution too low (${p.width}×${p.height}) for JCIC to read; capture it again at ${FORM_LIMITS.minSide} pixels or more`,
  }),
  unreadable: () => ({ 'zh-TW': '檔案無法讀取', en: 'the file cannot be read' }),
  'too-slow': (p) => ({
    'zh-TW': `檔案檢查超過 ${p.seconds} 秒仍未完成，已停止；請重新匯出或掃描`,
    en: `checking the file took over ${p.seconds} s and was stopped; export or scan it again`,
  }),
  'too-much-memory': () => ({
    'zh-TW': '檔案檢查所需記憶體超過上限，已停止；疑似惡意或異常檔案',
    en: 'checking the file needed more memory than allowed and was stopped; the file looks hostile or malformed',
  }),
};

export function refusalText(code: RefusalCode, params: RefusalParams = {}): Bilingual {
  return WORDING[code](params);
}

export const REFUSAL_CODES = Object.keys(WORDING) as RefusalCode[];
