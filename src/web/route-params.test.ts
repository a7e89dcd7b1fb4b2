import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { RouteParams } from './route-params.ts';
import { VecheError } from '../domain/errors.ts';

const route = (url: string) => ({ url, method: 'GET' }) as unknown as RouteOptions;
const request = (url: string, params: Record<string, string>, query: Record<string, unknown> = {}) =>
  ({ routeOptions: { url }, params, query }) as unknown as FastifyRequest;

function refusal(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return error instanceof VecheError
      ? `${error.code} ${error.fields.map((f) => f.field).join()}`
      : `status ${(error as { statusCode?: number }).statusCode}`;
  }
}

test('a route with a parameter of no known shape stops the server at start', () => {
  const params = new RouteParams();
  assert.throws(() => params.learn(route('/things/:thing')), /parameter :thing has no known shape/);
  assert.throws(() => params.learn(route('/e/:code/things/:id')), /parameter :id has no known shape/);
  params.learn(route('/log/tile/*'));
});

test('each kind of parameter takes exactly its shape', () => {
  const params = new RouteParams();
  for (const url of [
    '/p/:id',
    '/receipt/:id/:secret',
    '/e/:code/questions/:id/vote',
    '/organiser/events/:code/moderators/:id/remove',
  ])
    params.learn(route(url));
  const token = 'A'.repeat(43);
  assert.equal(
    refusal(() => params.check(request('/p/:id', { id: 'p7Kx2abc' }))),
    null,
  );
  assert.equal(
    refusal(() => params.check(request('/p/:id', { id: 'p7Kx\u0000' }))),
    'not-found id',
  );
  assert.equal(
    refusal(() => params.check(request('/p/:id', { id: 'pO0Il' }))),
    'not-found id',
    'not base58',
  );
  assert.equal(
    refusal(() => params.check(request('/p/:id', { id: `p${'2'.repeat(64)}` }))),
    'not-found id',
    'too long',
  );
  assert.equal(
    refusal(() => params.check(request('/p/:id', { id: 's7Kx2abc' }))),
    'not-found id',
    'a signature id is not a petition id',
  );
  assert.equal(
    refusal(() => params.check(request('/receipt/:id/:secret', { id: 's7Kx2abc', secret: token }))),
    null,
  );
  assert.equal(
    refusal(() => params.check(request('/receipt/:id/:secret', { id: 's7Kx2abc', secret: `${token}\u0085` }))),
    'token-invalid secret',
  );
  assert.equal(
    refusal(() => params.check(request('/e/:code/questions/:id/vote', { code: 'ab-cd 23', id: 'q123' }))),
    null,
    'a code as typed',
  );
  assert.equal(
    refusal(() => params.check(request('/e/:code/questions/:id/vote', { code: 'ABC\u0000D', id: 'q123' }))),
    'not-found code',
  );
  assert.equal(
    refusal(() => params.check(request('/e/:code/questions/:id/vote', { code: 'ABCD12', id: 'q12\u202e3' }))),
    'not-found id',
  );
  assert.equal(
    refusal(() => params.check(request('/organiser/events/:code/moderators/:id/remove', { code: 'ABCD12', id: '12' }))),
    null,
  );
  assert.equal(
    refusal(() =>
      params.check(request('/organiser/events/:code/moderators/:id/remove', { code: 'ABCD12', id: '1e3' })),
    ),
    'not-found id',
  );
});

test('a NUL anywhere in the query string is a 400', () => {
  const params = new RouteParams();
  assert.equal(
    refusal(() => params.check(request('/', {}, { order: 'new' }))),
    null,
  );
  assert.equal(
    refusal(() => params.check(request('/', {}, { order: 'n\u0000' }))),
    'status 400',
  );
  assert.equal(
    refusal(() => params.check(request('/', {}, { order: ['new', '\u0000'] }))),
    'status 400',
  );
  assert.equal(
    refusal(() => params.check(request('/', {}, { 'a\u0000': 'x' }))),
    'status 400',
  );
});
