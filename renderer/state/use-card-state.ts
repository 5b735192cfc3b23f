import { useEffect, useState } from 'react';
import type { DeskErrorPayload, OutputOf } from '../../common/contract';
import { call } from '../api/desk-api';
import { latestWins } from './latest-wins';

export type CardState = OutputOf<'card.state'>;

/** The card readers as the desk sees them, asked every second while a card screen is open (the
 * call is passive: polling does not keep an idle session awake). */
export function useCardState(): { state: CardState | null; error: DeskErrorPayload | null; refresh(): void } {
  const [state, setState] = useState<CardState | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const answers = latestWins();
    let stopped = false;
    const ask = async () => {
      const ticket = answers.ticket();
      const r = await call('card.state', {});
      if (stopped || !answers.apply(ticket)) return;
      if (r.ok) {
        setState(r.value);
        setError(null);
      } else setError(r.error);
    };
    void ask();
    const timer = setInterval(ask, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tick]);
  return { state, error, refresh: () => setTick((n) => n + 1) };
}
