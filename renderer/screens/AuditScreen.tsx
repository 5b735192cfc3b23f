import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, DeskErrorPayload } from '../../common/contract';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';

const PAGE = 100;

export function AuditScreen() {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [more, setMore] = useState(false);

  async function load(beforeId?: number) {
    const result = await call('audit.list', beforeId ? { limit: PAGE, beforeId } : { limit: PAGE });
    if (!result.ok) return setError(result.error);
    setEntries((old) => (beforeId ? [...old, ...result.value] : result.value));
    setMore(result.value.length === PAGE);
  }
  useEffect(() => void load(), []);

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <ErrorBox error={error} />
      <table className="table" aria-label={t('audit.title')}>
        <thead><tr><th>{t('audit.at')}</th><th>{t('audit.actor')}</th><th>{t('audit.action')}</th><th>{t('audit.target')}</th><th>{t('audit.detail')}</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}><td>{dateTimeShort(e.at)}</td><td>{e.actorEmployeeId ?? '—'}</td><td><code>{e.action}</code></td><td>{e.target ?? ''}</td><td><code>{e.detail ?? ''}</code></td></tr>
          ))}
        </tbody>
      </table>
      {more && <button type="button" className="secondary" onClick={() => void load(entries[entries.length - 1]?.id)}>{t('audit.more')}</button>}
    </section>
  );
}
