// The IT administrator's view of this desk: how its data key is kept, when the JCIC certificates
// run out, what it holds and whether anything is stuck. Warnings in words, not only in colour.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, DeskHealth } from '../../common/contract';
import { STATE_LABELS } from '../../common/domain/case-states';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox } from './ErrorBox';
import { L } from './Labels';

export function DeskHealthCard() {
  const { t } = useTranslation();
  const [health, setHealth] = useState<DeskHealth | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  useEffect(() => {
    void call('desk.health', {}).then((r) => (r.ok ? setHealth(r.value) : setError(r.error)));
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!health) return null;
  const w = health.workload;
  const cases = Object.entries(w.casesByState);
  return (
    <section className="card" aria-label={t('health.title')} data-testid="desk-health">
      <h2>{t('health.title')}</h2>
      <dl className="facts">
        <dt>{t('health.dataKey')}</dt>
        <dd className={health.dataKey.protection === 'file' ? 'warn' : undefined} data-testid="health-key">
          {health.dataKey.protection === 'os-keystore' ? t('health.keyOs') : t('health.keyFile')}
          <details className="small">
            <summary>{t('case.technicalDetail')}</summary>
            <code>{health.dataKey.description}</code>
          </details>
        </dd>
        {health.certificates.map((c) => (
          <div key={c.label} className="fact-row">
            <dt>{t(c.label === 'JCIC CA' ? 'health.caCert' : 'health.clientCert')}</dt>
            <dd
              className={c.state === 'ok' ? undefined : c.state === 'warn' ? 'warn' : 'error'}
              data-testid="health-cert"
            >
              {c.validTo ? t('health.validTo', { date: c.validTo.slice(0, 10), days: c.daysLeft }) : ''}
              {c.state !== 'ok' &&
                ` · ${c.state === 'warn' ? t('health.renew') : t('health.certBroken', { problem: t(`health.certProblem.${c.problemCode ?? 'unreadable'}`) })}`}
            </dd>
          </div>
        ))}
        <dt>{t('health.cases')}</dt>
        <dd>
          {cases.length === 0
            ? t('health.noCases')
            : cases.map(([state, n]) => (
                <span key={state} className="chip">
                  <L text={STATE_LABELS[state as keyof typeof STATE_LABELS]} /> {n}
                </span>
              ))}
        </dd>
        <dt>{t('health.outbox')}</dt>
        <dd className={w.outboxFailed ? 'error' : undefined} data-testid="health-outbox">
          {w.outboxFailed
            ? t('health.outboxFailed', { n: w.outboxFailed })
            : w.outboxPending
              ? t('health.outboxPending', { n: w.outboxPending, since: dateTimeShort(w.oldestPendingSince!) })
              : t('health.outboxEmpty')}
        </dd>
        <dt>{t('health.nextExpiry')}</dt>
        <dd>{w.nextExpiry ? dateTimeShort(w.nextExpiry) : t('health.nothingHeld')}</dd>
        {w.permissionsTightened && (
          <>
            <dt>{t('health.dataDir')}</dt>
            <dd className="warn" data-testid="health-permissions">
              {t('health.permissionsTightened', {
                time: dateTimeShort(w.permissionsTightened.at),
                paths: w.permissionsTightened.paths.join(', '),
              })}
            </dd>
          </>
        )}
        {w.clockMovedBack && (
          <>
            <dt>{t('health.clock')}</dt>
            <dd className="warn" data-testid="health-clock">
              {t('health.clockMovedBack', {
                minutes: w.clockMovedBack.minutes,
                from: dateTimeShort(w.clockMovedBack.lastEntryAt),
                to: dateTimeShort(w.clockMovedBack.now),
              })}
            </dd>
          </>
        )}
      </dl>
      <SupportBundleButton />
    </section>
  );
}

/** For a support call: the desk makes the bundle (masked logs, policy, versions, this card's checks);
 * the browser saves it as a file. */
function SupportBundleButton() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  async function download() {
    setBusy(true);
    const r = await call('desk.supportBundle', {});
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (!r.ok) return;
    const bytes = Uint8Array.from(atob(r.value.dataBase64), (c) => c.charCodeAt(0));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
    link.download = r.value.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
  return (
    <div className="row">
      <button type="button" className="secondary" onClick={download} disabled={busy}>
        {busy ? t('health.bundleMaking') : t('health.bundle')}
      </button>
      <span className="muted">{t('health.bundleHint')}</span>
      <ErrorBox error={error} />
    </div>
  );
}
