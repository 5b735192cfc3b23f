import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, DeskErrorPayload } from '../../common/contract';
import { STATE_LABELS } from '../../common/domain/case-states';
import { PURPOSE_LABELS, ROLE_LABELS } from '../../common/domain/eligibility';
import { dateTimeShort } from '../../common/format';
import { call } from '../api/desk-api';
import { ErrorBox } from '../components/ErrorBox';
import { L } from '../components/Labels';
import { TimeLeft } from '../components/Dates';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';
import { latestWins } from '../state/latest-wins';

/** Rows per page, and the most a list shows before the officer should search instead. */
const PAGE = 50;
const MAX_SHOWN = 200;

export function CasesScreen({ scope }: { scope: 'mine' | 'all' | 'awaiting_approval' }) {
  const { t } = useTranslation();
  const role = useDesk((s) => s.session?.user.role);
  const go = useNav((s) => s.go);
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  /** How many rows are on screen: the refresh asks for exactly those, never the whole list. */
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const answers = useMemo(() => latestWins(), []);

  useEffect(() => {
    const load = async () => {
      const ticket = answers.ticket();
      const r = await call('cases.list', { scope, limit: shown, ...(search ? { search } : {}) });
      if (!answers.apply(ticket)) return; // an answer to an older search never replaces a newer one
      if (r.ok) {
        setCases(r.value.items);
        setNextCursor(r.value.nextCursor);
      } else setError(r.error);
    };
    void load();
    const timer = setInterval(load, 3000);
    return () => clearInterval(timer);
  }, [scope, search, answers, shown]);

  /** The next page, appended; the refresh then keeps all shown rows current. */
  async function more() {
    if (!nextCursor || !cases) return;
    const ticket = answers.ticket();
    const r = await call('cases.list', { scope, limit: PAGE, cursor: nextCursor, ...(search ? { search } : {}) });
    if (!answers.apply(ticket)) return;
    if (!r.ok) return setError(r.error);
    setCases([...cases, ...r.value.items]);
    setNextCursor(r.value.nextCursor);
    setShown(Math.min(MAX_SHOWN, cases.length + r.value.items.length));
  }

  const title = scope === 'awaiting_approval' ? t('cases.approvals') : t('cases.title');
  return (
    <section>
      <div className="row spread">
        <h1>{title}</h1>
        {role === 'officer' && scope !== 'awaiting_approval' && (
          <button type="button" data-guide="open" onClick={() => go({ name: 'new-case' })}>
            {t('cases.new')}
          </button>
        )}
      </div>
      <form
        className="row"
        role="search"
        aria-label={t('cases.search')}
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(typed.trim());
          setShown(PAGE);
        }}
      >
        {/* The hint stays visible while typing (a placeholder would vanish with the first key). */}
        <input
          type="search"
          aria-label={t('cases.search')}
          aria-describedby="case-search-hint"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          maxLength={60}
          className="search"
        />
        <button type="submit" className="secondary">
          {t('cases.searchGo')}
        </button>
        {search && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setTyped('');
              setSearch('');
            }}
          >
            {t('cases.searchClear')}
          </button>
        )}
        <small id="case-search-hint" className="muted">
          {t('cases.searchHint')}
        </small>
      </form>
      <ErrorBox error={error} />
      {cases && cases.length === 0 && (
        <p className="muted">
          {search
            ? t('cases.noMatch', { search })
            : scope === 'awaiting_approval'
              ? t('cases.noApprovals')
              : t('cases.none')}
        </p>
      )}
      {cases && cases.length > 0 && (
        <table className="table" aria-label={title} data-testid="case-list">
          <thead>
            <tr>
              <th>{t('cases.id')}</th>
              <th>{t('cases.subject')}</th>
              <th>{t('cases.role')}</th>
              <th>{t('cases.purpose')}</th>
              <th>{t('cases.products')}</th>
              <th>{t('cases.state')}</th>
              <th>{t('cases.preparedBy')}</th>
              <th>{t('cases.updated')}</th>
              <th>{t('cases.remaining')}</th>
              <th>
                <span className="visually-hidden">{t('cases.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-case-id={c.id}>
                <td>#{c.id}</td>
                <td>
                  {c.subjectNameMasked} <span className="muted">{c.subjectIdMasked}</span>
                </td>
                <td>
                  <L text={ROLE_LABELS[c.role]} />
                </td>
                <td>
                  <L text={PURPOSE_LABELS[c.purpose]} />
                </td>
                <td>{c.products.join(' ')}</td>
                <td>
                  <span className={`state state-${c.state}`}>
                    <L text={STATE_LABELS[c.state]} />
                  </span>
                  {c.sentBackReason && (
                    <small className="sent-back-reason">{t('case.sentBackReason', { reason: c.sentBackReason })}</small>
                  )}
                </td>
                <td>{c.preparedBy.name}</td>
                <td>{dateTimeShort(c.updatedAt)}</td>
                <td>{c.dataExpiresAt && c.state !== 'purged' ? <TimeLeft iso={c.dataExpiresAt} /> : ''}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => go({ name: 'case', caseId: c.id })}>
                    {t('cases.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && cases && cases.length < MAX_SHOWN && (
        <button type="button" className="secondary" onClick={() => void more()}>
          {t('cases.more')}
        </button>
      )}
    </section>
  );
}
