/** RecordErrorCode names every way the public record refuses bytes it was given; each is stable, for machines. */
export type RecordErrorCode =
  | 'malformed-note'
  | 'unverified-note'
  | 'invalid-signature'
  | 'malformed-key'
  | 'malformed-checkpoint'
  | 'origin-mismatch'
  | 'malformed-bundle'
  | 'entry-too-large'
  | 'malformed-tile'
  | 'malformed-policy'
  | 'policy-unsatisfied'
  | 'malformed-witness-request';

// Misuse by our own code (a negative size, an index outside the tree) throws RangeError instead.
/** RecordError is thrown when log bytes (note, key, checkpoint, bundle, tile) are malformed or fail verification. */
export class RecordError extends Error {
  readonly code: RecordErrorCode;
  constructor(code: RecordErrorCode, message: string) {
    super(message);
    this.name = 'RecordError';
    this.code = code;
  }
}
