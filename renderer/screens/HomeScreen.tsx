import { useTranslation } from 'react-i18next';
import { useDesk } from '../state/desk-store';
import { DeskHealthCard } from '../components/DeskHealthCard';
import { GrantsCard } from '../components/GrantsCard';

/** The desk's own facts, as every role sees them. Feature screens join as their features land. */
export function HomeScreen() {
  const { t } = useTranslation();
  const info = useDesk((s) => s.info);
  const role = useDesk((s) => s.session?.user.role);
  if (!info) return null;
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <dl className="card facts">
        <dt>{t('home.bank')}</dt>
        <dd>{info.bankCode ?? t('home.notSet')}</dd>
        <dt>{t('home.branch')}</dt>
        <dd>{info.branchCode ?? t('home.notSet')}</dd>
        <dt>{t('home.jcic')}</dt>
        <dd>{info.sandbox ? t('home.sandboxJcic') : t('home.realJcic')}</dd>
        <dt>{t('home.version')}</dt>
        <dd>{info.version}</dd>
      </dl>
      {(role === 'it_admin' || role === 'supervisor') && <GrantsCard />}
      {role === 'it_admin' && <DeskHealthCard />}
    </section>
  );
}
