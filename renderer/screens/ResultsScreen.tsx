import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PrintRecord, CaseResults, DeskErrorPayload } from '../../common/contract';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { RetentionNote } from '../components/Dates';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';
import { IncomeSection } from './results/IncomeSection';
import { PropertySection } from './results/PropertySection';
import { InsuranceSection } from './results/InsuranceSection';

/** The data JCIC returned for one case, saying whose it is on screen and on every printed page. */
export function ResultsScreen({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const lang = useDesk((s) => s.lang);
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

  const products = results ? Object.keys(results.products).sort() : [];
  const taxYear = results?.products.T50?.taxYear;
  /** Whose data, in one line: on screen under the heading, and in every printed page's margin. */
  const whose = (masked: boolean) =>
    results
      ? t('results.whose', {
          name: results.subject.name,
          id: masked ? results.subject.idMasked : (results.subject.idNumber ?? results.subject.idMasked),
          caseId,
          products: products.join(' '),
          year: taxYear === undefined ? '—' : lang === 'en' ? taxYear + 1911 : taxYear,
        })
      : '';

  async function print() {
    // The print is on the record first; the paper then names who printed it, when, and the
    // reference of that record, so a copy found anywhere leads back to it.
    const r = await call('cases.recordPrint', { caseId });
    if (!r.ok) return setError(r.error);
    flushSync(() => setPrinted(r.value));
    // Every page's bottom margin repeats it too (CSS page-margin box reading this property).
    document.documentElement.style.setProperty(
      '--print-mark',
      JSON.stringify(`${whose(true)} · ${printMark(r.value)}`),
    );
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
        ← {t('case.title', { id: caseId })}
      </button>
      <ErrorBox error={error} />
      {results && (
        <div className="printable">
          <div className="row spread">
            <h1>
              {t('results.title')} · {results.subject.name}
            </h1>
            <button type="button" className="no-print" onClick={print}>
              {t('results.print')}
            </button>
          </div>
          <p className="whose no-print" data-testid="whose">
            {whose(false)}
          </p>
          <p className="whose print-only" data-testid="whose-print">
            {whose(true)}
          </p>
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
          {results.products.T50 && <IncomeSection data={results.products.T50} />}
          {results.products.T51 && <PropertySection data={results.products.T51} />}
          {results.products.T52 && <InsuranceSection data={results.products.T52} now={now} />}
        </div>
      )}
    </section>
  );
}
