// Realistic, deterministic T50/T51/T52 data for any ID: the same ID always gets the same records,
// so training material and tests can refer to them. Every company named comes from
// demo-companies.ts, with its one 統一編號.
import { createHash } from 'node:crypto';
import { BANKS, EMPLOYERS, LISTED, PUBLISHER, type DemoCompany } from './demo-companies';

function rng(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const between = (r: () => number, lo: number, hi: number) => Math.round(lo + r() * (hi - lo));
const round = (n: number, unit: number) => Math.round(n / unit) * unit;

const DISTRICTS = [
  ['臺北市', '大安區', '復興段'],
  ['新北市', '板橋區', '江翠段'],
  ['臺中市', '西屯區', '惠來段'],
  ['高雄市', '苓雅區', '四維段'],
  ['桃園市', '中壢區', '青埔段'],
];
/** Labour insurance monthly insured salary grades (NT$). */
const INSURED_GRADES = [27470, 27600, 28800, 30300, 31800, 33300, 34800, 36300, 38200, 40100, 42000, 43900, 45800];

export interface IncomeRecord {
  formatCode: string;
  payerName: string;
  payerBusinessNumber: string;
  grossAmount: number;
  incomeAmount: number;
  necessaryExpenses: number;
  taxWithheld: number;
  taxYear: number;
}
export interface T50 {
  taxYear: number;
  records: IncomeRecord[];
}
export interface T51 {
  land: { location: string; lotNumber: string; areaSqm: number; share: string; assessedValue: number }[];
  buildings: { address: string; areaSqm: number; share: string; assessedValue: number }[];
  vehicles: { plate: string; kind: string; make: string; year: number }[];
  investments: { company: string; businessNumber: string; shares: number; parValue: number }[];
}
export interface T52 {
  periods: {
    employerName: string;
    employerBusinessNumber: string;
    insuredSalary: number;
    enrolledOn: string;
    withdrawnOn: string | null;
  }[];
}

const payer = (c: DemoCompany) => ({ payerName: c.name, payerBusinessNumber: c.businessNumber });
const holding = (c: DemoCompany) => ({ company: c.name, businessNumber: c.businessNumber });
const employer = (c: DemoCompany) => ({ employerName: c.name, employerBusinessNumber: c.businessNumber });

export function sampleT50(id: string, today: Date): T50 {
  const r = rng(`T50:${id}`);
  const taxYear = today.getUTCFullYear() - 1 - 1911; // latest complete year, ROC
  const records: IncomeRecord[] = [];
  const salary = round(between(r, 420_000, 1_600_000), 100);
  records.push({
    formatCode: '50',
    ...payer(pick(r, EMPLOYERS)),
    grossAmount: salary,
    incomeAmount: salary,
    necessaryExpenses: 0,
    taxWithheld: round(salary * 0.05, 1),
    taxYear,
  });
  if (r() < 0.4) {
    const second = round(between(r, 30_000, 240_000), 100);
    records.push({
      formatCode: '50',
      ...payer(pick(r, EMPLOYERS)),
      grossAmount: second,
      incomeAmount: second,
      necessaryExpenses: 0,
      taxWithheld: 0,
      taxYear,
    });
  }
  for (let i = 0; i < between(r, 1, 2); i++) {
    const interest = between(r, 800, 45_000);
    records.push({
      formatCode: '5A',
      ...payer(pick(r, BANKS)),
      grossAmount: interest,
      incomeAmount: interest,
      necessaryExpenses: 0,
      taxWithheld: interest > 20_000 ? round(interest * 0.1, 1) : 0,
      taxYear,
    });
  }
  if (r() < 0.6) {
    const dividend = between(r, 2_000, 180_000);
    records.push({
      formatCode: '54C',
      ...payer(pick(r, LISTED)),
      grossAmount: dividend,
      incomeAmount: dividend,
      necessaryExpenses: 0,
      taxWithheld: 0,
      taxYear,
    });
  }
  if (r() < 0.3) {
    const rent = round(between(r, 120_000, 480_000), 1000);
    records.push({
      formatCode: '51',
      ...payer(pick(r, EMPLOYERS)),
      grossAmount: rent,
      incomeAmount: round(rent * 0.57, 1),
      necessaryExpenses: round(rent * 0.43, 1),
      taxWithheld: round(rent * 0.1, 1),
      taxYear,
    });
  }
  if (r() < 0.25) {
    const fee = between(r, 5_000, 60_000);
    records.push({
      formatCode: '9B',
      ...payer(PUBLISHER),
      grossAmount: fee,
      incomeAmount: Math.max(0, fee - 180_000 > 0 ? fee - 180_000 : fee),
      necessaryExpenses: 0,
      taxWithheld: 0,
      taxYear,
    });
  }
  return { taxYear, records };
}

export function sampleT51(id: string): T51 {
  const r = rng(`T51:${id}`);
  const [city, district, section] = pick(r, DISTRICTS) as [string, string, string];
  const land =
    r() < 0.7
      ? [
          {
            location: `${city}${district}${section}`,
            lotNumber: `${between(r, 1, 999)}-${between(r, 0, 20)}地號`,
            areaSqm: between(r, 20, 180) + between(r, 0, 99) / 100,
            share: pick(r, ['1/1', '1/2', '1/4', '23/1000']),
            assessedValue: round(between(r, 800_000, 9_000_000), 1000),
          },
        ]
      : [];
  const buildings = land.length
    ? [
        {
          address: `${city}${district}${pick(r, ['忠孝東路', '中山路', '民生路', '中正路'])}${between(r, 1, 300)}號${between(r, 2, 15)}樓`,
          areaSqm: between(r, 45, 160) + between(r, 0, 99) / 100,
          share: '1/1',
          assessedValue: round(between(r, 300_000, 2_400_000), 1000),
        },
      ]
    : [];
  const vehicles =
    r() < 0.6
      ? [
          {
            plate: `${pick(r, ['ABC', 'BGR', 'RDN', 'KAA'])}-${String(between(r, 1000, 9999))}`,
            kind: '自用小客車',
            make: pick(r, ['TOYOTA', 'HONDA', 'MITSUBISHI', 'NISSAN']),
            year: between(r, 2012, 2025),
          },
        ]
      : [];
  const investments =
    r() < 0.5
      ? [
          {
            ...holding(pick(r, LISTED)),
            shares: round(between(r, 1000, 50_000), 1000),
            parValue: 10,
          },
        ]
      : [];
  return { land, buildings, vehicles, investments };
}

export function sampleT52(id: string, today: Date): T52 {
  const r = rng(`T52:${id}`);
  const periods: T52['periods'] = [];
  // Walk backwards from the current job so that nothing lies in the future.
  let end: Date | null = null; // null: still insured
  let cursor = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const jobs = between(r, 1, 3);
  for (let i = 0; i < jobs; i++) {
    const months = between(r, 8, 60);
    const start = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() - months, 1));
    periods.unshift({
      ...employer(pick(r, EMPLOYERS)),
      insuredSalary: pick(r, INSURED_GRADES.slice(Math.max(0, 8 - i * 4))),
      enrolledOn: start.toISOString().slice(0, 10),
      withdrawnOn: end ? end.toISOString().slice(0, 10) : null,
    });
    end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - between(r, 0, 3), between(r, 5, 28)));
    cursor = end;
  }
  return { periods };
}
