import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../common/contract';
import { STATE_LABELS, type CaseState } from '../../common/domain/case-states';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { L } from './Labels';
import { TimeLeft } from './Dates';
import { useNav } from '../state/nav-store';

const SHOWN = 10;

/** One queue of work on a home screen: the first cases in these states, newest first (oldest first
 * for approvals), each a button to open it; says when there are more than it shows. */
export function WorkQueue({
  title,
  scope,
  states,
  empty,
  testId,
}: {
  title: string;
  scope: 'mine' | 'awaiting_approval';
  states?: CaseState[];
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const key = states?.join(',') ?? '';
  useEffect(() => {
    let live = true;
    const load = async () => {
      // `key` stands for `states`, so a new array with the same states does not reload.
      const wanted = key ? (key.split(',') as CaseState[]) : undefined;
      const r = await call('cases.list', { scope, limit: SHOWN, ...(wanted ? { states: wanted } : {}) });
      if (!live || !r.ok) return;
      setItems(r.value.items);
      setMore(r.value.nextCursor !== null);
    };
    void load();
    const timer = setInterval(load, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [scope, key]);
  if (!items) return null;
  return (
    <section className="card" aria-label={title} data-testid={testId}>
      <h2>
        {title} <span className="count">{more ? `${SHOWN}+` : items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="queue">
          {items.map((c) => (
            <li key={c.id}>
              <button type="button" className="link" onClick={() => go({ name: 'case', caseId: c.id })}>
                {t('case.title', { id: c.id })} {c.subjectNameMasked}
              </button>{' '}
              <span className={`state state-${c.state}`}>
                <L text={STATE_LABELS[c.state]} />
              </span>{' '}
              <span className="muted">{dateTimeShort(c.updatedAt)}</span>
              {c.sentBackReason && (
                <span className="sent-back-reason">{t('case.sentBackReason', { reason: c.sentBackReason })}</span>
              )}
              {c.state === 'data_received' && c.dataExpiresAt && (
                <span className="small">
                  {' '}
                  · {t('home.timeLeft')} <TimeLeft iso={c.dataExpiresAt} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button
          type="button"
          className="secondary"
          onClick={() => go({ name: scope === 'mine' ? 'cases' : 'approvals' })}
        >
          {t('home.seeAll')}
        </button>
      )}
    </section>
  );
}
