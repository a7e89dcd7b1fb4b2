import { randomBytes } from 'node:crypto';
import { formatAddCheckpoint } from '../../src/record/add-checkpoint.ts';
import { signCheckpoint } from '../../src/record/checkpoint.ts';
import { consistencyProof } from '../../src/record/proofs.ts';
import { leafHash, memoryHashReader, treeRoot, emptyRoot } from '../../src/record/merkle.ts';
import { createEd25519Signer } from '../../src/record/note-keys.ts';
import type { Ed25519Signer, NoteSigner } from '../../src/record/note-keys.ts';

/** TestLog is a log in memory for witness tests: it signs checkpoints of any size it holds and proves them consistent. */
export class TestLog {
  readonly origin: string;
  readonly signer: Ed25519Signer;
  readonly leaves: Uint8Array[] = [];

  constructor(origin: string, signer: Ed25519Signer = createEd25519Signer(origin, randomBytes(32))) {
    this.origin = origin;
    this.signer = signer;
  }

  /** append adds `count` random entries and returns the log. */
  append(count: number): this {
    for (let i = 0; i < count; i++) this.leaves.push(leafHash(randomBytes(16)));
    return this;
  }

  /** fork is another history with the same key: the first `size` entries, then none of the same. */
  fork(size: number): TestLog {
    const other = new TestLog(this.origin, this.signer);
    other.leaves.push(...this.leaves.slice(0, size));
    return other;
  }

  root(size = this.leaves.length): Uint8Array {
    return size === 0 ? emptyRoot() : treeRoot(size, memoryHashReader(this.leaves.slice(0, size)));
  }

  /** checkpoint is the signed checkpoint of the first `size` entries, by this log's key (or `signers`). */
  checkpoint(size = this.leaves.length, signers: readonly NoteSigner[] = [this.signer]): string {
    return signCheckpoint({ origin: this.origin, size, root: this.root(size), extensions: [] }, signers);
  }

  proof(oldSize: number, size = this.leaves.length): Uint8Array[] {
    return oldSize === 0 || oldSize === size
      ? []
      : consistencyProof(oldSize, size, memoryHashReader(this.leaves.slice(0, size)));
  }

  /** request is the add-checkpoint body from `oldSize` to `size`, with this log's proof unless one is given. */
  request(
    oldSize: number,
    size = this.leaves.length,
    options: { proof?: Uint8Array[]; checkpoint?: string } = {},
  ): string {
    return formatAddCheckpoint({
      oldSize,
      proof: options.proof ?? this.proof(oldSize, size),
      checkpoint: options.checkpoint ?? this.checkpoint(size),
    });
  }
}
