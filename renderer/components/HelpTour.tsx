// The first-run walk through the case flow: shown once to each officer after their first sign-in on
// this PC (remembered in this profile's storage), skippable at every step, reopened from the top
// bar's Help. A modal dialog: focus stays inside, Escape closes it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const seenKey = (employeeId: string) => `branch-desk.help-seen.${employeeId}`;

export function helpSeen(employeeId: string): boolean {
  try {
    return localStorage.getItem(seenKey(employeeId)) === '1';
  } catch {
    return true; // no storage: never nag
  }
}

export function HelpTour({
  employeeId,
  sandbox,
  canPractice,
  onPractice,
  onClose,
}: {
  employeeId: string;
  sandbox: boolean;
  /** The training desk, for an officer: a practice case with a guide beside the real screens. */
  canPractice: boolean;
  onPractice(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState(0);
  const steps = t('help.steps', { returnObjects: true }) as { title: string; body: string }[];
  useEffect(() => {
    const shown = dialog.current;
    if (shown && !shown.open) shown.showModal();
    return () => shown?.close();
  }, []);
  const close = () => {
    try {
      localStorage.setItem(seenKey(employeeId), '1');
    } catch {
      // Storage refused: it shows again next time, which is harmless.
    }
    onClose();
  };
  const current = steps[step]!;
  const last = step === steps.length - 1;
  return (
    <dialog
      ref={dialog}
      className="help-tour"
      aria-labelledby="help-title"
      aria-describedby="help-body"
      onCancel={(e) => (e.preventDefault(), close())}
    >
      <h2 id="help-title">{t('help.title')}</h2>
      {sandbox && <p className="muted">{t('help.sandbox')}</p>}
      <p className="muted" aria-live="polite">
        {t('help.stepOf', { n: step + 1, of: steps.length })}
      </p>
      <h3>{current.title}</h3>
      <p id="help-body">{current.body}</p>
      <div className="row">
        {step > 0 && (
          <button type="button" className="secondary" onClick={() => setStep(step - 1)}>
            {t('help.back')}
          </button>
        )}
        <button type="button" autoFocus onClick={() => (last ? close() : setStep(step + 1))}>
          {last ? t('help.done') : t('help.next')}
        </button>
        {!last && (
          <button type="button" className="secondary" onClick={close}>
            {t('help.skip')}
          </button>
        )}
      </div>
      {canPractice && (
        <div className="help-practice">
          <p className="muted">{t('practice.startHint')}</p>
          <button type="button" className="secondary" onClick={() => (close(), onPractice())}>
            {t('practice.start')}
          </button>
        </div>
      )}
    </dialog>
  );
}
