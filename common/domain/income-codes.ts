// T50 income format codes (所得格式代號) and the Chinese names staff know them by. Names follow
// domain.md; keep this the only place they are written.
export const INCOME_FORMAT_NAMES: Record<string, { 'zh-TW': string; en: string }> = {
  '50': { 'zh-TW': '薪資所得', en: 'Salary' },
  '5A': { 'zh-TW': '金融業利息所得', en: 'Interest from financial institutions' },
  '5B': { 'zh-TW': '其他利息所得', en: 'Other interest' },
  '51': { 'zh-TW': '租賃所得', en: 'Rent' },
  '53': { 'zh-TW': '權利金所得', en: 'Royalties' },
  '54C': { 'zh-TW': '股利或盈餘所得', en: 'Dividends' },
  '71': { 'zh-TW': '營利所得', en: 'Business income' },
  '9A': { 'zh-TW': '執行業務所得', en: 'Professional practice income' },
  '9B': { 'zh-TW': '稿費等所得', en: 'Manuscript and similar fees' },
  '91': { 'zh-TW': '競技競賽及機會中獎獎金', en: 'Prizes' },
  '92': { 'zh-TW': '其他所得', en: 'Other income' },
  '93': { 'zh-TW': '退職所得', en: 'Retirement income' },
  '95A': { 'zh-TW': '政府補助款（一）', en: 'Government grants (A)' },
  '95B': { 'zh-TW': '政府補助款（二）', en: 'Government grants (B)' },
  '97': { 'zh-TW': '受贈所得', en: 'Gifts' },
};

export function incomeFormatName(code: string, lang: 'zh-TW' | 'en'): string {
  return INCOME_FORMAT_NAMES[code]?.[lang] ?? (lang === 'en' ? `Format ${code}` : `格式 ${code}`);
}
