import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input; the label is its accessible name, the hint and any error its description. An
 * error sits under the input it is about and marks it invalid. */
export function Field({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={described || undefined} aria-invalid={error ? true : undefined} {...input} />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        // Not an alert of its own: the form's error box announces it; this is read with the field.
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
