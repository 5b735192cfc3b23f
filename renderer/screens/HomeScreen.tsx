import { useTranslation } from 'react-i18next';
import { useDesk } from '../state/desk-store';
import { DeskHealthCard } from '../components/DeskHealthCard';
import { UpdatesCard } from '../components/UpdatesCard';
import { CardDiagnosticsCard } from '../components/CardDiagnosticsCard';
import { GrantsCard } from '../components/GrantsCard';
import { WorkQueue } from '../components/WorkQueue';
import type { CaseState } from '../../common/domain/case-states';

/** An officer's work, most urgent first: what a supervisor sent back, what is unfinished, what
 * ended without data, what came back from JCIC (and how long it stays). */
const OFFICER_QUEUES: { testId: string; title: string; states: CaseState[]; empty: string }[] = [
  { testId: 'queue-sent-back', title: 'home.sentBack', states: ['sent_back'], empty: 'home.noneSentBack' },
  {
    testId: 'queue-drafts',
    title: 'home.drafts',
    states: ['draft', 'authorization_captured'],
    empty: 'home.noneDrafts',
  },
  {
    testId: 'queue-ended',
    title: 'home.rejected',
    states: ['rejected', 'authorization_expired'],
    empty: 'home.noneRejected',
  },
  { testId: 'queue-data', title: 'home.dataReceived', states: ['data_received'], empty: 'home.noneData' },
];

/** What needs the signed-in person now (an officer's queues, a supervisor's approvals, IT's desk
 * status), then the desk's facts — the same bank and branch the header shows. */
export function HomeScreen() {
  const { t } = useTranslation();
  const info = useDesk((s) => s.info);
  const user = useDesk((s) => s.session?.user);
  if (!info) return null;
  const role = user?.role;
  const branch = info.branchCode ?? (user ? t('home.branchOfUser', { branch: user.branchCode }) : t('home.notSet'));
  return (
    <section>
      <h1>{t('home.title')}</h1>
      {role === 'officer' && (
        <div className="queues">
          {OFFICER_QUEUES.map((q) => (
            <WorkQueue
              key={q.testId}
              testId={q.testId}
              title={t(q.title)}
              scope="mine"
              states={q.states}
              empty={t(q.empty)}
            />
          ))}
        </div>
      )}
      {role === 'supervisor' && (
        <WorkQueue
          testId="queue-approvals"
          title={t('home.awaiting')}
          scope="awaiting_approval"
          empty={t('home.noneAwaiting')}
        />
      )}
      {(role === 'it_admin' || role === 'supervisor') && <GrantsCard />}
      {role === 'it_admin' && <DeskHealthCard />}
      {role === 'it_admin' && <CardDiagnosticsCard />}
      <section className="card" aria-label={t('home.desk')}>
        <h2>{t('home.desk')}</h2>
        <dl className="facts">
          <dt>{t('home.bank')}</dt>
          <dd>{info.bankCode ?? t('home.bankNotSet')}</dd>
          <dt>{t('home.branch')}</dt>
          <dd>{branch}</dd>
          <dt>{t('home.jcic')}</dt>
          <dd>{info.sandbox ? t('home.sandboxJcic') : t('home.realJcic')}</dd>
          <dt>{t('home.version')}</dt>
          <dd>{info.version}</dd>
        </dl>
      </section>
      <UpdatesCard canCheck={role === 'it_admin'} />
    </section>
  );
}
