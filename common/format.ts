// Display formats staff expect: ROC (民國) dates beside Gregorian ones, NT$ with thousands separators.

/** 民國 year = Gregorian year − 1911. Accepts an ISO date or date-time. */
export function rocDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const roc = y - 1911;
  const yearText = roc > 0 ? `${roc}` : `前${1 - roc}`;
  return `民國${yearText}年${m}月${d}日`;
}

/** Compact ROC form used in tables: 113/05/01. */
export function rocDateShort(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-') as [string, string, string];
  return `${Number(y) - 1911}/${m}/${d}`;
}

/** A month as staff say it: 民國115年3月 ('2026-03'). */
export function rocMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `民國${y - 1911}年${m}月`;
}

/** A month in figures, for a chart's axis: 115/03. */
export function rocMonthShort(month: string): string {
  return `${Number(month.slice(0, 4)) - 1911}/${month.slice(5, 7)}`;
}

/** Whole New Taiwan dollars: NT$1,234,567 (negative amounts keep their sign in front). */
export function ntd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const whole = Math.round(Math.abs(amount));
  return `${sign}NT$${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** Local date-time for audit lists: 2026-11-24 09:05. */
export function dateTimeShort(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
