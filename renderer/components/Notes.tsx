import type { Bilingual } from '../../common/contract';
import { fillSlots } from '../../common/contract/errors';
import type { Note } from '../../common/domain/case-notes';
import { rocDate } from '../../common/format';
import { useDesk } from '../state/desk-store';

/** Words for a note the desk stored as a code (common/domain/case-notes.ts), in the user's
 * language; dates among its parameters as the user reads dates. An unknown code shows `fallback`
 * (the text as it was sent), or the code itself. */
export function useNoteText(): (note: Note, catalog: Record<string, Bilingual>, fallback?: string | null) => string {
  const lang = useDesk((s) => s.lang);
  return (note, catalog, fallback) => {
    // Own keys only: a code such as "constructor" from outside must not reach Object.prototype.
    const template = Object.hasOwn(catalog, note.code) ? catalog[note.code]![lang] : undefined;
    if (!template) return fallback || note.code;
    return fillSlots(template, (key) => {
      const value = note.params[key];
      if (value === undefined) return undefined;
      const text = String(value);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
      return lang === 'en' ? text : rocDate(text);
    });
  };
}
