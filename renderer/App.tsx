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
import { StatsScreen } from './screens/StatsScreen';
import { CasesScreen } from './screens/CasesScreen';
import { NewCaseScreen } from './screens/NewCaseScreen';
import { CaseScreen } from './screens/CaseScreen';
import { ResultsScreen } from './screens/ResultsScreen';
import { ChangePasswordScreen } from './screens/ChangePasswordScreen';
import { JcicBanner } from './components/JcicBanner';
import { HelpTour, helpSeen } from './components/HelpTour';
import { PracticeGuide } from './components/PracticeGuide';
import { usePractice } from './state/practice-store';
import { useNav, type View } from './state/nav-store';

/** The views a top-bar tab opens (the others need a case). */
type TabView = Exclude<View, { caseId: number }>['name'];

const POLL_MS = 2000;
const TOUCH_MS = 20_000;

/** Which views each role may open (main enforces the same through the contract). */
const VIEWS_BY_ROLE: Record<string, View['name'][]> = {
  it_admin: ['home', 'staff', 'audit', 'stats', 'password'],
  officer: ['home', 'cases', 'new-case', 'case', 'results', 'password'],
  supervisor: ['home', 'approvals', 'cases', 'case', 'results', 'stats', 'password'],
};

export function App() {
  const { t } = useTranslation();
  const { info, session, lang, unreachable } = useDesk();
  const { view, go } = useNav();
  // Help: opened from the top bar, or once by itself for an officer new to this PC.
  const [helpOpen, setHelpOpen] = useState(false);
  const [helpClosed, setHelpClosed] = useState(false);
  const practice = usePractice();

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
    if (view.name === 'home') return;
    if (!session || !VIEWS_BY_ROLE[session.user.role]?.includes(view.name)) go({ name: 'home' });
  }, [session, view, go]);

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
  else if (session.mustChangePassword) body = <ChangePasswordScreen required />;
  else if (view.name === 'password') body = <ChangePasswordScreen required={false} />;
  else if (view.name === 'staff') body = <StaffAdminScreen />;
  else if (view.name === 'audit') body = <AuditScreen />;
  else if (view.name === 'stats') body = <StatsScreen />;
  else if (view.name === 'cases') body = <CasesScreen scope={session.user.role === 'officer' ? 'mine' : 'all'} />;
  else if (view.name === 'approvals') body = <CasesScreen scope="awaiting_approval" />;
  else if (view.name === 'new-case') body = <NewCaseScreen />;
  else if (view.name === 'case') body = <CaseScreen key={view.caseId} caseId={view.caseId} />;
  else if (view.name === 'results') body = <ResultsScreen key={view.caseId} caseId={view.caseId} />;
  else body = <HomeScreen />;

  /** A top-bar tab; the one shown is marked as the current page, not by its colour alone. */
  const tab = (name: TabView, label: string) => (
    <button
      type="button"
      className={view.name === name ? 'tab on' : 'tab'}
      aria-current={view.name === name ? 'page' : undefined}
      onClick={() => go({ name })}
    >
      {label}
    </button>
  );

  const active = session && !session.locked ? session : null;
  // Until an IT-set password is replaced, the shell offers nothing but signing out.
  const working = active && !active.mustChangePassword ? active : null;
  // A practice is its officer's: signed out, or someone else signed in, and it ends (a locked screen
  // only hides it until its officer unlocks).
  const practising = practice.active && !!working && practice.employeeId === working.user.employeeId;
  const signedIn = session?.user.employeeId ?? null;
  useEffect(() => {
    if (practice.active && practice.employeeId !== signedIn) practice.end();
  }, [practice, signedIn]);
  return (
    <div className="app" data-guide-step={practising ? (practice.step ?? undefined) : undefined}>
      {/* Everything above the screen is the page's banner landmark: the sandbox and test-clock notes,
          the top bar and the JCIC status. */}
      <header>
        {info?.sandbox && (
          <div className="sandbox-banner" role="note" title={t('app.sandboxNote')}>
            <strong>{t('app.sandbox')}</strong> <span>{t('app.sandboxNote')}</span>
          </div>
        )}
        {info?.testClock && (
          <div className="test-clock-banner" role="note">
            {t('app.testClock')}
          </div>
        )}
        <div className="topbar">
          <span className="brand">{t('app.title')}</span>
          {working && (
            <nav aria-label={t('a11y.mainNav')}>
              {tab('home', t('home.title'))}
              {working.user.role === 'it_admin' && tab('staff', t('staff.title'))}
              {working.user.role === 'it_admin' && tab('audit', t('audit.title'))}
              {working.user.role === 'supervisor' && tab('approvals', t('nav.approvals'))}
              {working.user.role !== 'it_admin' && tab('cases', t('nav.cases'))}
              {working.user.role !== 'officer' && tab('stats', t('stats.tab'))}
            </nav>
          )}
          <span className="spacer" />
          {active && (
            <span className="who" title={t('shell.idleLockAt', { time: dateTimeShort(active.idleLockAt) })}>
              {t('shell.signedInAs', {
                name: active.user.name,
                role: t(`roles.${active.user.role}`),
                branch: active.user.branchCode,
              })}
            </span>
          )}
          {working && (
            <button type="button" className="secondary" onClick={() => setHelpOpen(true)}>
              {t('help.open')}
            </button>
          )}
          {working && (
            <button type="button" className="secondary" onClick={() => go({ name: 'password' })}>
              {t('shell.changePassword')}
            </button>
          )}
          {active && (
            <button type="button" className="secondary" onClick={lockNow}>
              {t('shell.lockNow')}
            </button>
          )}
          {active && (
            <button type="button" className="secondary" onClick={logout}>
              {t('shell.logout')}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            lang={lang === 'en' ? 'zh-TW' : 'en'}
            onClick={() => useDesk.getState().setLang(lang === 'en' ? 'zh-TW' : 'en')}
          >
            {t('app.language')}
          </button>
        </div>
        {working && <JcicBanner />}
      </header>
      <main>{body}</main>
      {practising && info?.sandbox && <PracticeGuide />}
      {working &&
        (helpOpen || (!helpClosed && working.user.role === 'officer' && !helpSeen(working.user.employeeId))) && (
          <HelpTour
            employeeId={working.user.employeeId}
            sandbox={!!info?.sandbox}
            canPractice={!!info?.sandbox && working.user.role === 'officer'}
            onPractice={() => (practice.start(working.user.employeeId), go({ name: 'new-case' }))}
            onClose={() => (setHelpOpen(false), setHelpClosed(true))}
          />
        )}
    </div>
  );
}
