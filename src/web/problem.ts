import type { ErrorCode, FieldProblem } from '../domain/errors.ts';
import type { Translate } from '../i18n/i18n.ts';

/** statusOf maps each error code to its HTTP status: the one place that does. */
export const statusOf: Record<ErrorCode, number> = {
  'invalid-input': 422,
  'not-found': 404,
  unauthenticated: 401,
  forbidden: 403,
  'wrong-state': 409,
  'petition-not-open': 409,
  'event-not-open': 409,
  'already-voted': 409,
  'token-invalid': 404,
  'token-expired': 410,
  'token-used': 410,
  conflict: 409,
  csrf: 403,
  'proof-of-work': 422,
  'rate-limited': 429,
  'log-pushback': 503,
  'too-many-streams': 503,
  'export-busy': 503,
  'export-too-slow': 503,
};

/** Problem is an RFC 9457 problem details document, with the bad fields named. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { field: string; problem: string; detail: string }[];
}

/** problemOf builds the problem document for an error code, translating field problems. */
export function problemOf(
  code: string,
  status: number,
  t: Translate,
  detail?: string,
  fields: FieldProblem[] = [],
): Problem {
  const title = errorTitle(code, t);
  const problem: Problem = { type: `urn:veche:problem:${code}`, title, status, code };
  if (detail) problem.detail = detail;
  if (fields.length > 0)
    problem.errors = fields.map((f) => ({ field: f.field, problem: f.problem, detail: fieldMessage(f, t) }));
  return problem;
}

/** errorTitle is the translated one-line description of an error code. */
export function errorTitle(code: string, t: Translate): string {
  try {
    return t(`error.${code}`, { id: '' });
  } catch {
    return t('error.bad-request');
  }
}

/** fieldMessage is the translated sentence for one field problem. */
export function fieldMessage(problem: FieldProblem, t: Translate): string {
  try {
    return t(`problem.${problem.problem}`, problem.params);
  } catch {
    return problem.problem;
  }
}
