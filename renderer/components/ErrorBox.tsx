import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../common/contract';

/** An error the screen finds itself (two passwords that differ): its i18n key, worded at each
 * render so it follows a change of language; `at` is the input it is about. */
export interface ScreenError {
  t: string;
  at?: string;
}
export type ShownError = DeskErrorPayload | ScreenError | string | null;
import { useDesk } from '../state/desk-store';

/** Shows a main-side error in the user's language, where it is put: next to the control whose
 * action failed. A new error is brought into view and takes the focus (announced as an alert), so
 * it is never off-screen while the user looks at the button they pressed. */
export function ErrorBox({ error, quiet }: { error: ShownError; quiet?: boolean }) {
  const lang = useDesk((s) => s.lang);
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const text = !error ? null : typeof error === 'string' ? error : 't' in error ? t(error.t) : error.message[lang];
  useEffect(() => {
    if (!text || quiet || !ref.current) return;
    ref.current.scrollIntoView?.({ block: 'nearest' });
    ref.current.focus({ preventScroll: true });
  }, [text, quiet]);
  if (!error) return null;
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="error"
      data-error-code={typeof error === 'string' || 't' in error ? undefined : error.code}
    >
      {text}
    </div>
  );
}

/** The problem an error names for one input (a field of a VALIDATION error, or the input another
 * error is about), in the user's language; undefined when the error is not about it. */
export function useFieldError(error: ShownError): (path: string) => string | undefined {
  const lang = useDesk((s) => s.lang);
  const { t } = useTranslation();
  return (path) => {
    if (!error || typeof error === 'string') return undefined;
    if ('t' in error) return error.at === path ? t(error.t) : undefined;
    const issue = error.fields?.find((f) => f.path === path);
    if (issue) return issue.message[lang];
    return error.at === path ? error.message[lang] : undefined;
  };
}
