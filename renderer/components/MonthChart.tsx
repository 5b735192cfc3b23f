// A figure by month as a column chart: over a year or five, a trend reads better as bars in a row
// than as a long table. Every month of the period has its column, an empty month at zero. The chart
// is a picture with a summary for a screen reader (role img, its label says the span, the busiest
// month and the total); the numbers stay in the table beside it. The chart library loads with the
// first chart (load-charts.ts); if it cannot, the officer is told and the table still says it all.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadCharts, type DrawnChart } from '../charts/load-charts';

export interface MonthCount {
  /** '2026-03' */
  month: string;
  count: number;
}

export function MonthChart({
  title,
  months,
  monthLabel,
  shortLabel,
}: {
  title: string;
  months: MonthCount[];
  /** '115年3月（2026-03）' */
  monthLabel: (month: string) => string;
  /** '115/03' under a column */
  shortLabel: (month: string) => string;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let drawn: DrawnChart | null = null;
    let gone = false;
    // A script that cannot load, or a chart that cannot draw: the table says it all. A later count
    // tries again (the loader forgets a script that failed).
    setFailed(false);
    loadCharts()
      .then(({ drawBarChart }) => {
        if (gone || !canvas.current) return;
        drawn = drawBarChart(canvas.current, {
          labels: months.map((m) => shortLabel(m.month)),
          values: months.map((m) => m.count),
          tooltip: (i) => t('stats.chart.tooltip', { month: monthLabel(months[i]!.month), count: months[i]!.count }),
        });
      })
      .catch((e: Error) => {
        console.warn('[chart]', e.message);
        if (!gone) setFailed(true);
      });
    return () => {
      gone = true;
      drawn?.destroy();
    };
  }, [months, monthLabel, shortLabel, t]);

  if (months.length === 0) return null;
  const busiest = months.reduce((a, b) => (b.count > a.count ? b : a));
  const summary = t('stats.chart.summary', {
    title,
    first: monthLabel(months[0]!.month),
    last: monthLabel(months[months.length - 1]!.month),
    months: months.length,
    busiest: monthLabel(busiest.month),
    most: busiest.count,
    total: months.reduce((n, m) => n + m.count, 0),
  });
  // The canvas stays mounted (hidden when the chart failed), so a later count can draw on it.
  return (
    <>
      {failed && <p className="muted">{t('stats.chart.unavailable')}</p>}
      <div className="month-chart" hidden={failed}>
        <canvas ref={canvas} role="img" aria-label={summary} data-testid="month-chart">
          {summary}
        </canvas>
      </div>
    </>
  );
}

/** The months a period touches, from its first day's month to the month of its last day (the end is
 * exclusive), each with its count (zero when none). */
export function monthsOfPeriod(
  from: string,
  toExclusive: string,
  counts: { key: string; count: number }[],
): MonthCount[] {
  const byMonth = new Map(counts.map((c) => [c.key, c.count]));
  const last = new Date(Date.parse(`${toExclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);
  const out: MonthCount[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  for (let month = from.slice(0, 7); month <= last && out.length < 240;) {
    out.push({ month, count: byMonth.get(month) ?? 0 });
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    month = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}
