import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadOwnPetition } from '../../actions/load-own-petition.ts';
import { publishAttachment } from '../../actions/publish-attachment.ts';
import { removeAttachment } from '../../actions/remove-attachment.ts';
import { type UploadedFile, uploadAttachment, uploadsFolder } from '../../actions/upload-attachment.ts';
import { randomId } from '../../crypto/tokens.ts';
import { VecheError } from '../../domain/errors.ts';
import type { Petition } from '../../domain/petition.ts';
import { mediaLimits } from '../../media/media-limits.ts';
import { fileBytes, petitionAttachments, servedFile } from '../../read/attachment-reader.ts';
import { byteRange } from '../byte-range.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { fieldMessage } from '../problem.ts';
import { viewContext } from '../view-context.ts';
import { type AttachmentForm, type AttachmentNotice, attachmentsPage } from '../views/attachments-page.ts';
import type { WebApp } from '../web-app.ts';
import { requireAccount } from './accounts.ts';

type Id = { Params: { id: string } };
type Item = { Params: { id: string; attachment: string } };
type File = { Params: { attachment: string; file: string } };

const notices = new Set<AttachmentNotice>(['uploaded', 'published', 'removed']);

/**
 * attachmentRoutes serve the organiser's page of a petition's photos and videos (upload, preview, publish, remove) and
 * every cleaned file at /a/{attachment}/{file}: from our origin, with our content type, immutable once published.
 */
export function attachmentRoutes(server: FastifyInstance, app: WebApp): void {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    petition: Petition,
    form?: AttachmentForm,
    status?: number,
  ) => {
    const query = request.query as Record<string, unknown>;
    const done = notices.has(query.done as AttachmentNotice) && !form ? (query.done as AttachmentNotice) : null;
    const list = await petitionAttachments(app.store.db, petition);
    const text = attachmentsPage(viewContext(app, request, reply), petition, list, done, form).text;
    return reply
      .code(status ?? (form ? 422 : 200))
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(text);
  };
  const back = (reply: FastifyReply, id: string, done: AttachmentNotice) =>
    reply.redirect(`/admin/petitions/${id}/attachments?done=${done}`, 303);

  server.get<Id>('/admin/petitions/:id/attachments', async (request, reply) => {
    return page(request, reply, await loadOwnPetition(app, requireAccount(request), request.params.id));
  });

  server.post<Item>('/admin/petitions/:id/attachments/:attachment/publish', async (request, reply) => {
    readButtonForm(request.body);
    await publishAttachment(app, requireAccount(request), request.params.id, request.params.attachment);
    return back(reply, request.params.id, 'published');
  });

  server.post<Item>('/admin/petitions/:id/attachments/:attachment/remove', async (request, reply) => {
    const account = requireAccount(request);
    const { id, attachment } = request.params;
    try {
      await removeAttachment(app, account, id, attachment, request.body);
    } catch (error) {
      const errors = formErrors(error, viewContext(app, request, reply).t);
      return page(request, reply, await loadOwnPetition(app, account, id), { values: {}, errors });
    }
    return back(reply, id, 'removed');
  });

  server.get<File>('/a/:attachment/:file', async (request, reply) => {
    const reader = request.account ? { id: request.account.id, role: request.account.role } : null;
    const found = await servedFile(app.store.db, request.params.attachment, request.params.file, reader);
    if (!found) throw new VecheError('not-found', 'No such file.');
    const { size, sha256, contentType } = found.file;
    const etag = `"${sha256}"`;
    reply
      .header('content-type', contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
      .header('etag', etag)
      .header('accept-ranges', 'bytes')
      // A published file never changes (a removal deletes it; a new file gets a new address): caches may keep it.
      .header('cache-control', found.public ? 'public, max-age=31536000, immutable' : 'private, no-store');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const range = byteRange(request.headers.range, size);
    if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).send();
    const { start, end } = range ?? { start: 0, end: size - 1 };
    if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
    reply.header('content-length', end - start + 1);
    return reply.send(Readable.from(fileBytes(app.store.db, found, start, end)));
  });

  server.register(async (scope) => uploadRoute(scope, app, page, back));
}

/**
 * uploadRoute takes one file by multipart/form-data, the only route that does: the organiser is checked before a byte
 * of the body is read, the file is streamed to the uploads folder (never held in memory), and whatever happens to the
 * request, that file is deleted when the response is sent.
 */
async function uploadRoute(
  scope: FastifyInstance,
  app: WebApp,
  page: (
    request: FastifyRequest,
    reply: FastifyReply,
    petition: Petition,
    form?: AttachmentForm,
    status?: number,
  ) => Promise<unknown>,
  back: (reply: FastifyReply, id: string, done: AttachmentNotice) => unknown,
): Promise<void> {
  const written = new WeakMap<FastifyRequest, string[]>();
  // A multipart body is read (and its file written) before the form token can be: only the petition's organiser gets
  // that far. Any other body is a small form, read within the forms' limit and checked like every form.
  scope.addHook('onRequest', async (request) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('multipart/')) return;
    await loadOwnPetition(app, requireAccount(request), (request.params as { id: string }).id);
  });
  scope.addHook('onResponse', async (request) => {
    for (const path of written.get(request) ?? []) await rm(path, { force: true });
  });
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: mediaLimits.videoBytes, files: 1, fields: 4, fieldSize: 8 * 1024, parts: 6 },
    async onFile(this: FastifyRequest, part: MultipartFile & { value?: unknown }) {
      if (!part.filename) {
        part.file.resume(); // the form's file field, left empty
        part.value = '';
        return;
      }
      await mkdir(uploadsFolder(app), { recursive: true });
      const path = join(uploadsFolder(app), `upload-${randomId(16)}`);
      written.set(this, [...(written.get(this) ?? []), path]);
      await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
      const file: UploadedFile = { path, name: part.filename, type: part.mimetype };
      part.value = file;
    },
  });
  scope.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    // A file over the limit is stopped while it streams in: say so on the form, as for any other refused file.
    if (error.statusCode !== 413) throw error;
    const petition = await loadOwnPetition(app, requireAccount(request), (request.params as { id: string }).id);
    const t = viewContext(app, request, reply).t;
    const max = Math.floor(mediaLimits.videoBytes / (1024 * 1024));
    const message = fieldMessage({ field: 'file', problem: 'file-too-large', params: { max } }, t);
    return page(request, reply, petition, { values: {}, errors: { file: message } }, 413);
  });
  // The route keeps the forms' body limit: @fastify/multipart reads its stream under its own limits above.
  scope.post<Id>('/admin/petitions/:id/attachments', async (request, reply) => {
    const account = requireAccount(request);
    const { file, ...fields } = (request.body ?? {}) as Record<string, unknown>;
    const upload = file !== null && typeof file === 'object' && 'path' in file ? (file as UploadedFile) : null;
    try {
      await uploadAttachment(app, account, request.params.id, upload, fields);
    } catch (error) {
      const errors = formErrors(error, viewContext(app, request, reply).t);
      const petition = await loadOwnPetition(app, account, request.params.id);
      return page(request, reply, petition, { values: formValues(fields), errors });
    }
    return back(reply, request.params.id, 'uploaded');
  });
}
