import type { DeskErrorPayload } from '../../common/contract';
import { useDesk } from '../state/desk-store';

/** Shows a main-side error in the user's language: fixed wording, plus the fields at fault. */
export function ErrorBox({ error }: { error: DeskErrorPayload | string | null }) {
  const lang = useDesk((s) => s.lang);
  if (!error) return null;
  if (typeof error === 'string')
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  return (
    <div role="alert" className="error" data-error-code={error.code}>
      {error.message[lang]}
    </div>
  );
}
