// Answers to overlapping requests can arrive out of order: a poll sent just before sign-out may
// come back after it and put the old session on screen (and a re-mounted sign-in form loses what
// was typed). Every request, and every local change it races with, takes a ticket; an answer is
// applied only if nothing newer has been applied since.
export interface LatestWins {
  /** Take a ticket when a request starts. */
  ticket(): number;
  /** True (and remembered) if the answer for this ticket is still the newest; false if stale. */
  apply(ticket: number): boolean;
}

export function latestWins(): LatestWins {
  let issued = 0;
  let applied = 0;
  return {
    ticket: () => ++issued,
    apply(ticket) {
      if (ticket <= applied) return false;
      applied = ticket;
      return true;
    },
  };
}
