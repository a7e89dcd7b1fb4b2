// How the suite decides whether the server's answer time tells one kind of request from another: the kinds are sent
// interleaved, round after round, so that whatever else the machine is doing slows every kind alike; then, for each
// pair of kinds, the median of their per-round differences is compared with a bound generous enough for a noisy
// two-core machine (half the faster kind's median, and never under a couple of milliseconds) yet far below what
// skipping a slow hash for one kind costs (a many-fold difference).

/** median is the middle of the values (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('the median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** TimingBounds say how big a difference must be to count: over `relative` times the faster median, and over `absoluteMs`. */
export interface TimingBounds {
  relative: number;
  absoluteMs: number;
}

/** defaultBounds: half the faster kind's time, and at least 2 ms. */
export const defaultBounds: TimingBounds = { relative: 0.5, absoluteMs: 2 };

/** PairVerdict is what one pair of kinds showed. */
export interface PairVerdict {
  a: string;
  b: string;
  /** difference is the median over rounds of (a − b), in ms. */
  difference: number;
  bound: number;
  leaks: boolean;
}

/** TimingVerdict is the comparison of every pair of kinds. */
export interface TimingVerdict {
  medians: Record<string, number>;
  pairs: PairVerdict[];
  leaks: boolean;
}

/**
 * compareTimings compares kinds timed in the same rounds (`samples[kind][round]`, in ms): a pair leaks when the median
 * of its per-round differences is beyond the bounds. Every kind must have a sample in every round.
 */
export function compareTimings(samples: Record<string, number[]>, bounds: TimingBounds = defaultBounds): TimingVerdict {
  const kinds = Object.keys(samples);
  const rounds = samples[kinds[0]]?.length ?? 0;
  if (kinds.length < 2 || rounds < 5) throw new Error('compare at least two kinds over at least five rounds');
  if (kinds.some((k) => samples[k].length !== rounds)) throw new Error('every kind needs a sample in every round');
  const medians = Object.fromEntries(kinds.map((k) => [k, median(samples[k])]));
  const pairs: PairVerdict[] = [];
  for (let i = 0; i < kinds.length; i++) {
    for (let j = i + 1; j < kinds.length; j++) {
      const [a, b] = [kinds[i], kinds[j]];
      const difference = median(samples[a].map((x, round) => x - samples[b][round]));
      const bound = Math.max(bounds.absoluteMs, bounds.relative * Math.min(medians[a], medians[b]));
      pairs.push({ a, b, difference, bound, leaks: Math.abs(difference) > bound });
    }
  }
  return { medians, pairs, leaks: pairs.some((p) => p.leaks) };
}

/** describe writes a verdict for a test's message and diagnostics. */
export function describe(verdict: TimingVerdict): string {
  const medians = Object.entries(verdict.medians)
    .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
    .join(', ');
  const pairs = verdict.pairs
    .map((p) => `${p.a}−${p.b} ${p.difference.toFixed(1)} ms (bound ${p.bound.toFixed(1)})${p.leaks ? ' LEAKS' : ''}`)
    .join('; ');
  return `medians: ${medians}; per-round differences: ${pairs}`;
}

/** seededOrder returns a function that shuffles the kinds of each round in a fixed pseudo-random order (mulberry32). */
export function seededOrder(seed: number): <T>(items: T[]) => T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: T[]) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}
