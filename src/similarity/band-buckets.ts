// The LSH buckets of a QuestionIndex, kept in typed arrays. A million questions in 32 bands are 32 million bucket
// entries; as Map entries and arrays that is gigabytes of small objects, here it is 16 to 24 bytes an entry.
//
// Per band, each question's slot has its band hash and the next slot in the same bucket (a singly linked list), and an
// open-addressing table (linear probing) holds the first slot of each bucket; the table needs no keys of its own, since
// a bucket's hash is the band hash of its first slot. Walking a bucket is most of a lookup's time: each step is a read
// at a random place in `next` and in the caller's counts, so QuestionIndex bounds the steps per bucket.

const EMPTY = -1;
const INITIAL_TABLE = 64;

/** BandBuckets maps (band, band hash) to the slots that have that hash in that band. */
export class BandBuckets {
  readonly bands: number;
  private readonly hashes: Uint32Array[] = [];
  private readonly next: Int32Array[] = [];
  private readonly tables: Int32Array[] = [];
  private readonly filled: number[] = [];

  constructor(bands: number) {
    this.bands = bands;
    for (let band = 0; band < bands; band++) {
      this.hashes.push(new Uint32Array(0));
      this.next.push(new Int32Array(0));
      this.tables.push(new Int32Array(INITIAL_TABLE).fill(EMPTY));
      this.filled.push(0);
    }
  }

  /** ensureSlots makes room for slots 0 to capacity - 1. */
  ensureSlots(capacity: number): void {
    if (capacity <= this.hashes[0].length) return;
    for (let band = 0; band < this.bands; band++) {
      const hashes = new Uint32Array(capacity);
      hashes.set(this.hashes[band]);
      this.hashes[band] = hashes;
      const next = new Int32Array(capacity);
      next.set(this.next[band]);
      this.next[band] = next;
    }
  }

  /** insert puts a slot in the bucket of `hash` in `band`; the slot MUST NOT be in that band already. */
  insert(slot: number, band: number, hash: number): void {
    const hashes = this.hashes[band];
    hashes[slot] = hash;
    const table = this.tables[band];
    const cell = findCell(table, hashes, hash);
    this.next[band][slot] = table[cell];
    table[cell] = slot;
    if (this.next[band][slot] === EMPTY && ++this.filled[band] * 2 > table.length) this.grow(band);
  }

  /** remove takes a slot out of its bucket in `band`; the slot MUST have been inserted there. */
  remove(slot: number, band: number): void {
    const hashes = this.hashes[band];
    const next = this.next[band];
    const table = this.tables[band];
    const cell = findCell(table, hashes, hashes[slot]);
    let at = table[cell];
    if (at === EMPTY) throw new Error(`slot ${slot} is not in band ${band}`);
    if (at === slot) {
      table[cell] = next[slot];
      if (table[cell] === EMPTY) {
        deleteCell(table, hashes, cell);
        this.filled[band]--;
      }
      return;
    }
    while (next[at] !== slot) {
      if (next[at] === EMPTY) throw new Error(`slot ${slot} is not in band ${band}`);
      at = next[at];
    }
    next[at] = next[slot];
  }

  /**
   * collide adds 1 to counts[slot] for every slot sharing a bucket with the given band hashes, appending each slot to
   * `touched` the first time. At most `walk` slots are read per band, so one enormous bucket (thousands of copies of
   * one question) costs a bounded time; its most recent entries are read first.
   */
  collide(bandHashes: Uint32Array, counts: Uint8Array, touched: number[], walk: number): void {
    for (let band = 0; band < this.bands; band++) {
      const next = this.next[band];
      let slot = this.tables[band][findCell(this.tables[band], this.hashes[band], bandHashes[band])];
      for (let seen = 0; slot !== EMPTY && seen < walk; seen++) {
        if (counts[slot]++ === 0) touched.push(slot);
        slot = next[slot];
      }
    }
  }

  private grow(band: number): void {
    const old = this.tables[band];
    const table = new Int32Array(old.length * 2).fill(EMPTY);
    for (const slot of old)
      if (slot !== EMPTY) table[findCell(table, this.hashes[band], this.hashes[band][slot])] = slot;
    this.tables[band] = table;
  }
}

/** findCell returns the cell holding hash's bucket, or the empty cell where it would go. */
function findCell(table: Int32Array, hashes: Uint32Array, hash: number): number {
  const mask = table.length - 1;
  let cell = hash & mask;
  for (;;) {
    const slot = table[cell];
    if (slot === EMPTY || hashes[slot] === hash) return cell;
    cell = (cell + 1) & mask;
  }
}

/** deleteCell empties a cell and shifts later cells of the same probe run back, so no lookup stops early. */
function deleteCell(table: Int32Array, hashes: Uint32Array, cell: number): void {
  const mask = table.length - 1;
  let hole = cell;
  let j = cell;
  for (;;) {
    j = (j + 1) & mask;
    const slot = table[j];
    if (slot === EMPTY) break;
    const home = hashes[slot] & mask;
    // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
    const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
    if (!stays) {
      table[hole] = slot;
      hole = j;
    }
  }
  table[hole] = EMPTY;
}
