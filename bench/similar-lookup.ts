// bench/similar-lookup.ts: QuestionIndex.similar with a million questions indexed (docs/grouping.md).
// The questions are made from the evaluation set's own words (Russian, Ukrainian, English): the start of one of its
// questions spliced to the end of another, with words swapped, dropped, added or mistyped, from a seeded PRNG, so
// every run indexes the same million. Lookups are the evaluation set's questions and such variants, half of them
// indexed. Baselines measured in the same run: one query's features, stemming with and without the cache, and an
// exact linear scan.
//
//   ./node_modules/.bin/node bench/similar-lookup.ts   BENCH_SIMILAR_QUESTIONS (1000000), BENCH_SIMILAR_LOOKUPS (2000),
//   BENCH_SIMILAR_BANDS (the index's default, 32); BENCH_SIMILAR_SHOW=20 prints the first 20 generated questions instead
// It restarts itself with --expose-gc, to read memory after a full collection.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { questionFeatures } from '../src/similarity/question-features.ts';
import { QuestionIndex, questionSimilarity, sameQuestion } from '../src/similarity/question-index.ts';
import { DEFAULT_THRESHOLD, tokensSimilarity } from '../src/similarity/question-similarity.ts';
import { stem, stemUncached } from '../src/similarity/stem.ts';
import { tokenise } from '../src/similarity/normalise.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, process.argv[1]], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const questions = Number(process.env.BENCH_SIMILAR_QUESTIONS ?? 1_000_000);
const lookups = Number(process.env.BENCH_SIMILAR_LOOKUPS ?? 2000);
const bands = process.env.BENCH_SIMILAR_BANDS ? Number(process.env.BENCH_SIMILAR_BANDS) : undefined;
const limit = 10;

interface Pair {
  a: string;
  b: string;
  same: boolean;
  lang: 'ru' | 'uk' | 'en';
  kind: string;
}
const pairs = JSON.parse(readFileSync('test/fixtures/question-pairs.json', 'utf8')) as Pair[];
const languages = ['ru', 'uk', 'en'] as const;
const templates = { ru: new Set<string>(), uk: new Set<string>(), en: new Set<string>() };
for (const p of pairs) templates[p.lang].add(p.a).add(p.b);
const sentences = Object.fromEntries(languages.map((l) => [l, [...templates[l]].map((t) => t.split(/\s+/))])) as Record<
  string,
  string[][]
>;
const words = Object.fromEntries(
  languages.map((l) => [l, [...new Set(sentences[l].flat().map((w) => w.replace(/[?,.!]/g, '')))]]),
) as Record<string, string[]>;

/** mulberry32 is a small seeded PRNG: the same seed gives the same questions on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * variant makes question number n: the start of one question of a language spliced to the end of another, then words
 * swapped for others of the language (a fifth of them), dropped, added or mistyped. Most are questions the evaluation
 * set's questions must not be taken for: the same words about another thing.
 */
function variant(n: number): string {
  const random = mulberry32(n * 2654435761);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const lang = pick([...languages]);
  const first = pick(sentences[lang]);
  const second = pick(sentences[lang]);
  const source = [
    ...first.slice(0, 1 + Math.floor(random() * first.length)),
    ...second.slice(Math.floor(random() * second.length)),
  ];
  const out: string[] = [];
  for (const word of source) {
    const r = random();
    if (r < 0.12) out.push(pick(words[lang]));
    else if (r < 0.15 && word.length > 3) {
      const i = 1 + Math.floor(random() * (word.length - 2));
      out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    } else if (r < 0.18) continue;
    else if (r < 0.2) out.push(word, pick(words[lang]));
    else out.push(word);
  }
  return out.join(' ');
}

