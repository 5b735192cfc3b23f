// The practice walk in the sandbox: after the first-run help, an officer can do one real query on
// the training desk with a guide in a corner of the screen. It follows the practice case's state
// (read like the case screen reads it) and says the next step; the shell marks the control that
// step is about (data-guide, styles/practice.css). Not modal: the officer works the real screens.
// Its words are a polite live region, mounted empty and then filled, so a screen reader hears each
// step once, the first included; the guide takes the focus when it opens, from the help dialog.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../common/contract';
import { DEMO_CUSTOMERS } from '../../common/domain/demo-customers';
import { STATE_LABELS } from '../../common/domain/case-states';
import { taiwanDay } from '../../common/taiwan-day';
import { call } from '../api/desk-api';
import { practiceSheetPng } from '../practice/practice-sheet';
import { useDesk } from '../state/desk-store';
import { useNav } from '../state/nav-store';
import { usePractice, type PracticeStep } from '../state/practice-store';
import { ErrorBox } from './ErrorBox';
import { useL } from './Labels';

export const PRACTICE_CUSTOMER = DEMO_CUSTOMERS[0];

const WAITING = ['approved', 'queued', 'submitted', 'under_review'];

function stepOf(view: string, detail: CaseDetail | null, caseId: number | null): PracticeStep {
  if (caseId === null) return view === 'new-case' ? 'create' : 'open';
  if (!detail) return 'form';
  if (detail.state === 'draft') {
    if (detail.pages.length === 0) return 'form';
    return detail.quality.findings.some((f) => !f.override) ? 'findings' : 'confirm';
  }
  if (detail.state === 'authorization_captured') return 'ask';
  if (detail.state === 'awaiting_approval') return 'approve';
  if (detail.state === 'sent_back') return 'sent_back';
  if (WAITING.includes(detail.state)) return 'wait';
  if (detail.state === 'data_received') return 'results';
  return 'ended';
}

export function PracticeGuide() {
  const { t } = useTranslation();
  const l = useL();
  const { caseId, employeeId, show, end, start } = usePractice();
  const view = useNav((s) => s.view);
  const go = useNav((s) => s.go);
  const now = useDesk((s) => s.info?.now);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  // Started from the help dialog, whose closing would drop the focus on the page: it comes here,
  // once (not when the guide shows again after the screen was locked).
  const focusGuide = usePractice((p) => p.focusGuide);
  const guideFocused = usePractice((p) => p.guideFocused);
  useEffect(() => {
    if (!focusGuide) return;
    heading.current?.focus();
    guideFocused();
  }, [focusGuide, guideFocused]);

  useEffect(() => {
    if (caseId === null) return setDetail(null);
    let gone = false;
    const load = () =>
      void call('cases.get', { caseId }).then((r) => {
        if (!gone && r.ok) setDetail(r.value);
      });
    load();
    const timer = setInterval(load, 2000);
    return () => ((gone = true), clearInterval(timer));
  }, [caseId]);

  const current = stepOf(view.name, detail, caseId);
  useEffect(() => show(current), [current, show]);

  async function addPracticeForm() {
    if (caseId === null) return;
    setAdding(true);
    const subject = detail?.subject ?? PRACTICE_CUSTOMER;
    const r = await call('cases.addPhoto', {
      caseId,
      dataBase64: practiceSheetPng(subject, taiwanDay(now ?? new Date())),
    });
    setAdding(false);
    setError(r.ok ? null : r.error);
    if (r.ok) setDetail(r.value);
  }

  const onCase = view.name === 'case' && view.caseId === caseId;
  const text =
    current === 'ended'
      ? t('practice.steps.ended', { state: detail ? l(STATE_LABELS[detail.state]) : '' })
      : t(`practice.steps.${current}`, { name: PRACTICE_CUSTOMER.name });
  useEffect(() => setSaid(text), [text]);
  return (
    <aside className="practice-guide" aria-labelledby="practice-title" data-testid="practice-guide">
      <h2 id="practice-title" ref={heading} tabIndex={-1}>
        {t('practice.title')}
      </h2>
      <p aria-live="polite">{said}</p>
      <div className="row">
        {current === 'open' && (
          <button type="button" onClick={() => go({ name: 'new-case' })}>
            {t('practice.go')}
          </button>
        )}
        {current === 'form' && onCase && (
          <button type="button" disabled={adding} onClick={addPracticeForm}>
            {adding ? t('practice.adding') : t('practice.addForm')}
          </button>
        )}
        {caseId !== null && !onCase && view.name !== 'results' && (
          <button type="button" className="secondary" onClick={() => go({ name: 'case', caseId })}>
            {t('practice.back')}
          </button>
        )}
        {current === 'ended' && (
          <button type="button" className="secondary" onClick={() => employeeId && start(employeeId)}>
            {t('practice.again')}
          </button>
        )}
        <button type="button" className="secondary" onClick={end}>
          {t('practice.end')}
        </button>
      </div>
      <ErrorBox error={error} />
    </aside>
  );
}
