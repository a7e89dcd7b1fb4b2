import { invalidInput, type VecheError } from '../domain/errors.ts';

/** refusedFile is the 4xx for an upload the cleaning will not take; `problem` is a `problem.*` message key. */
export function refusedFile(problem: string, params?: Record<string, string | number>): VecheError {
  return invalidInput([{ field: 'file', problem, ...(params ? { params } : {}) }]);
}
