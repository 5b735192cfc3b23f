// Taiwan's unsecured-credit rule: total unsecured debt across institutions should not exceed
// 22 × average monthly income (DBR 22×). Income is taken from the T50 records.
import type { T50Data } from './result-schemas';

export const DBR_CEILING = 22;

export interface DbrFigures {
  annualIncome: number;
  monthlyIncome: number;
  /** 22 × monthly income: the most unsecured debt the rule allows. */
  ceilingAmount: number;
  /** debt ÷ monthly income, or null when there is no income to divide by. */
  ratio: number | null;
  withinCeiling: boolean;
}

export function incomeTotals(t50: T50Data): { byCode: Record<string, number>; total: number } {
  const byCode: Record<string, number> = {};
  for (const r of t50.records) byCode[r.formatCode] = (byCode[r.formatCode] ?? 0) + r.incomeAmount;
  return { byCode, total: t50.records.reduce((sum, r) => sum + r.incomeAmount, 0) };
}

export function dbr(t50: T50Data, unsecuredDebt: number): DbrFigures {
  const annualIncome = incomeTotals(t50).total;
  const monthlyIncome = Math.round(annualIncome / 12);
  const ratio = monthlyIncome > 0 ? unsecuredDebt / monthlyIncome : null;
  return {
    annualIncome,
    monthlyIncome,
    ceilingAmount: monthlyIncome * DBR_CEILING,
    ratio,
    withinCeiling: ratio !== null && ratio <= DBR_CEILING,
  };
}

/** An amount as staff type it: half- or full-width digits (a Chinese IME types １２３), with
 * thousands separators (, or ，) and spaces. A whole number of NT$ 0 or more; anything else (a
 * minus sign, a decimal point, letters) is null, for the screen to say so. */
export function parseAmount(text: string): number | null {
  const ascii = text.replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[,，\s\u3000]/g, '');
  if (!/^\d{1,15}$/.test(ascii)) return null;
  return Number(ascii);
}
