import assert from 'node:assert/strict';
import { VecheError } from '../../src/domain/errors.ts';

/**
 * refusal returns a check for assert.rejects/throws: the error is a VecheError with this code and, when given,
 * exactly these field problems in this order.
 */
export function refusal(code: string, fields?: { field: string; problem: string }[]): (error: unknown) => true {
  return (error: unknown) => {
    assert.ok(error instanceof VecheError, `expected a VecheError, got ${error}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    if (fields)
      assert.deepEqual(
        error.fields.map(({ field, problem }) => ({ field, problem })),
        fields,
      );
    return true;
  };
}