if (process.env.BENCH_SIMILAR_SHOW) {
  for (let n = 1; n <= Number(process.env.BENCH_SIMILAR_SHOW); n++) console.log(variant(n));
  process.exit(0);
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** baselines times, on a quiet heap, one query's features, one word's stem with and without the cache, and an exact scan. */
function baselines() {
  const sample = Array.from({ length: 10_000 }, (_, i) => variant(questions + 1 + i));
  let t = performance.now();
  for (const text of sample) questionFeatures(text);
  const featuresMicros = ((performance.now() - t) * 1000) / sample.length;
  const sampleWords = sample.flatMap((text) => tokenise(text)).filter((w) => w.lang !== null);
  t = performance.now();
  for (const w of sampleWords) stemUncached(w.text, w.lang!);
  const uncachedMicros = ((performance.now() - t) * 1000) / sampleWords.length;
  t = performance.now();
  for (const w of sampleWords) stem(w.text, w.lang!);
  const cachedMicros = ((performance.now() - t) * 1000) / sampleWords.length;
  const sampleTokens = sample.map((text) => questionFeatures(text).tokens);
  const query = questionFeatures(pairs[0].a).tokens;
  t = performance.now();
  let hits = 0;
  for (const tokens of sampleTokens) if (tokensSimilarity(query, tokens) >= DEFAULT_THRESHOLD) hits++;
  return { featuresMicros, uncachedMicros, cachedMicros, scanMs: performance.now() - t, hits };
}
const baseline = baselines();

// Build.
gc();
const before = process.memoryUsage();
const index = new QuestionIndex(bands === undefined ? {} : { bands });
const t = performance.now();
// The evaluation set's questions go in first, so that they are the oldest entries of every bucket they share.
const fixtureIds = new Map<string, number>();
for (const p of pairs)
  for (const text of [p.a, p.b])
    if (!fixtureIds.has(text)) {
      fixtureIds.set(text, questions + 1 + fixtureIds.size);
      index.add(fixtureIds.get(text)!, text);
    }
for (let n = 1; n <= questions; n++) index.add(n, variant(n));
const buildSeconds = (performance.now() - t) / 1000;
gc();
const after = process.memoryUsage();
const heapDelta = after.heapUsed - before.heapUsed;
const buffersDelta = after.arrayBuffers - before.arrayBuffers;
const rssDelta = after.rss - before.rss;

// Lookups: the evaluation set's questions, indexed variants and unseen variants.
const random = mulberry32(7);
const fixtureTexts = [...fixtureIds.keys()];
const queries = Array.from({ length: lookups + 200 }, (_, i) => {
  if (i % 2 === 0) return fixtureTexts[Math.floor(random() * fixtureTexts.length)];
  return i % 4 === 1 ? variant(1 + Math.floor(random() * questions)) : variant(questions + 20_000 + i);
});
for (const q of queries.slice(0, 200)) index.similar(q, limit); // warm-up
const times: number[] = [];
let found = 0;
for (const q of queries.slice(200)) {
  const start = performance.now();
  found += index.similar(q, limit).length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);

// The evaluation set: the pairwise rule, and retrieval among the million. Many generated questions are the same
// question as an evaluation question (its words with one dropped or mistyped), so b can be missing from the ten
// answers only because ten better ones came first: "crowded out" counts those pairs, where all ten score at least
// as high as b would.
function count(hits: boolean[]): { tp: number; text: string } {
  let tp = 0,
    fp = 0,
    fn = 0;
  hits.forEach((hit, i) => {
    if (hit && pairs[i].same) tp++;
    else if (hit) fp++;
    else if (pairs[i].same) fn++;
  });
  return { tp, text: `${tp + fp === 0 ? '–' : (tp / (tp + fp)).toFixed(3)} / ${(tp / (tp + fn)).toFixed(3)}` };
}
const positives = pairs.filter((p) => p.same).length;
const pairwise = count(pairs.map((p) => sameQuestion(p.a, p.b)));
let crowded = 0;
const retrieved = count(
  pairs.map((p) => {
    const answers = index.similar(p.a, limit);
    const hit = answers.some((r) => r.id === fixtureIds.get(p.b));
    if (
      !hit &&
      p.same &&
      sameQuestion(p.a, p.b) &&
      answers.length === limit &&
      answers[limit - 1].score >= questionSimilarity(p.a, p.b)
    )
      crowded++;
    return hit;
  }),
);

console.log(
  `\n| questions indexed | build s | index memory: heap + typed arrays (rss) | lookups | answers per lookup | p50 ms | p95 ms | p99 ms | max ms | target |`,
);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
console.log(
  `| ${index.size} | ${buildSeconds.toFixed(1)} | ${mb(heapDelta)} + ${mb(buffersDelta)} = ${mb(heapDelta + buffersDelta)} MB (${mb(rssDelta)} MB) | ${times.length} | ${(found / times.length).toFixed(1)} | ${percentile(times, 0.5).toFixed(2)} | ${percentile(times, 0.95).toFixed(2)} | ${percentile(times, 0.99).toFixed(2)} | ${times[times.length - 1].toFixed(2)} | p95 ≤ 20 ms |`,
);
console.log(`\n| evaluation set, ${pairs.length} pairs | precision / recall |`);
console.log(`| --- | --- |`);
console.log(`| sameQuestion(a, b) | ${pairwise.text} |`);
console.log(`| b in similar(a, ${limit}) among ${index.size} | ${retrieved.text} |`);
console.log(
  `| b in similar(a, ${limit}), or crowded out by ${limit} answers scoring at least as high (${crowded} pairs) | – / ${((retrieved.tp + crowded) / positives).toFixed(3)} |`,
);
console.log(`\n| baseline, same run | figure |`);
console.log(`| --- | --- |`);
console.log(`| features of one query (normalise, stem, shingles) | ${baseline.featuresMicros.toFixed(1)} µs |`);
console.log(
  `| stem one word, uncached / cached | ${baseline.uncachedMicros.toFixed(2)} / ${baseline.cachedMicros.toFixed(2)} µs |`,
);
console.log(`| exact linear scan of 10,000 questions (${baseline.hits} found) | ${baseline.scanMs.toFixed(1)} ms |\n`);
