import { useTranslation } from 'react-i18next';
import { useDesk } from '../state/desk-store';
import { DeskHealthCard } from '../components/DeskHealthCard';
import { GrantsCard } from '../components/GrantsCard';
import { WorkQueue } from '../components/WorkQueue';

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
          <WorkQueue
            testId="queue-sent-back"
            title={t('home.sentBack')}
            scope="mine"
            states={['sent_back']}
            empty={t('home.noneSentBack')}
          />
          <WorkQueue
            testId="queue-drafts"
            title={t('home.drafts')}
            scope="mine"
            states={['draft', 'authorization_captured']}
            empty={t('home.noneDrafts')}
          />
          <WorkQueue
            testId="queue-ended"
            title={t('home.rejected')}
            scope="mine"
            states={['rejected', 'authorization_expired']}
            empty={t('home.noneRejected')}
          />
          <WorkQueue
            testId="queue-data"
            title={t('home.dataReceived')}
            scope="mine"
            states={['data_received']}
            empty={t('home.noneData')}
          />
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
    </section>
  );
}
