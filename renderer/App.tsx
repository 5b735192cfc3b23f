import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeShort } from '../common/format';
import { call } from './api/desk-api';
import { ErrorBox } from './components/ErrorBox';
import { useDesk } from './state/desk-store';
import { SetupScreen } from './screens/SetupScreen';
import { LoginScreen } from './screens/LoginScreen';
import { LockScreen } from './screens/LockScreen';
import { HomeScreen } from './screens/HomeScreen';
import { StaffAdminScreen } from './screens/StaffAdminScreen';
import { AuditScreen } from './screens/AuditScreen';

const POLL_MS = 2000;
const TOUCH_MS = 20_000;

type Tab = 'home' | 'staff' | 'audit';

export function App() {
  const { t } = useTranslation();
  const { info, session, lang, unreachable } = useDesk();
  const [tab, setTab] = useState<Tab>('home');

  // Main decides when the session locks; the renderer only asks (a passive call) and shows it.
  useEffect(() => {
    void useDesk.getState().refresh();
    const timer = setInterval(() => void useDesk.getState().refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, []);

  // Keyboard and pointer use is activity: tell main, at most every TOUCH_MS.
  useEffect(() => {
    let last = 0;
    const onActivity = () => {
      const s = useDesk.getState().session;
      if (!s || s.locked || Date.now() - last < TOUCH_MS) return;
      last = Date.now();
      void call('session.touch', {});
    };
    window.addEventListener('keydown', onActivity);
    window.addEventListener('pointerdown', onActivity);
    return () => {
      window.removeEventListener('keydown', onActivity);
      window.removeEventListener('pointerdown', onActivity);
    };
  }, []);

  useEffect(() => {
    if (session?.user.role !== 'it_admin' && tab !== 'home') setTab('home');
  }, [session, tab]);

  async function logout() {
    await call('auth.logout', {});
    await useDesk.getState().refresh();
  }
  async function lockNow() {
    await call('auth.lock', {});
    await useDesk.getState().refresh();
  }

  let body;
  if (unreachable && !info) body = <ErrorBox error={unreachable} />;
  else if (!info) body = null;
  else if (info.needsSetup) body = <SetupScreen />;
  else if (!session) body = <LoginScreen />;
  else if (session.locked) body = <LockScreen session={session} />;
  else if (tab === 'staff') body = <StaffAdminScreen />;
  else if (tab === 'audit') body = <AuditScreen />;
  else body = <HomeScreen />;

  const active = session && !session.locked ? session : null;
  return (
    <div className="app">
      {info?.sandbox && (
        <div className="sandbox-banner" role="note" title={t('app.sandboxNote')}>
          <strong>{t('app.sandbox')}</strong> <span>{t('app.sandboxNote')}</span>
        </div>
      )}
      {info?.testClock && <div className="test-clock-banner" role="note">{t('app.testClock')}</div>}
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        {active && (
          <nav aria-label="main">
            <button type="button" className={tab === 'home' ? 'tab on' : 'tab'} onClick={() => setTab('home')}>{t('home.title')}</button>
            {active.user.role === 'it_admin' && (
              <>
                <button type="button" className={tab === 'staff' ? 'tab on' : 'tab'} onClick={() => setTab('staff')}>{t('staff.title')}</button>
                <button type="button" className={tab === 'audit' ? 'tab on' : 'tab'} onClick={() => setTab('audit')}>{t('audit.title')}</button>
              </>
            )}
          </nav>
        )}
        <span className="spacer" />
        {active && (
          <span className="who" title={t('shell.idleLockAt', { time: dateTimeShort(active.idleLockAt) })}>
            {t('shell.signedInAs', { name: active.user.name, role: t(`roles.${active.user.role}`), branch: active.user.branchCode })}
          </span>
        )}
        {active && <button type="button" className="secondary" onClick={lockNow}>{t('shell.lockNow')}</button>}
        {active && <button type="button" className="secondary" onClick={logout}>{t('shell.logout')}</button>}
        <button type="button" className="secondary" lang={lang === 'en' ? 'zh-TW' : 'en'} onClick={() => useDesk.getState().setLang(lang === 'en' ? 'zh-TW' : 'en')}>
          {t('app.language')}
        </button>
      </header>
      <main>{body}</main>
    </div>
  );
}
