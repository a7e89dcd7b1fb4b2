import { randomBytes } from 'node:crypto';

// An audit must remember every vote id it has read, to find one added twice or withdrawn twice, and a Map of strings
// costs about 100 bytes a vote. Vote ids are `v` and 12 base58 characters (randomId in src/crypto/tokens.ts): 70 bits,
// which fit in three 32-bit words. So a vote costs one slot of four words (16 bytes) in an open-addressing table that
// is between 35% and 70% full: 23 to 46 bytes a vote, and nothing for the garbage collector to walk. An id of any
// other length (well-formed, since the format does not fix the length) goes into a plain Map.

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i;
const HALF = 6; // 58^6 < 2^36: each half of an id is 32 bits and 4 more
const TWO_32 = 2 ** 32;
const MAX_LOAD = 0.7;

/** VoteTable keeps one unsigned 32-bit number for each vote id, in about 16 bytes a slot. */
export class VoteTable {
  /** size is how many vote ids the table holds. */
  size = 0;
  // Four words a slot: the low 32 bits of each half of the id, then (the high bits of both halves) + 1, 0 when the
  // slot is empty; then the number kept.
  #slots: Uint32Array;
  #mask: number;
  #used = 0;
  readonly #seed = randomBytes(4).readUInt32LE(0);
  readonly #other = new Map<string, number>();

  constructor(capacity = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.#slots = new Uint32Array(slots * 4);
    this.#mask = slots - 1;
  }

  /** get returns the number kept for a vote id, or -1 when there is none. */
  get(id: string): number {
    const key = pack(id);
    if (key === null) return this.#other.get(id) ?? -1;
    const slot = this.#find(key[0], key[1], key[2]);
    return this.#slots[slot * 4 + 2] === 0 ? -1 : this.#slots[slot * 4 + 3];
  }

  /** set keeps `value` (0 to 2^32 − 1) for a vote id. */
  set(id: string, value: number): void {
    const key = pack(id);
    if (key === null) {
      if (!this.#other.has(id)) this.size++;
      this.#other.set(id, value >>> 0);
      return;
    }
    let slot = this.#find(key[0], key[1], key[2]);
    if (this.#slots[slot * 4 + 2] === 0) {
      if (this.#used + 1 > MAX_LOAD * (this.#mask + 1)) {
        this.#grow();
        slot = this.#find(key[0], key[1], key[2]);
      }
      this.#slots.set(key, slot * 4);
      this.#used++;
      this.size++;
    }
    this.#slots[slot * 4 + 3] = value;
  }

  /** entries yields every vote id and the number kept for it, in no particular order. */
  *entries(): Generator<[string, number]> {
    const slots = this.#slots;
    for (let slot = 0; slot <= this.#mask; slot++) {
      const high = slots[slot * 4 + 2];
      if (high === 0) continue;
      const first = Math.floor((high - 1) / 16) * TWO_32 + slots[slot * 4];
      const second = ((high - 1) % 16) * TWO_32 + slots[slot * 4 + 1];
      yield [`v${base58(first)}${base58(second)}`, slots[slot * 4 + 3]];
    }
    yield* this.#other;
  }

  /** bytes is the memory the table holds, for a report on its cost. */
  get bytes(): number {
    return this.#slots.byteLength;
  }

  // Linear probing from a seeded hash: ids are random, but a record is not trusted, and ids made to collide under a
  // hash it can predict would make the audit quadratic.
  #find(a: number, b: number, c: number): number {
    const slots = this.#slots;
    let slot = mix(mix(a ^ this.#seed) ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.#mask;
    for (;;) {
      const at = slot * 4;
      if (slots[at + 2] === 0 || (slots[at] === a && slots[at + 1] === b && slots[at + 2] === c)) return slot;
      slot = (slot + 1) & this.#mask;
    }
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    this.#mask = old.length / 2 - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === 0) continue;
      this.#slots.set(old.subarray(at, at + 4), this.#find(old[at], old[at + 1], old[at + 2]) * 4);
    }
  }
}

/** pack returns a `v` and 12 base58 characters as three words, or null for any other id. */
function pack(id: string): [number, number, number] | null {
  if (id.length !== 1 + 2 * HALF || id.charCodeAt(0) !== 0x76) return null;
  let first = 0;
  let second = 0;
  for (let i = 0; i < HALF; i++) {
    const x = DIGITS[id.charCodeAt(1 + i) & 127];
    const y = DIGITS[id.charCodeAt(1 + HALF + i) & 127];
    if (x < 0 || y < 0 || id.charCodeAt(1 + i) > 127 || id.charCodeAt(1 + HALF + i) > 127) return null;
    first = first * 58 + x;
    second = second * 58 + y;
  }
  const high = Math.floor(first / TWO_32) * 16 + Math.floor(second / TWO_32) + 1;
  return [first >>> 0, second >>> 0, high];
}

function base58(value: number): string {
  let out = '';
  for (let i = 0; i < HALF; i++) {
    out = ALPHABET[value % 58] + out;
    value = Math.floor(value / 58);
  }
  return out;
}

function mix(h: number): number {
  // The finaliser of MurmurHash3: every bit of the input moves every bit of the output.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
