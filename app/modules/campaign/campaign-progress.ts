export interface Progress {
  count: number;
  /** The goal shown: the organizer's, or once passed, the next round milestone. */
  goal: number | null;
  /** 0–100, for the progress bar. */
  percent: number;
  goalReached: boolean;
}

/** 1, 2, 5 × 10^n: the next milestone above a count that passed its goal. */
export function nextMilestone(count: number): number {
  let step = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * step > count) return m * step;
    step *= 10;
  }
}

export function progressOf(count: number, goal: number | null): Progress {
  if (goal === null) return { count, goal: null, percent: 0, goalReached: false };
  const goalReached = count >= goal;
  const shown = goalReached ? nextMilestone(count) : goal;
  return { count, goal: shown, percent: Math.min(100, Math.floor((count / shown) * 100)), goalReached };
}
