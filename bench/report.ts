// One JSON line per figure, as every benchmark prints them: {bench, figure, value, unit, baseline, ratio}.
export function emitter(bench: string) {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return (figure: string, value: number, unit: string, baseline: number, ratio = baseline ? value / baseline : 0) =>
    console.log(
      JSON.stringify({ bench, figure, value: round(value), unit, baseline: round(baseline), ratio: round(ratio) }),
    );
}

/** The p-th percentile (0–100) of some samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
