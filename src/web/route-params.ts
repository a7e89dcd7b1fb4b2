import type { FastifyRequest, RouteOptions } from 'fastify';
import { VecheError, type ErrorCode } from '../domain/errors.ts';
import { normaliseJoinCode } from '../domain/join-code.ts';

/** ParamShape is what one kind of route parameter looks like, and how a request with any other value is refused. */
interface ParamShape {
  valid: (value: string) => boolean;
  code: Extract<ErrorCode, 'not-found' | 'token-invalid'>;
  message: string;
}

// Public ids are a letter and base58 characters (randomId in src/crypto/tokens.ts): p7…, s16…, q10…. The length is not
// part of the format (as src/audit/read-entry.ts reads them), but no id is longer than 64.
const publicId = (letter: string) => {
  const pattern = new RegExp(`^${letter}[1-9A-HJ-NP-Za-km-z]{1,63}$`);
  return (value: string) => pattern.test(value);
};

const shapes = {
  petition: { valid: publicId('p'), code: 'not-found', message: 'No such petition.' },
  signature: {
    valid: publicId('s'),
    code: 'not-found',
    message: 'No such signature. Check that you copied the whole link.',
  },
  question: { valid: publicId('q'), code: 'not-found', message: 'No such question.' },
  // A join code as typed: any case, with spaces or dashes (normaliseJoinCode reads it).
  event: {
    valid: (v) => v.length <= 40 && /^[A-Za-z0-9 -]+$/.test(v) && normaliseJoinCode(v) !== null,
    code: 'not-found',
    message: 'No event has this code. Check the code and try again.',
  },
  // Link secrets (confirmation, setup, invitation, older receipts): 32 random bytes in base64url (newToken). A receipt's
  // secret is now 16 characters of Crockford's base32 (src/domain/receipt-code.ts), which a person may type in any case.
  secret: {
    valid: (v) => /^[A-Za-z0-9_-]{43}$/.test(v) || /^[0-9A-Za-z]{16}$/.test(v),
    code: 'token-invalid',
    message: 'This link is not valid. Check that you copied the whole link.',
  },
  number: { valid: (v) => /^\d{1,12}$/.test(v), code: 'not-found', message: 'No such page.' },
  // A session's public id: base58 without a letter of its kind (src/actions/account-sessions.ts).
  session: { valid: (v) => /^[1-9A-HJ-NP-Za-km-z]{1,64}$/.test(v), code: 'not-found', message: 'No such session.' },
  action: { valid: (v) => /^[a-z]{1,20}$/.test(v), code: 'not-found', message: 'No such page.' },
  outbox: { valid: (v) => /^[\w-]{1,100}\.eml$/.test(v), code: 'not-found', message: 'No such email.' },
  attachment: { valid: publicId('a'), code: 'not-found', message: 'No such photo or video.' },
  batch: { valid: publicId('b'), code: 'not-found', message: 'No such batch of paper signatures.' },
  // A cleaned file of an attachment: a width and an image type, or the one video (src/media).
  attachmentFile: {
    valid: (v) => /^(\d{1,5}\.(jpg|webp)|video\.mp4)$/.test(v),
    code: 'not-found',
    message: 'No such file.',
  },
} satisfies Record<string, ParamShape>;

/**
 * shapeOf names the shape of a route's parameter from the route's pattern. A new route with a parameter this does not
 * know stops the server at start, so that no parameter reaches a query unchecked.
 */
function shapeOf(url: string, name: string): ParamShape | null {
  if (name === '*') return null; // a wildcard's route reads the rest of the path itself (tiles, assets)
  if (name === 'code') return shapes.event;
  if (name === 'token' || name === 'secret') return shapes.secret;
  if (name === 'action') return shapes.action;
  if (name === 'attachment') return shapes.attachment;
  if (name === 'batch') return shapes.batch;
  if (name === 'file' && url.startsWith('/a/')) return shapes.attachmentFile;
  if (name === 'name' && url.startsWith('/admin/outbox/')) return shapes.outbox;
  if (name === 'id') {
    if (/^\/(p|api\/petitions|admin\/petitions)\/:id/.test(url)) return shapes.petition;
    if (/^\/(receipt|api\/signatures)\/:id/.test(url)) return shapes.signature;
    if (/\/questions\/:id/.test(url)) return shapes.question;
    if (/\/moderators\/:id/.test(url)) return shapes.number;
    if (/^\/admin\/(people|invitations)\/:id/.test(url)) return shapes.number;
    if (/^\/admin\/sessions\/:id/.test(url)) return shapes.session;
  }
  throw new Error(`route ${url}: parameter :${name} has no known shape; add it to src/web/route-params.ts`);
}

/** RouteParams remembers the shape of every parameter of every route, and checks a request's against them. */
export class RouteParams {
  private readonly byRoute = new Map<string, [string, ParamShape][]>();

  /** learn reads a route's parameters as it is added (Fastify's onRoute hook). */
  learn(route: RouteOptions): void {
    const names = [...route.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
    const checks: [string, ParamShape][] = [];
    for (const name of names) {
      const shape = shapeOf(route.url, name);
      if (shape) checks.push([name, shape]);
    }
    if (checks.length > 0) this.byRoute.set(route.url, checks);
  }

  /**
   * check refuses a request whose parameters are not of their route's shape (a NUL byte, a control character,
   * something too long or of the wrong alphabet) before any hook or handler can put them into a query: the same
   * 404 that an unknown id gets, naming the parameter. A NUL in the query string is refused too.
   */
  check(request: FastifyRequest): void {
    const checks = this.byRoute.get(request.routeOptions.url ?? '');
    const params = request.params as Record<string, string | undefined>;
    for (const [name, shape] of checks ?? []) {
      const value = params[name];
      if (typeof value !== 'string' || !shape.valid(value)) {
        throw new VecheError(shape.code, shape.message, [{ field: name, problem: 'malformed-parameter' }]);
      }
    }
    const query = request.query as Record<string, unknown> | undefined;
    for (const name in query) {
      const values = query[name];
      for (const value of Array.isArray(values) ? values : [values]) {
        if (name.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
          throw Object.assign(
            new Error(`The query parameter "${name.replaceAll('\u0000', '')}" holds a NUL character.`),
            { statusCode: 400 },
          );
        }
      }
    }
  }
}
