// JCIC product catalogue (domain.md "Products"). Ended products stay listed: old cases and audit
// history refer to them, but they can never be requested.
import type { Bilingual } from '../contract/errors';

export const PRODUCT_CODES = ['T50', 'T51', 'T52', 'T53', 'T54'] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];
/** The products a case may request today. */
export const LIVE_PRODUCTS = ['T50', 'T51', 'T52'] as const;
export type LiveProduct = (typeof LIVE_PRODUCTS)[number];

export interface ProductInfo {
  code: ProductCode;
  name: Bilingual;
  agency: Bilingual;
  /** single: one query per authorization; multi: several within its validity. */
  use: 'single' | 'multi';
  /** First day the product could no longer be requested (ISO), or null while live. */
  endedOn: string | null;
}

export const PRODUCTS: Record<ProductCode, ProductInfo> = {
  T50: {
    code: 'T50',
    name: { 'zh-TW': '個人最新年度所得資料', en: 'Latest-year income' },
    agency: { 'zh-TW': '財政部財政資訊中心', en: 'MOF Fiscal Information Agency' },
    use: 'single',
    endedOn: null,
  },
  T51: {
    code: 'T51',
    name: { 'zh-TW': '個人財產資料', en: 'Property' },
    agency: { 'zh-TW': '財政部財政資訊中心', en: 'MOF Fiscal Information Agency' },
    use: 'single',
    endedOn: null,
  },
  T52: {
    code: 'T52',
    name: { 'zh-TW': '職業投保資料', en: 'Labour insurance records' },
    agency: { 'zh-TW': '勞動部勞工保險局', en: 'Bureau of Labor Insurance' },
    use: 'single',
    endedOn: null,
  },
  T53: {
    code: 'T53',
    name: { 'zh-TW': '駕籍資料', en: 'Driver licence' },
    agency: { 'zh-TW': '交通部公路局', en: 'Directorate General of Highways' },
    use: 'multi',
    endedOn: '2022-10-01',
  },
  T54: {
    code: 'T54',
    name: { 'zh-TW': '車籍資料', en: 'Vehicle registration' },
    agency: { 'zh-TW': '交通部公路局', en: 'Directorate General of Highways' },
    use: 'multi',
    endedOn: '2022-10-01',
  },
};

export const isLiveProduct = (code: string): code is LiveProduct => (LIVE_PRODUCTS as readonly string[]).includes(code);
