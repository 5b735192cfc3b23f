import { useEffect, useRef } from 'react';
import type { DeskErrorPayload } from '../../common/contract';
import { useDesk } from '../state/desk-store';

/** Shows a main-side error in the user's language, where it is put: next to the control whose
 * action failed. A new error is brought into view and takes the focus (announced as an alert), so
 * it is never off-screen while the user looks at the button they pressed. */
export function ErrorBox({ error, quiet }: { error: DeskErrorPayload | string | null; quiet?: boolean }) {
  const lang = useDesk((s) => s.lang);
  const ref = useRef<HTMLDivElement>(null);
  const text = !error ? null : typeof error === 'string' ? error : error.message[lang];
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
      data-error-code={typeof error === 'string' ? undefined : error.code}
    >
      {text}
    </div>
  );
}

/** The problem an error names for one input (a field of a VALIDATION error, or the input another
 * error is about), in the user's language; undefined when the error is not about it. */
export function useFieldError(error: DeskErrorPayload | string | null): (path: string) => string | undefined {
  const lang = useDesk((s) => s.lang);
  return (path) => {
    if (!error || typeof error === 'string') return undefined;
    const issue = error.fields?.find((f) => f.path === path);
    if (issue) return issue.message[lang];
    return error.at === path ? error.message[lang] : undefined;
  };
}
