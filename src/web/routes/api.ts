import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import type { Petition } from '../../domain/petition.ts';
import type { PetitionView } from '../../read/petition-reader.ts';
import { signPetition } from '../../actions/sign-petition.ts';
import { signingRules } from '../../domain/signing-rules.ts';
import { VecheError } from '../../domain/errors.ts';
import { regionsOf } from '../../domain/regions.ts';
import { checkSigningRate } from '../rate-limits.ts';
import { LiveCounts } from '../live/live-counts.ts';
import { countSourceOf } from '../live/count-source.ts';
import { streamsOf, eventFrame, type EventStream } from '../live/event-stream.ts';
import { openApiDocument } from '../live/openapi-document.ts';
import { addressKey } from '../client-address.ts';
import { recordCoverage, type RecordCoverage } from '../record-proofs.ts';

/** apiRoutes serve the JSON API under /api: petitions and their counts, signing, a live count stream, the OpenAPI document. */
export function apiRoutes(server: FastifyInstance, app: WebApp): void {
  const base = app.config.publicUrl;
  const live = new LiveCounts(countSourceOf(app), {
    onError: (err) => server.log.error({ err }, 'live count read failed'),
  });
  const streams = streamsOf(app);
  const document = Buffer.from(JSON.stringify(openApiDocument(base)));
  server.addHook('preClose', async () => {
    streams.closeAll();
    live.close();
  });

  server.get('/api/pow/challenge', async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send(await app.proofOfWork.challenge());
  });

  server.get('/api/openapi.json', async (_request, reply) => {
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(document);
  });

  // The answers are made once per view (PetitionReader keeps a view for a second, or until this node changes the
  // petition) and per list, not once per request: a popular petition's JSON is read far more often than it changes.
  // They are kept as UTF-8 bytes: encoding a petition's text again for every response took a quarter of the CPU.
  const details = new WeakMap<PetitionView, Buffer>();
  let list: { at: number; json: Promise<Buffer> } | null = null;
  app.events.onChange(() => {
    list = null;
  });

  server.get('/api/petitions', async (_request, reply) => {
    if (!list || Date.now() - list.at >= 1000) {
      const json = app.reader
        .list()
        .then((items) =>
          Buffer.from(JSON.stringify(items.map((i) => petitionSummary(i.petition, i.signatures, base, i.paper)))),
        );
      list = { at: Date.now(), json };
      json.catch(() => {
        list = null;
      });
    }
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'public, max-age=1')
      .send(await list.json);
  });

  server.get<{ Params: { id: string } }>('/api/petitions/:id', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    let json = details.get(view);
    if (json === undefined)
      details.set(
        view,
        (json = Buffer.from(
          JSON.stringify(petitionDetail(view, base, app.proofOfWork.enabled, await recordCoverage(app, view))),
        )),
      );
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=1').send(json);
  });

  server.post<{ Params: { id: string } }>(
    '/api/petitions/:id/signatures',
    { onRequest: requireJson },
    async (request, reply) => {
      const body = request.body;
      const altcha = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).altcha : undefined;
      await checkSigningRate(app, request, altcha !== undefined);
      if (altcha !== undefined) await app.proofOfWork.verify(altcha);
      const result = await signPetition(app, request.params.id, body, request.lang, ['altcha']);
      reply.header('cache-control', 'no-store');
      if (result.kind === 'check-email') return reply.code(202).send({ status: 'check-email' });
      const receipt = `${base}/receipt/${result.signature}/${result.receiptSecret}`;
      return reply.code(201).send({ status: 'counted', signature: result.signature, receipt });
    },
  );

  server.get<{ Params: { id: string } }>('/api/petitions/:id/events', async (request, reply) => {
    const client = addressKey(request.ip);
    if (request.method !== 'HEAD') streams.assertRoom(client);
    let stream: EventStream | null = null;
    const watching = await live.watch(request.params.id, (count) => stream?.send(eventFrame('count', count)));
    if (!watching) throw new VecheError('not-found', 'No such petition.');
    if (request.method === 'HEAD') {
      watching.stop();
      return reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').send();
    }
    stream = streams.open(reply, watching.stop, client);
    stream.send(eventFrame('count', watching.latest));
  });
}

/** requireJson refuses a body that is not `application/json`: a form or text/plain would let another site post one. */
async function requireJson(request: FastifyRequest): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type || 'none');
}

const isoTime = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * petitionSummary is a published petition as the API lists it; `signatures` is the total, `online` and `paper` its two
 * parts (the auditor compares each with the record).
 */
export function petitionSummary(p: Petition, signatures: number, base: string, paper = 0) {
  return {
    id: p.publicId,
    title: p.title,
    addressee: p.addressee,
    language: p.language,
    status: p.status,
    confirmation: p.confirmation,
    signatures,
    online: signatures - paper,
    paper,
    goal: p.goal === null ? null : Number(p.goal),
    deadline: isoTime(p.deadline),
    openedAt: isoTime(p.openedAt),
    closedAt: isoTime(p.closedAt),
    url: `${base}/p/${p.publicId}`,
  };
}

/** petitionDetail is one published petition with its text, counts by region and day, rules, invalidations, and its count in the record. */
export function petitionDetail(
  view: PetitionView,
  base: string,
  proofOfWork: boolean,
  record: RecordCoverage | null = null,
) {
  const p = view.petition;
  const rules = signingRules(p);
  return {
    ...petitionSummary(p, view.signatures, base, view.paper),
    text: p.body,
    response: p.response,
    respondedAt: isoTime(p.respondedAt),
    byRegion: view.byRegion.map((r) => ({ region: r.region === '' ? null : r.region, signatures: r.signatures })),
    byDay: view.byDay.map((d) => ({ date: isoDay(d.day), signatures: d.signatures })),
    confirmation: p.confirmation,
    signerRules: {
      name: rules.nameRule,
      email: rules.confirmation === 'email' ? 'required' : 'not-asked',
      region: rules.regionRule,
      regions: rules.regionRule === 'none' ? [] : regionsOf(rules.regionCountries, 'en').map((r) => r.code),
      showName: rules.namesPublic === 'signer',
      proofOfWork,
    },
    invalidations: view.invalidations.map((i) => ({
      id: i.publicId,
      reason: i.reason,
      signatures: Number(i.signatures),
      date: isoDay(Math.floor(Number(i.createdAt) / 86_400_000)),
    })),
    record: record && { checkpointSize: record.checkpoint.size, signatures: record.signatures },
    // The text's version (1 as published) and, once corrected, every earlier version: an auditor checks each one's
    // hash against the record's petition.corrected entries (docs/record.md).
    version: p.version,
    correctedAt: isoTime(p.correctedAt),
    versions: view.versions
      .filter((v) => v.version < p.version)
      .map((v) => ({
        version: v.version,
        title: v.title,
        addressee: v.addressee,
        text: v.body,
        date: isoTime(v.correctedAt),
        reason: v.reason,
      })),
  };
}
