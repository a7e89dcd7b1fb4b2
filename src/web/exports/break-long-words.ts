// A run of letters longer than a line is broken by pdfkit one character at a time, measuring what is left of the run
// after every line: a 20,000-character word took 10–20 s of one core (issue 9, item 6). Cutting every run into pieces
// of at most `longestRun` characters first keeps the work linear in the length of the text.

/** longestRun is how many characters may stand together without a place to break the line: about a line's worth. */
export const longestRun = 64;

// `longestRun` letters, each with its combining marks, not counting white space, followed by more of the same.
const run = new RegExp(`(?:[^\\s\\p{M}\\u200B]\\p{M}*){${longestRun}}(?=[^\\s\\u200B])`, 'gu');

/**
 * breakLongWords puts `breakAt` (by default U+200B ZERO WIDTH SPACE, which shows nothing and lets a line break) into
 * every run of more than `longestRun` characters without white space, so that no word is longer than about a line.
 * Text of ordinary words comes back unchanged. A font without U+200B (pdfkit's Helvetica) should be given a space.
 */
export function breakLongWords(text: string, breakAt = '\u200B'): string {
  return text.replace(run, (piece) => piece + breakAt);
}
