// What the renderer knows about the desk: its info and the session as main reports it. The
// session's truth lives in main; this store only mirrors the last answer.
import { create } from 'zustand';
import type { DeskErrorPayload, DeskInfo, Lang, SessionView } from '../../common/contract';
import { call } from '../api/desk-api';
import i18n from '../i18n';
import { latestWins } from './latest-wins';

interface DeskState {
  info: DeskInfo | null;
  session: SessionView | null;
  lang: Lang;
  unreachable: DeskErrorPayload | null;
  refresh(): Promise<void>;
  setSession(session: SessionView | null): void;
  setLang(lang: Lang): void;
}

let languageChosen = false;
// The session on screen must never go back to an answer older than one already shown.
const sessionAnswers = latestWins();

export const useDesk = create<DeskState>((set) => ({
  info: null,
  session: null,
  lang: 'zh-TW',
  unreachable: null,
  async refresh() {
    const ticket = sessionAnswers.ticket();
    const [info, session] = await Promise.all([call('desk.info', {}), call('session.current', {})]);
    if (!sessionAnswers.apply(ticket)) return;
    if (!info.ok) return set({ unreachable: info.error });
    if (!session.ok) return set({ unreachable: session.error });
    set({ info: info.value, session: session.value, unreachable: null });
    if (!languageChosen) useDesk.getState().setLang(info.value.language);
  },
  setSession(session) {
    sessionAnswers.apply(sessionAnswers.ticket());
    set({ session });
  },
  setLang(lang) {
    languageChosen = true;
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
}));
