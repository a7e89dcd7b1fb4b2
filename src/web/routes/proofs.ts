import type { FastifyInstance } from 'fastify';
import { InputReader } from '../../domain/input.ts';
import { VecheError } from '../../domain/errors.ts';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { proveConsistency, proveInclusion, proveSignature, recordCoverage } from '../record-proofs.ts';
import { auditPage } from '../views/audit-page.ts';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

/**
 * proofRoutes serve proofs from the public record as JSON (inclusion by leaf index or by signature, consistency
 * between two sizes) and each petition's audit page, /p/:id/audit.
 */
export function proofRoutes(server: FastifyInstance, app: WebApp): void {
  server.get('/api/log/proof/inclusion', async (request, reply) => {
    const input = proofQuery(request.query);
    const index = input.integer('index', { min: 0, max: MAX_SIZE, required: true });
    const size = input.integer('size', { min: 1, max: MAX_SIZE });
    input.done();
    const proof = await proveInclusion(app, index!, size);
    // A proof for a named size never changes; one against "the latest" does with every checkpoint.
    return reply.header('cache-control', size === null ? 'no-cache' : 'public, max-age=300').send(proof);
  });

  server.get('/api/log/proof/consistency', async (request, reply) => {
    const input = proofQuery(request.query);
    const from = input.integer('from', { min: 1, max: MAX_SIZE, required: true });
    const to = input.integer('to', { min: 1, max: MAX_SIZE });
    input.done();
    const proof = await proveConsistency(app, from!, to);
    return reply.header('cache-control', to === null ? 'no-cache' : 'public, max-age=300').send(proof);
  });

  // The signature id is public (on the receipt, and in the record once sequenced), but whether an id exists must not
  // be learnt here before the record itself says so: an email-confirmed signature gets its id when the signer first
  // submits the form, long before it is confirmed, and a queued entry is not public until a checkpoint covers it.
  // So the answer depends only on the latest checkpoint: the entries it covers, with their proofs; and for an id it
  // covers nothing of (never existed, unconfirmed, or queued for the next tick) the very same 404, which says "not in
  // the record (yet)", true in every case, and never "pending", which would tell a queued id from an unknown one.
  // The receipt page, which knows the signature through its secret, is where "within seconds" is said.
  server.get<{ Params: { id: string } }>('/api/signatures/:id/proof', async (request, reply) => {
    const proof = await proveSignature(app, request.params.id);
    if (proof === null) {
      reply.header('cache-control', 'no-store');
      throw new VecheError(
        'not-found',
        "The public record's latest checkpoint holds no entry of this signature. A new signature is added within seconds.",
      );
    }
    return reply.header('cache-control', 'no-cache').send(proof);
  });

  server.get<{ Params: { id: string } }>('/p/:id/audit', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    const coverage = await recordCoverage(app, view);
    const page = auditPage(viewContext(app, request, reply), view, coverage, app.log.verifierKey);
    return reply.type('text/html; charset=utf-8').send(page.text);
  });
}

/** proofQuery reads a proof's query string; `lang`, which every page and problem takes, is not a mistake. */
function proofQuery(query: unknown): InputReader {
  const input = new InputReader(query);
  input.ignore('lang');
  return input;
}
