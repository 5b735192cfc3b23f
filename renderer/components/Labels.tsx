import type { Bilingual } from '../../common/contract';
import { useDesk } from '../state/desk-store';

/** Shows the user's language side of a bilingual text from common/ (rules, states, products). */
export function L({ text }: { text: Bilingual }) {
  const lang = useDesk((s) => s.lang);
  return <>{text[lang]}</>;
}

export function useL(): (text: Bilingual) => string {
  const lang = useDesk((s) => s.lang);
  return (text) => text[lang];
}
