// The IT administrator's check of electronic authorization on this PC (what `desk doctor` prints):
// run on request, since asking the revocation mirrors can take seconds. Each part in words, the
// technical detail (reader names, ATRs, paths, addresses) as it is, for a support call.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, OutputOf } from '../../common/contract';
import { call } from '../api/desk-api';
import { ErrorBox } from './ErrorBox';

type Checks = OutputOf<'esign.diagnostics'>['checks'];

export function CardDiagnosticsCard() {
  const { t } = useTranslation();
  const [checks, setChecks] = useState<Checks | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    const r = await call('esign.diagnostics', {});
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) setChecks(r.value.checks);
  }
  return (
    <section className="card" aria-labelledby="card-diagnostics-title">
      <h2 id="card-diagnostics-title">{t('esign.diagnostics.title')}</h2>
      <p className="muted">{t('esign.diagnostics.intro')}</p>
      <button type="button" onClick={run} disabled={busy} aria-busy={busy}>
        {t(busy ? 'esign.diagnostics.running' : 'esign.diagnostics.run')}
      </button>
      <ErrorBox error={error} />
      {checks && (
        <table className="table" aria-label={t('esign.diagnostics.title')}>
          <thead>
            <tr>
              <th scope="col">{t('esign.diagnostics.part')}</th>
              <th scope="col">{t('esign.diagnostics.state')}</th>
              <th scope="col">{t('esign.diagnostics.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c, i) => (
              <tr key={i} data-check={c.name} data-state={c.state}>
                <td>{t(`esign.diagnostics.names.${c.name}`)}</td>
                <td className={c.state === 'ok' ? undefined : c.state === 'warn' ? 'warn' : 'error'}>
                  {t(`esign.diagnostics.states.${c.state}`)}
                </td>
                <td>
                  <code>{c.detail}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
