// goal-percent.js is src/domain/goal-percent.ts for the browser (which cannot load TypeScript), so that petition.js
// shows the percentage the server shows; goal-percent.test.ts checks that the two agree.

/**
 * goalPercent is how far a count has come towards its goal, in percent: never rounded up, and never 0 once someone
 * has signed (see src/domain/goal-percent.ts).
 *
 * @param {number} signatures
 * @param {number} goal
 * @returns {number}
 */
export function goalPercent(signatures, goal) {
  if (!(goal > 0) || signatures <= 0) return 0;
  const percent = Math.min(100, (signatures / goal) * 100);
  if (percent >= 10) return Math.floor(percent);
  const scale = 10 ** (percent >= 0.1 ? 1 : Math.ceil(-Math.log10(percent)));
  return Math.floor(percent * scale) / scale;
}
