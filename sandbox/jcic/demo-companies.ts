// The one registry of the companies the sandbox's T50/T51/T52 data names: employers, banks paying
// interest, listed companies paying dividends, a publisher paying fees. Each company has exactly one
// 統一編號, so a trainee who meets 中華電信 in T50 and in T51 sees the same number both times.
// The numbers are demo numbers, valid under the checksum (shared/domain.md "Identifiers";
// test/unit/sandbox-sample-data.test.ts checks them), not the companies' real registrations.

export type DemoCompanyRole =
  | 'employer' // pays salaries (T50 format 50, rent 51) and insures workers (T52)
  | 'bank' // pays interest (T50 format 5A)
  | 'listed' // pays dividends (T50 format 54C); shares held (T51)
  | 'publisher'; // pays professional fees (T50 format 9B)

export interface DemoCompany {
  role: DemoCompanyRole;
  name: string;
  businessNumber: string;
}

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  { role: 'employer', name: '台灣精密機械股份有限公司', businessNumber: '95418878' }, // valid by the 7th-digit-7 rule
  { role: 'employer', name: '新北物流股份有限公司', businessNumber: '51640958' },
  { role: 'employer', name: '大安資訊服務股份有限公司', businessNumber: '98118242' },
  { role: 'employer', name: '高雄港運股份有限公司', businessNumber: '31243571' },
  { role: 'employer', name: '中部食品工業股份有限公司', businessNumber: '57732655' },
  { role: 'employer', name: '永和醫療器材股份有限公司', businessNumber: '10797955' },
  { role: 'bank', name: '臺灣銀行', businessNumber: '20834199' },
  { role: 'bank', name: '合作金庫商業銀行', businessNumber: '83918278' },
  { role: 'bank', name: '第一商業銀行', businessNumber: '28849109' },
  { role: 'bank', name: '華南商業銀行', businessNumber: '94023049' },
  { role: 'bank', name: '中華郵政股份有限公司', businessNumber: '26712074' },
  { role: 'listed', name: '台灣積體電路製造股份有限公司', businessNumber: '45642084' },
  { role: 'listed', name: '中華電信股份有限公司', businessNumber: '13589690' },
  { role: 'listed', name: '富邦金融控股股份有限公司', businessNumber: '89432207' },
  { role: 'listed', name: '統一企業股份有限公司', businessNumber: '17621859' },
  { role: 'publisher', name: '聯合出版股份有限公司', businessNumber: '72438396' },
];

const withRole = (role: DemoCompanyRole) => DEMO_COMPANIES.filter((c) => c.role === role);
export const EMPLOYERS = withRole('employer');
export const BANKS = withRole('bank');
export const LISTED = withRole('listed');
export const PUBLISHER = withRole('publisher')[0]!;
