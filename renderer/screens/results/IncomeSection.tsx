import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { T50Data } from '../../../common/domain/result-schemas';
import { dbr, DBR_CEILING, incomeTotals, parseAmount } from '../../../common/domain/dbr';
import { incomeFormatName } from '../../../common/domain/income-codes';
import { ntd } from '../../../common/format';
import { Field } from '../../components/Field';
import { useDesk } from '../../state/desk-store';

export function IncomeSection({ data }: { data: T50Data }) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const totals = incomeTotals(data);
  return (
    <section className="card" aria-label={t('results.T50')}>
      <h2>
        {lang === 'en'
          ? `${t('results.T50')} (${t('results.taxYear')} ${data.taxYear + 1911}, ROC ${data.taxYear})`
          : `${t('results.T50')}（${t('results.taxYear')} ${data.taxYear} / ${data.taxYear + 1911}）`}
      </h2>
      <table className="table money" aria-label={t('results.T50')}>
        <thead>
          <tr>
            <th>{t('results.formatCode')}</th>
            <th>{t('results.payer')}</th>
            <th>{t('results.payerNo')}</th>
            <th>{t('results.gross')}</th>
            <th>{t('results.expenses')}</th>
            <th>{t('results.income')}</th>
            <th>{t('results.withheld')}</th>
          </tr>
        </thead>
        <tbody>
          {data.records.map((r, i) => (
            <tr key={i}>
              <td>
                {r.formatCode} {incomeFormatName(r.formatCode, lang)}
              </td>
              <td>{r.payerName}</td>
              <td>{r.payerBusinessNumber}</td>
              <td>{ntd(r.grossAmount)}</td>
              <td>{ntd(r.necessaryExpenses)}</td>
              <td>{ntd(r.incomeAmount)}</td>
              <td>{ntd(r.taxWithheld)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('results.byCategory')}</h3>
      <table className="table pairs" aria-label={t('results.byCategory')}>
        <tbody>
          {Object.entries(totals.byCode).map(([code, sum]) => (
            <tr key={code}>
              <td>
                {code} {incomeFormatName(code, lang)}
              </td>
              <td>{ntd(sum)}</td>
            </tr>
          ))}
          <tr className="total">
            <td>{t('results.total')}</td>
            <td data-testid="income-total">{ntd(totals.total)}</td>
          </tr>
        </tbody>
      </table>
      <Dbr data={data} />
    </section>
  );
}

/** The DBR 22× helper: the officer types the customer's unsecured debt; the desk keeps nothing. */
function Dbr({ data }: { data: T50Data }) {
  const { t } = useTranslation();
  const [debt, setDebt] = useState('');
  const amount = parseAmount(debt);
  const figures = dbr(data, amount ?? 0);
  return (
    <div className="dbr" aria-label={t('results.dbr')}>
      <h3>{t('results.dbr')}</h3>
      <dl className="facts">
        <dt>{t('results.annual')}</dt>
        <dd>{ntd(figures.annualIncome)}</dd>
        <dt>{t('results.monthly')}</dt>
        <dd data-testid="dbr-monthly">{ntd(figures.monthlyIncome)}</dd>
        <dt>{t('results.ceiling')}</dt>
        <dd data-testid="dbr-ceiling">{ntd(figures.ceilingAmount)}</dd>
      </dl>
      <div className="no-print">
        <Field
          label={t('results.debt')}
          inputMode="numeric"
          value={debt}
          error={debt.trim() !== '' && amount === null ? t('results.debtInvalid') : undefined}
          onChange={(e) => setDebt(e.target.value)}
        />
      </div>
      {amount !== null && debt.trim() !== '' && figures.ratio !== null && (
        <p className={figures.withinCeiling ? 'notice' : 'error'} data-testid="dbr-ratio">
          {t('results.debtRead', { amount: ntd(amount) })} · {t('results.ratio')} {figures.ratio.toFixed(2)} /{' '}
          {DBR_CEILING} — {figures.withinCeiling ? t('results.within') : t('results.over')}
        </p>
      )}
    </div>
  );
}
