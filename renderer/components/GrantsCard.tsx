// Grants of approval authority waiting for a second person, on the home of IT administrators and
// supervisors: who is to get what, who asked, and (where this user may) confirm or withdraw. The
// desk's first supervisor, in effect without a second person, is flagged until another supervisor
// confirms it.
import { usePunctuation } from './Labels';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, Grant } from '../../common/contract';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox } from './ErrorBox';

export function GrantsCard() {
  const { person } = usePunctuation();
  const { t } = useTranslation();
  const [grants, setGrants] = useState<Grant[]>([]);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const load = useCallback(async () => {
    const r = await call('staff.grants', {});
    if (r.ok) setGrants(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => void load(), [load]);

  async function decide(grant: Grant, how: 'confirmGrant' | 'cancelGrant') {
    const r = await call(`staff.${how}`, { grantId: grant.id });
    setError(r.ok ? null : r.error);
    await load();
  }

  if (grants.length === 0 && !error) return null;
  return (
    <section className="card" aria-label={t('grants.title')} data-testid="grants">
      <h2>{t('grants.title')}</h2>
      <ErrorBox error={error} />
      <ul className="plain">
        {grants.map((g) => (
          <li
            key={g.id}
            data-grant-id={g.id}
            data-state={g.state}
            className={g.state === 'provisional' ? 'warn' : undefined}
          >
            <strong>{person(g.name, g.employeeId)}</strong>{' '}
            {t(`grants.change.${g.change}`, { role: t(`roles.${g.role}`) })}
            {' · '}
            {g.state === 'provisional' ? t('grants.provisional') : t('grants.pending')}
            <br />
            <span className="muted">
              {t('grants.asked', {
                who: g.requestedBy ? person(g.requestedBy.name, g.requestedBy.employeeId) : '—',
                time: dateTimeShort(g.requestedAt),
              })}
            </span>
            {g.mayConfirm && (
              <span className="row">
                <button
                  type="button"
                  onClick={() => void decide(g, 'confirmGrant')}
                  aria-label={t('grants.confirmFor', { name: g.name })}
                >
                  {t('grants.confirm')}
                </button>
                {g.state === 'pending' && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void decide(g, 'cancelGrant')}
                    aria-label={t('grants.cancelFor', { name: g.name })}
                  >
                    {t('grants.cancel')}
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
