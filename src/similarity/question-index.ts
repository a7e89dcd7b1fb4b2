import { BandBuckets } from './band-buckets.ts';
import { mix32 } from './hash.ts';
import { minhashSeeds, minhashSignature } from './minhash.ts';
import { type QuestionToken, questionFeatures } from './question-features.ts';
import { DEFAULT_THRESHOLD, tokensSimilarityFrom } from './question-similarity.ts';
import { TokenVocabulary } from './token-vocabulary.ts';

export { questionSimilarity, sameQuestion } from './question-similarity.ts';

/** SimilarQuestion is one answer of QuestionIndex.similar: a question's id and its score in [0, 1]. */
export interface SimilarQuestion {
  id: number;
  score: number;
}

/** QuestionIndexOptions tunes a QuestionIndex; the defaults are the ones docs/grouping.md measures. */
export interface QuestionIndexOptions {
  /** threshold is the score from which a question is returned as the same question (default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** bands is the number of LSH bands (default 32); more find more reworded questions and cost memory. */
  bands?: number;
  /** rows is the number of MinHash values per band (default 2); more make buckets stricter and smaller. */
  rows?: number;
}

// With 32 bands of 2 rows, a question whose shingle set has Jaccard similarity s with the query shares a bucket with
// probability 1 - (1 - s^2)^32: 0.73 at s = 0.2, 0.95 at 0.3, 0.9999 at 0.5 (docs/grouping.md has the curve). Fewer
// bands missed reworded questions of the evaluation set; each band costs 16 to 24 bytes a question.
const DEFAULT_BANDS = 32;
const DEFAULT_ROWS = 2;
// Candidates re-ranked exactly per lookup, the ones sharing most buckets first, and postings read per bucket: the two
// bounds that keep a lookup fast however many near-copies of one question are indexed.
const MAX_CANDIDATES = 256;
const MAX_WALK = 1024;

/**
 * QuestionIndex finds, among indexed questions, those asking the same as a text: MinHash signatures banded for
 * locality-sensitive hashing find candidates, and the exact questionSimilarity score decides.
 */
export class QuestionIndex {
  private readonly threshold: number;
  private readonly bands: number;
  private readonly rows: number;
  private readonly seeds: Uint32Array;
  private readonly buckets: BandBuckets;
  private readonly vocabulary = new TokenVocabulary();
  private readonly slots = new Map<number, number>();
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private ids = new Float64Array(0);
  private indexed = new Uint8Array(0); // 1 when the slot's postings are in the buckets (a text with no words has none)
  private tokenStart = new Uint32Array(0);
  private tokenCount = new Uint16Array(0);
  private pool: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private poolUsed = 0;
  private poolGarbage = 0;
  private counts = new Uint8Array(0);
  private readonly touched: number[] = [];
  private readonly signature: Uint32Array;
  private readonly bandHashes: Uint32Array;
  private readonly candidateTokens: QuestionToken[] = [];

  constructor(options: QuestionIndexOptions = {}) {
    const { threshold = DEFAULT_THRESHOLD, bands = DEFAULT_BANDS, rows = DEFAULT_ROWS } = options;
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold must be in [0, 1]');
    if (!Number.isInteger(bands) || bands < 1 || bands > 255)
      throw new RangeError('bands must be an integer from 1 to 255');
    if (!Number.isInteger(rows) || rows < 1 || rows > 16) throw new RangeError('rows must be an integer from 1 to 16');
    this.threshold = threshold;
    this.bands = bands;
    this.rows = rows;
    this.seeds = minhashSeeds(bands * rows);
    this.buckets = new BandBuckets(bands);
    this.signature = new Uint32Array(bands * rows);
    this.bandHashes = new Uint32Array(bands);
    this.growSlots(64); // small: a server keeps one index per event, most of them small
  }

  /** add indexes one question's text under a numeric id (re-adding an id replaces it). */
  add(id: number, text: string): void {
    if (!Number.isFinite(id)) throw new RangeError('id must be a finite number');
    this.remove(id);
    const { tokens, shingles } = questionFeatures(text);
    const slot = this.freeSlots.pop() ?? this.slotCount++;
    if (slot >= this.ids.length) this.growSlots(this.ids.length * 2);
    this.slots.set(id, slot);
    this.ids[slot] = id;
    this.storeTokens(slot, tokens);
    this.indexed[slot] = shingles.length > 0 ? 1 : 0;
    if (shingles.length === 0) return;
    this.hashBands(shingles);
    for (let band = 0; band < this.bands; band++) this.buckets.insert(slot, band, this.bandHashes[band]);
  }

