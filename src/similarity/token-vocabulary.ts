import type { QuestionToken } from './question-features.ts';

// A QuestionIndex stores each question as a list of token numbers. Questions share most of their words, so each
// distinct token is kept once here, with a count of the questions using it so that it can go when the last one does.

/** TokenVocabulary numbers distinct question tokens and hands them back by number. */
export class TokenVocabulary {
  private readonly numbers = new Map<string, number>();
  private readonly tokens: (QuestionToken | undefined)[] = [];
  private readonly names: string[] = [];
  private uses = new Uint32Array(1024);
  private readonly free: number[] = [];

  /** intern returns the token's number, adding it if new, and counts one more use. */
  intern(token: QuestionToken): number {
    const name = `${token.kind}\u0001${token.weight}\u0001${token.key}\u0001${token.surface}\u0001${token.stem}`;
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.free.pop() ?? this.tokens.length;
      if (n >= this.uses.length) {
        const uses = new Uint32Array(this.uses.length * 2);
        uses.set(this.uses);
        this.uses = uses;
      }
      this.tokens[n] = token;
      this.names[n] = name;
      this.numbers.set(name, n);
    }
    this.uses[n]++;
    return n;
  }

  /** release counts one use fewer, forgetting the token after its last use. */
  release(n: number): void {
    if (--this.uses[n] > 0) return;
    this.numbers.delete(this.names[n]);
    this.tokens[n] = undefined;
    this.names[n] = '';
    this.free.push(n);
  }

  /** token returns the token of a number in use. */
  token(n: number): QuestionToken {
    return this.tokens[n] as QuestionToken;
  }

  /** size is the number of distinct tokens in use. */
  get size(): number {
    return this.numbers.size;
  }
}
