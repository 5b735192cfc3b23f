// The practice walk in the sandbox (components/PracticeGuide.tsx): whether it runs and for whom,
// the practice case once it is made, and the step shown (the shell marks the control the step is
// about). Plain UI state: main knows nothing of it; the case is an ordinary sandbox case.
import { create } from 'zustand';

export type PracticeStep =
  'open' | 'create' | 'form' | 'findings' | 'confirm' | 'ask' | 'approve' | 'sent_back' | 'wait' | 'results' | 'ended';

interface Practice {
  active: boolean;
  /** Whose practice it is: it ends when anyone else is signed in, or no one. */
  employeeId: string | null;
  caseId: number | null;
  step: PracticeStep | null;
  /** Just started from Help: the guide takes the focus once (not again after an unlock). */
  focusGuide: boolean;
  start(employeeId: string): void;
  guideFocused(): void;
  attach(caseId: number): void;
  show(step: PracticeStep | null): void;
  end(): void;
}

export const usePractice = create<Practice>((set) => ({
  active: false,
  employeeId: null,
  caseId: null,
  step: null,
  focusGuide: false,
  start: (employeeId) => set({ active: true, employeeId, caseId: null, step: 'open', focusGuide: true }),
  guideFocused: () => set({ focusGuide: false }),
  attach: (caseId) => set((p) => (p.active && p.caseId === null ? { caseId } : p)),
  show: (step) => set({ step }),
  end: () => set({ active: false, employeeId: null, caseId: null, step: null, focusGuide: false }),
}));
