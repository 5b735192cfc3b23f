import { useTranslation } from 'react-i18next';
import type { T52Data } from '../../../common/domain/result-schemas';
import { ntd } from '../../../common/format';
import { DualDate } from '../../components/Dates';
import { useDesk } from '../../state/desk-store';

/** Labour insurance: each enrolment as a bar on a time line with a year axis, then the table. */
export function InsuranceSection({ data, now }: { data: T52Data; now: string }) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const start = Math.min(...data.periods.map((p) => Date.parse(p.enrolledOn)));
  const end = Date.parse(now);
  const span = Math.max(1, end - start);
  const at = (ms: number) => `${((ms - start) / span) * 100}%`;
  const firstYear = new Date(start).getUTCFullYear() + 1;
  const lastYear = new Date(end).getUTCFullYear();
  const every = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 10));
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y += every) years.push(y);
  return (
    <section className="card keep-together" aria-label={t('results.T52')}>
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
        <div className="year-axis" data-testid="t52-axis">
          {years.map((y) => (
            <span key={y} className="tick" style={{ left: at(Date.UTC(y, 0, 1)) }}>
              {lang === 'en' ? y : `${y - 1911}`}
            </span>
          ))}
        </div>
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
