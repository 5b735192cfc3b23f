import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PrintRecord, CaseResults, DeskErrorPayload } from '../../common/contract';
import type { T50Data, T51Data, T52Data } from '../../common/domain/result-schemas';
import { dbr, DBR_CEILING, incomeTotals } from '../../common/domain/dbr';
import { incomeFormatName } from '../../common/domain/income-codes';
import { dateTimeShort, ntd } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { DualDate, RetentionNote } from '../components/Dates';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';

function Income({ data }: { data: T50Data }) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const totals = incomeTotals(data);
  return (
    <section className="card" aria-label={t('results.T50')}>
      <h2>
        {t('results.T50')}（{t('results.taxYear')} {data.taxYear} / {data.taxYear + 1911}）
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
      <table className="table money" aria-label={t('results.byCategory')}>
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

function Dbr({ data }: { data: T50Data }) {
  const { t } = useTranslation();
  const [debt, setDebt] = useState('');
  const amount = Number(debt.replace(/[,\s]/g, ''));
  const figures = dbr(data, Number.isFinite(amount) ? amount : 0);
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
      <label className="field">
        <span>{t('results.debt')}</span>
        <input
          inputMode="numeric"
          aria-label={t('results.debt')}
          value={debt}
          onChange={(e) => setDebt(e.target.value)}
        />
      </label>
      {debt !== '' && Number.isFinite(amount) && figures.ratio !== null && (
        <p className={figures.withinCeiling ? 'notice' : 'error'} data-testid="dbr-ratio">
          {t('results.ratio')} {figures.ratio.toFixed(2)} / {DBR_CEILING} —{' '}
          {figures.withinCeiling ? t('results.within') : t('results.over')}
        </p>
      )}
    </div>
  );
}

