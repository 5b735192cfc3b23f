// Usage statistics for supervisors and IT: a period (Taipei days, the end exclusive), then each
// figure as a table whose bars show the proportions at a glance (the numbers stay the reading: a
// screen reader gets a table, not a picture). The months, where a trend reads better as a chart, also
// as a column chart (MonthChart.tsx, Chart.js). The same figures as CSV for a spreadsheet.
import { useCallback, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, UsageStatsView } from '../../common/contract';
import { PRODUCTS, type ProductCode } from '../../common/domain/products';
import { PURPOSE_LABELS } from '../../common/domain/eligibility';
import { JCIC_REJECTIONS } from '../../common/domain/case-notes';
import { taiwanDay } from '../../common/taiwan-day';
import { call } from '../api/desk-api';
import { ErrorBox, useFieldError } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useL } from '../components/Labels';
import { MonthChart, monthsOfPeriod } from '../components/MonthChart';
import { rocMonth, rocMonthShort } from '../../common/format';
import { useDesk } from '../state/desk-store';

type Count = { key: string; count: number };

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function StatsScreen() {
  const { t } = useTranslation();
  const l = useL();
  const today = taiwanDay(new Date());
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(nextDay(today));
  const [result, setResult] = useState<{ stats: UsageStatsView; csv: string } | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);
  const lang = useDesk((st) => st.lang);
  const monthLabel = useCallback(
    (month: string) => t('stats.monthLabel', { roc: rocMonth(month), rocShort: rocMonthShort(month), month }),
    [t],
  );
  const shortLabel = useCallback((month: string) => (lang === 'en' ? month : rocMonthShort(month)), [lang]);
  const months = useMemo(
    () => (result ? monthsOfPeriod(result.stats.from, result.stats.to, result.stats.queries.byMonth) : []),
    [result],
  );

  async function show(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    const r = await call('stats.usage', { from, to });
    setBusy(false);
    setError(r.ok ? null : r.error);
    setResult(r.ok ? r.value : null);
  }

  function downloadCsv() {
    if (!result) return;
    const link = document.createElement('a');
    // A byte-order mark: Excel opens UTF-8 CSV with Chinese text correctly only with one.
    link.href = URL.createObjectURL(new Blob(['\ufeff', result.csv], { type: 'text/csv' }));
    link.download = `branch-desk-stats-${from}-${to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  const s = result?.stats;
  const product = (key: string) => (key in PRODUCTS ? `${key} ${l(PRODUCTS[key as ProductCode].name)}` : key);
  const purpose = (key: string) =>
    key in PURPOSE_LABELS ? l(PURPOSE_LABELS[key as keyof typeof PURPOSE_LABELS]) : key;
  const reason = (key: string) =>
    key in JCIC_REJECTIONS ? l(JCIC_REJECTIONS[key as keyof typeof JCIC_REJECTIONS]) : key;
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">{t('stats.title')}</h1>
      <form className="card row" onSubmit={show}>
        <Field label={t('stats.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        <Field
          label={t('stats.to')}
          hint={t('stats.toHint')}
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={fieldError('to')}
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? t('stats.counting') : t('stats.show')}
        </button>
        {result && (
          <button type="button" className="secondary" onClick={downloadCsv}>
            {t('stats.csv')}
          </button>
        )}
      </form>
      <ErrorBox error={error} />
      {s && (
        <>
          <p className="card" data-testid="stats-summary">
            {t('stats.summary', {
              queries: s.queries.total,
              rejections: s.rejections.total,
              overrides: s.overrides.total,
            })}{' '}
            {s.hoursToData.cases
              ? t('stats.hours', { median: s.hoursToData.median, p90: s.hoursToData.p90, n: s.hoursToData.cases })
              : t('stats.noData')}
          </p>
          <div className="stats-grid">
            <Bars title={t('stats.byOfficer')} counts={s.queries.byOfficer} />
            <Bars title={t('stats.byProduct')} counts={s.queries.byProduct} label={product} />
            <Bars title={t('stats.byPurpose')} counts={s.queries.byPurpose} label={purpose} />
            <Bars title={t('stats.byMonth')} counts={s.queries.byMonth} label={monthLabel} wide>
              <MonthChart title={t('stats.byMonth')} months={months} monthLabel={monthLabel} shortLabel={shortLabel} />
            </Bars>
            <Bars title={t('stats.rejections')} counts={s.rejections.byReason} label={reason} />
            <Bars
              title={t('stats.methods')}
              counts={s.authorizations}
              label={(k) => t(`stats.method.${k}`, { defaultValue: k })}
            />
            <Bars
              title={t('stats.overrides')}
              counts={s.overrides.byFinding}
              label={(k) => t(`stats.finding.${k}`, { defaultValue: k })}
            />
          </div>
        </>
      )}
    </section>
  );
}

/** One figure: a table of counts, each row with a bar as long as its share of the largest. */
function Bars({
  title,
  counts,
  label = (k) => k,
  wide = false,
  children,
}: {
  title: string;
  counts: Count[];
  label?: (key: string) => string;
  /** Across the whole grid (a chart above the table). */
  wide?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...counts.map((c) => c.count));
  const titleId = useId();
  return (
    <div className={wide ? 'card stats-wide' : 'card'}>
      {/* A chart goes between the figure's title and its table, so the title is a heading there. */}
      {children && (
        <h2 id={titleId} className="stats-title">
          {title}
        </h2>
      )}
      {children}
      <table className="stats-table" aria-labelledby={children ? titleId : undefined}>
        {!children && <caption>{title}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('stats.item')}</th>
            <th scope="col">{t('stats.count')}</th>
          </tr>
        </thead>
        <tbody>
          {counts.length === 0 ? (
            <tr>
              <td colSpan={2} className="muted">
                {t('stats.none')}
              </td>
            </tr>
          ) : (
            counts.map((c) => (
              <tr key={c.key}>
                <th scope="row">{label(c.key)}</th>
                <td>
                  <span className="stats-bar" style={{ width: `${(c.count / max) * 100}%` }} aria-hidden="true" />
                  <span className="stats-count">{c.count.toLocaleString('zh-TW')}</span>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
