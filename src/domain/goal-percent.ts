/**
 * goalPercent is how far a count has come towards its goal, in percent, never rounded up (a goal is not "reached" by
 * rounding) and never shown as 0 once someone has signed: whole percents from 10, tenths from 0.1, and below that the
 * first digit that is not zero (720 of 100,000 is 0.7, 3 of 100,000 is 0.003). petition.js does the same in the page.
 */
export function goalPercent(signatures: number, goal: number): number {
  if (!(goal > 0) || signatures <= 0) return 0;
  const percent = Math.min(100, (signatures / goal) * 100);
  if (percent >= 10) return Math.floor(percent);
  const digits = percent >= 0.1 ? 1 : Math.ceil(-Math.log10(percent));
  const scale = 10 ** digits;
  return Math.floor(percent * scale) / scale;
}
