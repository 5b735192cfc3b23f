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

/** Punctuation by language: full-width in Chinese, ASCII in English. `person` reads
 * "陳大文（E1001）" or "Chen (E1001)". */
export function usePunctuation(): { colon: string; person: (name: string, id: string) => string } {
  const lang = useDesk((s) => s.lang);
  return lang === 'en'
    ? { colon: ': ', person: (name, id) => `${name} (${id})` }
    : { colon: '：', person: (name, id) => `${name}（${id}）` };
}