  /** remove forgets a question (hidden or merged questions are removed). */
  remove(id: number): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    if (this.indexed[slot] === 1) for (let band = 0; band < this.bands; band++) this.buckets.remove(slot, band);
    const start = this.tokenStart[slot];
    for (let i = 0; i < this.tokenCount[slot]; i++) this.vocabulary.release(this.pool[start + i]);
    this.poolGarbage += this.tokenCount[slot];
    this.tokenCount[slot] = 0;
    this.indexed[slot] = 0;
    this.slots.delete(id);
    this.freeSlots.push(slot);
  }

  /** similar returns the questions most like `text`, best first, at most `limit`, only those judged the same question. */
  similar(text: string, limit = 10): SimilarQuestion[] {
    if (limit <= 0 || this.slots.size === 0) return [];
    const { tokens, shingles } = questionFeatures(text);
    if (shingles.length === 0) return [];
    this.hashBands(shingles);
    const touched = this.touched;
    touched.length = 0;
    this.buckets.collide(this.bandHashes, this.counts, touched, MAX_WALK);
    const found: SimilarQuestion[] = [];
    // Score the slots sharing the most buckets: all above `least`, and at `least` as many as are left to fill.
    const [least, atLeast] = this.leastCollisions();
    let quota = atLeast;
    for (const slot of touched) {
      const count = this.counts[slot];
      this.counts[slot] = 0;
      if (count < least || (count === least && quota-- <= 0)) continue;
      const score = tokensSimilarityFrom(tokens, this.slotTokens(slot), this.threshold);
      if (score >= this.threshold) found.push({ id: this.ids[slot], score });
    }
    found.sort((a, b) => b.score - a.score || a.id - b.id);
    return found.length > limit ? found.slice(0, limit) : found;
  }

  /** size is the number of questions indexed. */
  get size(): number {
    return this.slots.size;
  }

  /**
   * leastCollisions returns how many buckets a touched slot must share to be scored, and how many of the slots
   * sharing exactly that many may be: together at most MAX_CANDIDATES.
   */
  private leastCollisions(): [number, number] {
    if (this.touched.length <= MAX_CANDIDATES) return [1, MAX_CANDIDATES];
    const histogram = new Uint32Array(this.bands + 1);
    for (const slot of this.touched) histogram[this.counts[slot]]++;
    let kept = 0;
    for (let c = this.bands; c >= 1; c--) {
      if (kept + histogram[c] >= MAX_CANDIDATES) return [c, MAX_CANDIDATES - kept];
      kept += histogram[c];
    }
    return [1, MAX_CANDIDATES];
  }

  private hashBands(shingles: Uint32Array): void {
    const signature = minhashSignature(shingles, this.seeds, this.signature);
    for (let band = 0; band < this.bands; band++) {
      let h = mix32(band + 1);
      for (let r = 0; r < this.rows; r++) h = mix32(h ^ signature[band * this.rows + r]);
      this.bandHashes[band] = h;
    }
  }

  private slotTokens(slot: number): QuestionToken[] {
    const out = this.candidateTokens;
    const count = this.tokenCount[slot];
    const start = this.tokenStart[slot];
    out.length = count;
    for (let i = 0; i < count; i++) out[i] = this.vocabulary.token(this.pool[start + i]);
    return out;
  }

  private storeTokens(slot: number, tokens: QuestionToken[]): void {
    const count = Math.min(tokens.length, 0xffff);
    if (this.poolUsed + count > this.pool.length) this.compactPool(count);
    this.tokenStart[slot] = this.poolUsed;
    this.tokenCount[slot] = count;
    for (let i = 0; i < count; i++) this.pool[this.poolUsed++] = this.vocabulary.intern(tokens[i]);
  }

  /** compactPool drops removed questions' tokens from the pool, and grows it if that does not free enough. */
  private compactPool(needed: number): void {
    const live = this.poolUsed - this.poolGarbage;
    let size = this.pool.length;
    while (live + needed > size / 2) size *= 2;
    const pool = new Uint32Array(size);
    let used = 0;
    for (const slot of this.slots.values()) {
      const start = this.tokenStart[slot];
      const count = this.tokenCount[slot];
      pool.set(this.pool.subarray(start, start + count), used);
      this.tokenStart[slot] = used;
      used += count;
    }
    this.pool = pool;
    this.poolUsed = used;
    this.poolGarbage = 0;
  }

  private growSlots(capacity: number): void {
    const grow = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.ids = grow(this.ids, (n) => new Float64Array(n));
    this.indexed = grow(this.indexed, (n) => new Uint8Array(n));
    this.tokenStart = grow(this.tokenStart, (n) => new Uint32Array(n));
    this.tokenCount = grow(this.tokenCount, (n) => new Uint16Array(n));
    this.counts = grow(this.counts, (n) => new Uint8Array(n));
    this.buckets.ensureSlots(capacity);
  }
}
