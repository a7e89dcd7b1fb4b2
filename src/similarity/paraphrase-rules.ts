import type { QuestionToken } from './question-features.ts';

// Rewordings that no single word gives away, read from a question's tokens as a whole. Each rule is a pattern people
// use for one question in two ways; each was found on the tuning part of the paraphrase pairs (docs/grouping.md).

// A question asking how much longer something lasts asks when it ends: "Сколько ещё продлится война?" is "Когда
// закончится эта война?", "How long will the power cuts last?" is "When will the blackouts end?". "How long is the
// leave?" is not: without "longer"/"ещё" or a verb of lasting, a question of duration stays one.
const LASTING = '~last';
// Задержать and затримати are both to delay (pay) and to detain (people): about money they delay, else they detain.
const MONEY = new Set(['~salary', '~money', '~payment', '~price', '~compensate']);
const AMBIGUOUS_DELAY = /^(?:задерж|затрим)/;
// To give, get or restore heat, water, gas or electricity is to switch it on: "Когда дадут отопление?" is "Когда
// включат отопление?", "When will electricity be restored?" is "When will electricity be switched back on?"; so is
// the start of the heating season.
const UTILITIES = new Set(['~heating', '~electricity', '~water', '~gas']);
const GIVING = new Set(['~get', '~rebuild', 'switch', 'turn']); // "switch the heating on": the on is a stop word
// Prisoners of war come home by exchange: "Когда обменяют пленных?" is "Когда вернут пленных?".
// Where money goes is what it is spent on: "Куда уходят деньги из бюджета?" is "На что тратится бюджет?".
const GOING = /^(?:go|goe|went|gone|уход|ушл|идут|пошл|пішл|йдут|іде)$/;
const WHERE_OR_WHAT = new Set(['куд', 'where', 'что', 'що', 'what']);

/**
 * applyParaphraseRules rewrites a question's tokens by the rules above and returns them. Question-word classes are
 * keyed per language (?when@ru); a rule keeps the language when it changes the class.
 */
export function applyParaphraseRules(tokens: QuestionToken[]): QuestionToken[] {
  const has = (key: string) => tokens.some((t) => base(t.key) === key);
  const longer = tokens.findIndex((t) => t.key === 'longer' || t.key === 'until');
  if (longer >= 0 && (has('?how-much') || has('?duration'))) {
    tokens.splice(longer, 1);
    rekey(tokens, (t) => base(t.key) === '?how-much' || base(t.key) === '?duration', '?remaining');
  }
  if (has('?remaining') || (has('?duration') && has(LASTING))) {
    rekey(tokens, (t) => base(t.key) === '?remaining' || base(t.key) === '?duration', '?when');
    rekey(tokens, (t) => t.key === LASTING, '~end');
  }
  // Outside such a question, lasting words are words of their own: "last week", "still waiting", "goes on medicine".
  for (let i = 0; i < tokens.length; i++) if (tokens[i].key === LASTING) tokens[i] = { ...tokens[i], key: tokens[i].stem, kind: 'word' };
  if (!tokens.some((t) => MONEY.has(t.key))) rekey(tokens, (t) => t.key === '~delay' && AMBIGUOUS_DELAY.test(t.surface), '~detain');
  if (tokens.some((t) => UTILITIES.has(t.key)) && !has('~switch-on') && !has('~switch-off')) {
    rekey(tokens, (t) => GIVING.has(t.key) || (t.key === '~start' && has('~heating')), '~switch-on');
  }
  if (has('~prisoner')) rekey(tokens, (t) => t.key === '~exchange', '~return');
  if (has('~money')) rekey(tokens, (t) => t.kind === 'word' && GOING.test(t.stem), '~spend');
  if (has('~spend')) rekey(tokens, (t) => t.kind === 'word' && WHERE_OR_WHAT.has(t.stem), '?what-for');
  return dedupe(tokens);
}

const base = (key: string) => key.split('@')[0];

function rekey(tokens: QuestionToken[], which: (t: QuestionToken) => boolean, key: string): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!which(t)) continue;
    const lang = t.key.split('@')[1];
    tokens[i] = { ...t, key: lang === undefined ? key : `${key}@${lang}`, kind: 'concept' };
  }
}

/** dedupe keeps each key once, at its first place and its highest weight, as questionTokens does. */
function dedupe(tokens: QuestionToken[]): QuestionToken[] {
  const seen = new Map<string, QuestionToken>();
  const out: QuestionToken[] = [];
  for (const t of tokens) {
    const earlier = seen.get(t.key);
    if (earlier === undefined) {
      seen.set(t.key, t);
      out.push(t);
    } else if (t.weight > earlier.weight) earlier.weight = t.weight;
  }
  return out;
}
