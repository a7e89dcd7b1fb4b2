// The evaluation set (test/fixtures/question-pairs.json): pairs of questions in Russian, Ukrainian and English, each
// labelled by whether a moderator would merge them. Precision and recall of the pairwise rule and of retrieval
// through the index must both be at least 0.9 (the product's target); the figures are printed for docs/grouping.md.
// The paraphrase pairs of issue 10 (test/fixtures/paraphrase-pairs-*.json) are measured the same way, through the
// index, as a tuning part and a held-out part split by their topic's hash (docs/grouping.md says how and when).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { QuestionIndex, sameQuestion } from './question-index.ts';

interface Pair {
  a: string;
  b: string;
  same: boolean;
  lang: 'ru' | 'uk' | 'en';
  kind: string;
  topic?: string;
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')) as Pair[];
const pairs = fixture('question-pairs.json');
const tuning = fixture('paraphrase-pairs-tuning.json');
const heldOut = fixture('paraphrase-pairs-held-out.json');
// The issue's own examples are tuned on whatever their hash says.
const ISSUE_TOPICS = new Set(['en-term-of-service', 'ru-war-end']);

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function tally(items: Pair[], judged: (p: Pair) => boolean): Tally {
  const t = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const p of items) {
    const yes = judged(p);
    if (yes && p.same) t.tp++;
    else if (yes) t.fp++;
    else if (p.same) t.fn++;
    else t.tn++;
  }
  return t;
}

const precision = (t: Tally) => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
const recall = (t: Tally) => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));
const row = (name: string, t: Tally) =>
  `| ${name} | ${t.tp + t.fp + t.fn + t.tn} | ${precision(t).toFixed(3)} | ${recall(t).toFixed(3)} | ${t.fp} | ${t.fn} |`;

test('the evaluation set is as described: 360+ pairs, a third each language, half same, a third of the rest hard', () => {
  assert.ok(pairs.length >= 360);
  for (const lang of ['ru', 'uk', 'en']) {
    const share = pairs.filter((p) => p.lang === lang).length / pairs.length;
    assert.ok(share > 0.3 && share < 0.37, `${lang} ${share}`);
  }
  const positives = pairs.filter((p) => p.same).length;
  assert.ok(Math.abs(positives / pairs.length - 0.5) < 0.05);
  const negatives = pairs.filter((p) => !p.same);
  assert.ok(negatives.filter((p) => p.kind === 'hard-negative').length >= negatives.length / 3);
  for (const p of pairs) assert.ok(p.a.trim() !== '' && p.b.trim() !== '' && p.a !== p.b, JSON.stringify(p));
});

test('sameQuestion has precision and recall of at least 0.9 on the evaluation set', () => {
  const judged = new Map(pairs.map((p) => [p, sameQuestion(p.a, p.b)]));
  const by = (items: Pair[]) => tally(items, (p) => judged.get(p)!);
  const overall = by(pairs);
  const lines = [
    '| pairs (sameQuestion) | n | precision | recall | false same | missed |',
    '| --- | --- | --- | --- | --- | --- |',
    row('all', overall),
  ];
  lines.push(row('tuning half (even rows)', by(pairs.filter((_, i) => i % 2 === 0))));
  lines.push(row('held-out half (odd rows)', by(pairs.filter((_, i) => i % 2 === 1))));
  for (const lang of ['ru', 'uk', 'en']) lines.push(row(lang, by(pairs.filter((p) => p.lang === lang))));
  lines.push('', '| kind | pairs | judged as labelled |', '| --- | --- | --- |');
  for (const kind of [...new Set(pairs.map((p) => p.kind))]) {
    const items = pairs.filter((p) => p.kind === kind);
    const right = items.filter((p) => judged.get(p) === p.same).length;
    lines.push(`| ${kind} | ${items.length} | ${right} (${((100 * right) / items.length).toFixed(0)}%) |`);
  }
  console.log(`\n${lines.join('\n')}\n`);
  assert.ok(precision(overall) >= 0.9, `precision ${precision(overall)}`);
  assert.ok(recall(overall) >= 0.9, `recall ${recall(overall)}`);
});

