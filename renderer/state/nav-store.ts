// Which screen is shown. Plain UI state: nothing here is trusted by main.
import { create } from 'zustand';

export type View =
  | { name: 'home' }
  | { name: 'staff' }
  | { name: 'audit' }
  | { name: 'stats' }
  | { name: 'cases' }
  | { name: 'approvals' }
  | { name: 'new-case' }
  | { name: 'case'; caseId: number }
  | { name: 'results'; caseId: number }
  | { name: 'password' };

export const useNav = create<{ view: View; go(view: View): void }>((set) => ({
  view: { name: 'home' },
  go: (view) => set({ view }),
}));
