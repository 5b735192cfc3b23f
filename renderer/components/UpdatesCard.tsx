// This desk's version and what the bank's update server offers it: the last check and what it found,
// the download's progress, and the officer's choice of when to install (now, refused while work is
// in progress, or when the desk closes). IT can check at once. Read from `updates.status`; polled
// while a download runs.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, UpdateStatus } from '../../common/contract';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { DualDate } from './Dates';
import { ErrorBox } from './ErrorBox';

export function UpdatesCard({ canCheck }: { canCheck: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const downloading = status?.download.state === 'downloading';
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      void call('updates.status', {}).then((r) => {
        if (r.ok) setStatus(r.value);
        if (r.ok && r.value.download.state === 'downloading') timer = setTimeout(load, 2000);
      });
    load();
    return () => clearTimeout(timer);
  }, [downloading]);

  async function run(what: () => ReturnType<typeof call<'updates.check'>>) {
    setBusy(true);
    const r = await what();
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) setStatus(r.value);
  }

  if (!status) return null;
  const ready = status.download.state === 'ready' && status.available;
  return (
    <section className="card" aria-labelledby="updates-title" data-testid="updates">
      <h2 id="updates-title">{t('updates.title')}</h2>
      <dl className="facts">
        <dt>{t('updates.current')}</dt>
        <dd>{status.current}</dd>
        <dt>{t('updates.available')}</dt>
        <dd>{status.available ?? t('updates.none')}</dd>
        <dt>{t('updates.lastCheck')}</dt>
        <dd>
          {status.lastCheckAt ? (
            <>
              <DualDate iso={status.lastCheckAt} /> {dateTimeShort(status.lastCheckAt).slice(11)}
            </>
          ) : (
            t('updates.never')
          )}
        </dd>
      </dl>
      <p
        role="status"
        className={status.outcome === 'refused' || status.outcome === 'below_minimum' ? 'warn' : 'muted'}
      >
        {status.outcome ? t(`updates.outcome.${status.outcome}`) : t('updates.never')}
        {status.download.state === 'downloading' &&
          ` · ${t('updates.downloading', { percent: status.download.percent })}`}
        {ready && ` · ${t('updates.ready', { version: status.available })}`}
      </p>
      {status.download.state === 'failed' && status.download.problem && (
        <p className="warn" data-testid="update-download-problem">
          {t(`updates.downloadProblem.${status.download.problem}`)}
        </p>
      )}
      {status.required && <p className="warn">{t('updates.required')}</p>}
      {(status.detail || status.download.detail) && (
        <details className="small">
          <summary>{t('case.technicalDetail')}</summary>
          <code>{[status.detail, status.download.detail].filter(Boolean).join(' · ')}</code>
        </details>
      )}
      {status.configured && !status.canInstall && <p className="muted">{t('updates.browserMode')}</p>}
      <div className="row">
        {canCheck && status.configured && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => run(() => call('updates.check', {}))}
          >
            {busy ? t('updates.checking') : t('updates.check')}
          </button>
        )}
        {ready && status.canInstall && (
          <>
            <button type="button" disabled={busy} onClick={() => run(() => call('updates.install', { when: 'now' }))}>
              {t('updates.installNow')}
            </button>
            {!status.installAtClose && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => run(() => call('updates.install', { when: 'close' }))}
              >
                {t('updates.installAtClose')}
              </button>
            )}
          </>
        )}
      </div>
      {status.installAtClose && status.available && (
        <p className="muted">{t('updates.atCloseChosen', { version: status.available })}</p>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