/** retrievedBy indexes every question of a set in one index and says of a pair whether similar(a, 10) returns b. */
function retrievedBy(items: Pair[]): (p: Pair) => boolean {
  const index = new QuestionIndex();
  const ids = new Map<string, number>();
  for (const p of items) {
    for (const text of [p.a, p.b]) {
      if (ids.has(text)) continue;
      ids.set(text, ids.size + 1);
      index.add(ids.size, text);
    }
  }
  return (p) => index.similar(p.a, 10).some((r) => r.id === ids.get(p.b));
}

test('QuestionIndex.similar retrieves with precision and recall of at least 0.9 on the evaluation set', () => {
  const retrieved = retrievedBy(pairs);
  const overall = tally(pairs, retrieved);
  const lines = [
    '| pairs (b in similar(a, 10), all questions indexed) | n | precision | recall | false same | missed |',
    '| --- | --- | --- | --- | --- | --- |',
    row('all', overall),
  ];
  for (const lang of ['ru', 'uk', 'en'])
    lines.push(
      row(
        lang,
        tally(
          pairs.filter((p) => p.lang === lang),
          retrieved,
        ),
      ),
    );
  console.log(`\n${lines.join('\n')}\n`);
  assert.ok(precision(overall) >= 0.9, `precision ${precision(overall)}`);
  assert.ok(recall(overall) >= 0.9, `recall ${recall(overall)}`);
});

test('the paraphrase pairs are split by their topic: held out when the first byte of its SHA-256 is odd', () => {
  const heldOutByRule = (topic: string) =>
    !ISSUE_TOPICS.has(topic) && (createHash('sha256').update(topic).digest()[0] & 1) === 1;
  for (const p of tuning) assert.equal(heldOutByRule(p.topic!), false, p.topic);
  for (const p of heldOut) assert.equal(heldOutByRule(p.topic!), true, p.topic);
  assert.ok(tuning.length + heldOut.length >= 150 && heldOut.length >= 80);
  for (const p of [...tuning, ...heldOut])
    assert.ok(p.a.trim() !== '' && p.b.trim() !== '' && p.a !== p.b, JSON.stringify(p));
});

test('QuestionIndex.similar on the paraphrase pairs, tuning and held-out parts, each part in its own index', () => {
  const lines = [
    '| pairs (b in similar(a, 10)) | n | precision | recall | false same | missed |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const figures = new Map<string, Tally>();
  for (const [name, items] of [
    ['old evaluation set', pairs],
    ['paraphrases, tuning', tuning],
    ['paraphrases, held out', heldOut],
  ] as const) {
    const retrieved = retrievedBy(items);
    const t = tally(items, retrieved);
    figures.set(name, t);
    lines.push(row(name, t));
    for (const lang of ['ru', 'uk', 'en'])
      lines.push(
        row(
          `… ${lang}`,
          tally(
            items.filter((p) => p.lang === lang),
            retrieved,
          ),
        ),
      );
  }
  console.log(`\n${lines.join('\n')}\n`);
  // Floors against regressions, at the figures measured when the lexical rules for issue 10 were done (2026-12-07:
  // tuning 1.000 / 0.565, held out 0.889 / 0.229). The product's target, 0.9 and 0.9 on pairs nobody tuned on, is NOT
  // met by these rules; docs/grouping.md says why and what would meet it.
  const t = figures.get('paraphrases, tuning')!;
  const h = figures.get('paraphrases, held out')!;
  assert.ok(precision(t) >= 0.95 && recall(t) >= 0.55, `tuning ${precision(t)} / ${recall(t)}`);
  assert.ok(precision(h) >= 0.85 && recall(h) >= 0.2, `held out ${precision(h)} / ${recall(h)}`);
});
