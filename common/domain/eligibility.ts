// Who may be queried, for what purpose, for which product, since when (domain.md). One table,
// used by the UI (to explain why an option is unavailable) and by the main side (to refuse it).
import type { Bilingual } from '../contract/errors';
import { PRODUCTS, type ProductCode } from './products';

export const PURPOSES = ['credit', 'credit_card', 'aml_compliance', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const SUBJECT_ROLES = ['borrower', 'guarantor', 'responsible_person', 'applicant'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export const PURPOSE_LABELS: Record<Purpose, Bilingual> = {
  credit: { 'zh-TW': '授信', en: 'Credit (loans)' },
  credit_card: { 'zh-TW': '信用卡業務', en: 'Credit card business' },
  aml_compliance: { 'zh-TW': '洗錢防制／法令遵循', en: 'Anti-money-laundering / compliance' },
  other: { 'zh-TW': '其他目的', en: 'Any other purpose' },
};

export const ROLE_LABELS: Record<SubjectRole, Bilingual> = {
  borrower: { 'zh-TW': '借款人', en: 'Borrower' },
  guarantor: { 'zh-TW': '保證人', en: 'Guarantor' },
  responsible_person: { 'zh-TW': '企業負責人', en: 'Responsible person of an enterprise borrower' },
  applicant: { 'zh-TW': '信用卡申請人', en: 'Credit card applicant' },
};

interface Rule {
  purpose: Purpose;
  role: SubjectRole;
  products: readonly ProductCode[];
  /** First day the rule applies (ISO date). */
  since: string;
}

/** The whole policy. Purposes without a row (AML, compliance, other) are never allowed. */
export const ELIGIBILITY_RULES: readonly Rule[] = [
  { purpose: 'credit', role: 'borrower', products: ['T50', 'T51', 'T52'], since: '2020-01-15' },
  { purpose: 'credit', role: 'guarantor', products: ['T50', 'T51'], since: '2024-04-01' },
  { purpose: 'credit', role: 'responsible_person', products: ['T50', 'T51'], since: '2024-04-01' },
  { purpose: 'credit_card', role: 'applicant', products: ['T50', 'T51'], since: '2023-11-01' },
];

export type IneligibleReason =
  'product-ended' | 'purpose-never-allowed' | 'role-not-for-purpose' | 'not-yet-effective' | 'product-not-for-role';

export type Eligibility = { allowed: true } | { allowed: false; reason: IneligibleReason; message: Bilingual };

export function checkEligibility(purpose: Purpose, role: SubjectRole, product: ProductCode, date: string): Eligibility {
  const info = PRODUCTS[product];
  if (info.endedOn && date >= info.endedOn) {
    return no('product-ended', {
      'zh-TW': `${product} ${info.name['zh-TW']}已於 ${info.endedOn.slice(0, 7)} 停止服務，不得申請`,
      en: `${product} ${info.name.en} ended in ${info.endedOn.slice(0, 7)} and cannot be requested`,
    });
  }
  const forPurpose = ELIGIBILITY_RULES.filter((r) => r.purpose === purpose);
  if (forPurpose.length === 0) {
    return no('purpose-never-allowed', {
      'zh-TW': `「${PURPOSE_LABELS[purpose]['zh-TW']}」目的不得查詢政府資料`,
      en: `Government data may not be queried for "${PURPOSE_LABELS[purpose].en}"`,
    });
  }
  const rule = forPurpose.find((r) => r.role === role);
  if (!rule) {
    return no('role-not-for-purpose', {
      'zh-TW': `「${PURPOSE_LABELS[purpose]['zh-TW']}」目的不適用於${ROLE_LABELS[role]['zh-TW']}`,
      en: `"${PURPOSE_LABELS[purpose].en}" does not apply to a ${ROLE_LABELS[role].en.toLowerCase()}`,
    });
  }
  if (date < rule.since) {
    return no('not-yet-effective', {
      'zh-TW': `${ROLE_LABELS[role]['zh-TW']}之「${PURPOSE_LABELS[purpose]['zh-TW']}」查詢自 ${rule.since} 起開放`,
      en: `"${PURPOSE_LABELS[purpose].en}" queries for a ${ROLE_LABELS[role].en.toLowerCase()} are allowed from ${rule.since}`,
    });
  }
  if (!rule.products.includes(product)) {
    return no('product-not-for-role', {
      'zh-TW': `${ROLE_LABELS[role]['zh-TW']}不得查詢 ${product} ${info.name['zh-TW']}`,
      en: `${product} ${info.name.en} may not be queried for a ${ROLE_LABELS[role].en.toLowerCase()}`,
    });
  }
  return { allowed: true };
}

function no(reason: IneligibleReason, message: Bilingual): Eligibility {
  return { allowed: false, reason, message };
}

/** The roles that make sense for a purpose (the intake form offers these). */
export function rolesFor(purpose: Purpose): SubjectRole[] {
  return purpose === 'credit_card'
    ? ['applicant']
    : purpose === 'credit'
      ? ['borrower', 'guarantor', 'responsible_person']
      : [];
}

/** An enterprise borrower is required for a responsible person, optional for a guarantor, absent otherwise. */
export function enterpriseRule(role: SubjectRole): 'required' | 'optional' | 'none' {
  return role === 'responsible_person' ? 'required' : role === 'guarantor' ? 'optional' : 'none';
}
