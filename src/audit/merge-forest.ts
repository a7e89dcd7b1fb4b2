// Questions merged into others make a forest: each question points to the one it was merged into, at most one. A
// question's votes are those of its whole tree, so sums over subtrees are what the audit needs, and whether one
// question is below another (a vote withdrawn from a question its own question was merged into). A record is not
// trusted, so it may hold cycles (A into B, B into A), which no site can make: those questions are reported, and sums
// leave them out.

/** MergeForest is the merge structure of n questions, numbered 0 to n − 1, given where each was merged (−1: nowhere). */
export class MergeForest {
  /** cyclic lists the questions on a cycle of merges, or merged into one: the record is wrong about them. */
  readonly cyclic: number[] = [];
  // Post-order numbering, children before parents: q is number order[q], and the questions below it are numbered
  // first[q] to order[q] − 1. −1 for the cyclic ones.
  readonly #order: Int32Array;
  readonly #first: Int32Array;
  readonly #post: Int32Array;
  readonly #numbered: number;

  constructor(into: ArrayLike<number>) {
    const n = into.length;
    const childCount = new Int32Array(n + 1);
    for (let q = 0; q < n; q++) if (into[q] >= 0) childCount[into[q] + 1]++;
    for (let q = 0; q < n; q++) childCount[q + 1] += childCount[q];
    const children = new Int32Array(Math.max(1, childCount[n]));
    const fill = childCount.slice(0, n);
    for (let q = 0; q < n; q++) if (into[q] >= 0) children[fill[into[q]]++] = q;

    this.#order = new Int32Array(n).fill(-1);
    this.#first = new Int32Array(n).fill(-1);
    this.#post = new Int32Array(n);
    let next = 0;
    const stack: number[] = [];
    const cursor = new Int32Array(n);
    for (let root = 0; root < n; root++) {
      if (into[root] >= 0) continue;
      stack.push(root);
      this.#first[root] = next;
      cursor[root] = childCount[root];
      while (stack.length > 0) {
        const q = stack[stack.length - 1];
        if (cursor[q] < childCount[q + 1]) {
          const child = children[cursor[q]++];
          this.#first[child] = next;
          cursor[child] = childCount[child];
          stack.push(child);
        } else {
          stack.pop();
          this.#order[q] = next;
          this.#post[next++] = q;
        }
      }
    }
    this.#numbered = next;
    for (let q = 0; q < n; q++) if (this.#order[q] < 0) this.cyclic.push(q);
  }

  /** sum returns, for each question, the sum of `values` over it and every question merged into it, transitively. */
  sum(values: ArrayLike<number>): Float64Array {
    const sums = new Float64Array(this.#order.length);
    // The questions below q are numbered just before it, so a running sum in that order gives each subtree's.
    const prefix = new Float64Array(this.#numbered + 1);
    for (let i = 0; i < this.#numbered; i++) prefix[i + 1] = prefix[i] + values[this.#post[i]];
    for (let q = 0; q < sums.length; q++) {
      if (this.#order[q] >= 0) sums[q] = prefix[this.#order[q] + 1] - prefix[this.#first[q]];
    }
    return sums;
  }

  /** inCycle tells whether `q` is one of `cyclic`. */
  inCycle(q: number): boolean {
    return this.#order[q] < 0;
  }

  /** below tells whether `q` is `ancestor` or was merged into it, transitively. */
  below(q: number, ancestor: number): boolean {
    if (this.#order[q] < 0 || this.#order[ancestor] < 0) return q === ancestor;
    return this.#first[ancestor] <= this.#order[q] && this.#order[q] <= this.#order[ancestor];
  }
}
