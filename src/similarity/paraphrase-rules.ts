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
  // Most questions fire no rule; the keys are read once, and again only after a rule has changed one.
  let keys = new Set(tokens.map((t) => base(t.key)));
  const has = (key: string) => keys.has(key);
  const rekey = (which: (t: QuestionToken) => boolean, key: string) => {
    if (rekeyTokens(tokens, which, key)) keys = new Set(tokens.map((t) => base(t.key)));
  };
  const longer = tokens.findIndex((t) => t.key === 'longer' || t.key === 'until');
  if (longer >= 0 && (has('?how-much') || has('?duration'))) {
    tokens.splice(longer, 1);
    rekey((t) => base(t.key) === '?how-much' || base(t.key) === '?duration', '?remaining');
  }
  if (has('?remaining') || (has('?duration') && has(LASTING))) {
    rekey((t) => base(t.key) === '?remaining' || base(t.key) === '?duration', '?when');
    rekey((t) => t.key === LASTING, '~end');
  }
  // Outside such a question, lasting words are words of their own: "last week", "still waiting", "goes on medicine".
  if (has(LASTING))
    for (let i = 0; i < tokens.length; i++)
      if (tokens[i].key === LASTING) tokens[i] = { ...tokens[i], key: tokens[i].stem, kind: 'word' };
  if (has('~delay') && ![...MONEY].some(has))
    rekey((t) => t.key === '~delay' && AMBIGUOUS_DELAY.test(t.surface), '~detain');
  if ([...UTILITIES].some(has) && !has('~switch-on') && !has('~switch-off')) {
    const heating = has('~heating');
    rekey((t) => GIVING.has(t.key) || (heating && t.key === '~start'), '~switch-on');
  }
  if (has('~prisoner') && has('~exchange')) rekey((t) => t.key === '~exchange', '~return');
  if (has('~money')) rekey((t) => t.kind === 'word' && GOING.test(t.stem), '~spend');
  if (has('~spend')) rekey((t) => t.kind === 'word' && WHERE_OR_WHAT.has(t.stem), '?what-for');
  return dedupe(tokens);
}

/** base is a key without the language of a question-word class (?when@ru is ?when). */
function base(key: string): string {
  const at = key.charCodeAt(0) === 63 ? key.indexOf('@') : -1; // 63 is ?
  return at < 0 ? key : key.slice(0, at);
}

/** rekeyTokens gives the tokens `which` picks the key, keeping a question-word class's language; says whether any changed. */
function rekeyTokens(tokens: QuestionToken[], which: (t: QuestionToken) => boolean, key: string): boolean {
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!which(t)) continue;
    const at = t.key.indexOf('@');
    tokens[i] = { ...t, key: at < 0 ? key : key + t.key.slice(at), kind: 'concept' };
    changed = true;
  }
  return changed;
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