function Property({ data }: { data: T51Data }) {
  const { t } = useTranslation();
  const none = <p className="muted">{t('results.none')}</p>;
  return (
    <section className="card" aria-label={t('results.T51')}>
      <h2>{t('results.T51')}</h2>
      <h3>{t('results.land')}</h3>
      {data.land.length ? (
        <table className="table money">
          <thead>
            <tr>
              <th>{t('results.location')}</th>
              <th>{t('results.lot')}</th>
              <th>{t('results.area')}</th>
              <th>{t('results.share')}</th>
              <th>{t('results.assessed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.land.map((x, i) => (
              <tr key={i}>
                <td>{x.location}</td>
                <td>{x.lotNumber}</td>
                <td>{x.areaSqm.toFixed(2)}</td>
                <td>{x.share}</td>
                <td>{ntd(x.assessedValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
      <h3>{t('results.buildings')}</h3>
      {data.buildings.length ? (
        <table className="table money">
          <thead>
            <tr>
              <th>{t('results.address')}</th>
              <th>{t('results.area')}</th>
              <th>{t('results.share')}</th>
              <th>{t('results.assessed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.buildings.map((x, i) => (
              <tr key={i}>
                <td>{x.address}</td>
                <td>{x.areaSqm.toFixed(2)}</td>
                <td>{x.share}</td>
                <td>{ntd(x.assessedValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
      <h3>{t('results.vehicles')}</h3>
      {data.vehicles.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('results.plate')}</th>
              <th>{t('results.kind')}</th>
              <th>{t('results.make')}</th>
              <th>{t('results.year')}</th>
            </tr>
          </thead>
          <tbody>
            {data.vehicles.map((x, i) => (
              <tr key={i}>
                <td>{x.plate}</td>
                <td>{x.kind}</td>
                <td>{x.make}</td>
                <td>{x.year}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
      <h3>{t('results.investments')}</h3>
      {data.investments.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('results.company')}</th>
              <th>{t('results.payerNo')}</th>
              <th>{t('results.shares')}</th>
            </tr>
          </thead>
          <tbody>
            {data.investments.map((x, i) => (
              <tr key={i}>
                <td>{x.company}</td>
                <td>{x.businessNumber}</td>
                <td>{x.shares.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
    </section>
  );
}

function Insurance({ data, now }: { data: T52Data; now: string }) {
  const { t } = useTranslation();
  const start = Math.min(...data.periods.map((p) => Date.parse(p.enrolledOn)));
  const end = Date.parse(now);
  const span = Math.max(1, end - start);
  return (
    <section className="card" aria-label={t('results.T52')}>
      <h2>{t('results.T52')}</h2>
      <div className="timeline-bars" aria-hidden="true">
        {data.periods.map((p, i) => {
          const from = (Date.parse(p.enrolledOn) - start) / span;
          const to = ((p.withdrawnOn ? Date.parse(p.withdrawnOn) : end) - start) / span;
          return (
            <div
              key={i}
              className="bar"
              style={{ marginLeft: `${from * 100}%`, width: `${Math.max(1, (to - from) * 100)}%` }}
              title={p.employerName}
            >
              {p.employerName} · {ntd(p.insuredSalary)}
            </div>
          );
        })}
      </div>
      <table className="table money" aria-label={t('results.T52')}>
        <thead>
          <tr>
            <th>{t('results.employer')}</th>
            <th>{t('results.payerNo')}</th>
            <th>{t('results.insuredSalary')}</th>
            <th>{t('results.enrolled')}</th>
            <th>{t('results.withdrawn')}</th>
          </tr>
        </thead>
        <tbody>
          {data.periods.map((p, i) => (
            <tr key={i}>
              <td>{p.employerName}</td>
              <td>{p.employerBusinessNumber}</td>
              <td>{ntd(p.insuredSalary)}</td>
              <td>
                <DualDate iso={p.enrolledOn} />
              </td>
              <td>{p.withdrawnOn ? <DualDate iso={p.withdrawnOn} /> : t('results.current')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ResultsScreen({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const now = useDesk((s) => s.info?.now) ?? new Date().toISOString();
  const [results, setResults] = useState<CaseResults | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  useEffect(() => {
    void call('cases.results', { caseId }).then((r) => (r.ok ? setResults(r.value) : setError(r.error)));
  }, [caseId]);

  const [printed, setPrinted] = useState<PrintRecord | null>(null);
  // Only a print started here (and so on the record) shows the data on paper; the browser's own
  // print command gets a page that says to use the button. Authorization ends when printing does.
  useEffect(() => {
    const done = () => {
      setPrinted(null);
      document.documentElement.style.removeProperty('--print-mark');
    };
    window.addEventListener('afterprint', done);
    return () => {
      window.removeEventListener('afterprint', done);
      done();
    };
  }, []);
  async function print() {
    // The print is on the record first; the paper then names who printed it, when, and the
    // reference of that record, so a copy found anywhere leads back to it.
    const r = await call('cases.recordPrint', { caseId });
    if (!r.ok) return setError(r.error);
    flushSync(() => setPrinted(r.value));
    // Every page's bottom margin repeats it too (CSS page-margin box reading this property).
    document.documentElement.style.setProperty('--print-mark', JSON.stringify(printMark(r.value)));
    window.print();
  }
  const printMark = (p: PrintRecord) =>
    t('results.printedBy', {
      name: p.by.name,
      employeeId: p.by.employeeId,
      branch: p.by.branchCode,
      time: dateTimeShort(p.printedAt),
      reference: p.reference,
    });

  return (
    <section className={printed ? 'results print-authorized' : 'results'}>
      <p className="print-refused">{t('results.printRefused')}</p>
      <button type="button" className="link no-print" onClick={() => go({ name: 'case', caseId })}>
        ← #{caseId}
      </button>
      <ErrorBox error={error} />
      {results && (
        <div className="printable">
          <div className="row spread">
            <h1>
              {t('results.title')} #{caseId}
            </h1>
            <button type="button" className="no-print" onClick={print}>
              {t('results.print')}
            </button>
          </div>
          <p className="muted">
            {t('results.received')} {dateTimeShort(results.receivedAt)} ·{' '}
            <RetentionNote expiresAt={results.expiresAt} />
          </p>
          {printed && (
            <div className="print-only print-mark" data-testid="print-mark">
              <p>{printMark(printed)}</p>
              <p>{t('results.printNotice')}</p>
            </div>
          )}
          {results.products.T50 && <Income data={results.products.T50} />}
          {results.products.T51 && <Property data={results.products.T51} />}
          {results.products.T52 && <Insurance data={results.products.T52} now={now} />}
        </div>
      )}
    </section>
  );
}
