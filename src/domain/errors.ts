/** ErrorCode names every way an action can refuse; `web/problem.ts` maps each to an HTTP status. */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unauthenticated'
  | 'forbidden'
  | 'wrong-state'
  | 'petition-not-open'
  | 'event-not-open'
  | 'already-voted'
  | 'token-invalid'
  | 'token-expired'
  | 'token-used'
  | 'conflict'
  | 'csrf'
  | 'proof-of-work'
  | 'rate-limited'
  | 'log-pushback'
  | 'too-many-streams'
  | 'export-busy'
  | 'export-too-slow';

/** FieldProblem says what is wrong with one input field: `problem` is a message key, `params` fill it in. */
export interface FieldProblem {
  field: string;
  problem: string;
  params?: Record<string, string | number>;
}

/** VecheError is the one error type actions throw; its `code` is stable and meant for machines. */
export class VecheError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblem[];
  constructor(code: ErrorCode, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}

/** invalidInput builds the error for one or more bad fields. */
export function invalidInput(fields: FieldProblem[]): VecheError {
  const names = fields.map((f) => f.field).join(', ');
  return new VecheError('invalid-input', `Invalid input: ${names}`, fields);
}
