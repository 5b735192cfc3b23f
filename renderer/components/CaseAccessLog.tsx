// For the supervisor: who has opened this customer's form or data, and who printed it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, DeskErrorPayload } from '../../common/contract';
import { AUDIT_ACTION_LABELS } from '../../common/domain/audit-actions';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { useDesk } from '../state/desk-store';
import { ErrorBox } from './ErrorBox';

export function CaseAccessLog({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const show = async (older = false) => {
    const beforeId = older ? entries?.at(-1)?.id : undefined;
    const r = await call('cases.accessLog', { caseId, ...(beforeId ? { beforeId } : {}) });
    if (!r.ok) return setError(r.error);
    setEntries(older && entries ? [...entries, ...r.value.items] : r.value.items);
    setMore(r.value.more);
  };
  useEffect(() => setEntries(null), [caseId]);
  return (
    <section>
      <h2>{t('case.accessLog')}</h2>
      {entries === null && (
        <button type="button" className="secondary" onClick={() => void show()}>
          {t('case.showAccessLog')}
        </button>
      )}
      <ErrorBox error={error} />
      {entries && entries.length === 0 && <p className="muted">{t('case.noAccess')}</p>}
      {entries && entries.length > 0 && (
        <ol className="timeline" aria-label={t('case.accessLog')}>
          {entries.map((e) => (
            <li key={e.id}>
              <span className="muted">{dateTimeShort(e.at)}</span> {e.actorEmployeeId ?? t('case.system')} ·{' '}
              {AUDIT_ACTION_LABELS[e.action]?.[lang] ?? e.action}
            </li>
          ))}
        </ol>
      )}
      {entries && more && (
        <button type="button" className="secondary" onClick={() => void show(true)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
