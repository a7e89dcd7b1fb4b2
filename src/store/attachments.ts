import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Attachment, AttachmentFile, AttachmentKind, AttachmentStatus } from '../domain/attachment.ts';
import { toAttachment, toAttachmentFile } from './rows/attachment-row.ts';
import type { Database } from './schema.ts';

// Attachments' cleaned files are kept in the database in chunks (why: migrations/013-attachments.ts). A chunk is
// 256 KiB: a range request for the middle of a video reads a few rows, and no row is large for either database.

/** chunkSize is the size of every chunk of a file but its last. */
export const chunkSize = 256 * 1024;

/** StoredFile is a cleaned file to store: its description, and its bytes in memory or in a file to read. */
export interface StoredFile extends AttachmentFile {
  bytes?: Uint8Array;
  path?: string;
}

/** NewAttachment is an attachment to store, with its files. */
export interface NewAttachment {
  publicId: string;
  petitionId: number;
  kind: AttachmentKind;
  alt: string;
  createdAt: number;
  files: StoredFile[];
}

/** insertAttachment stores a draft attachment, its files and their bytes; call it in a transaction. */
export async function insertAttachment(db: Kysely<Database>, attachment: NewAttachment): Promise<number> {
  const row = await db
    .insertInto('attachments')
    .values({
      public_id: attachment.publicId,
      petition_id: attachment.petitionId,
      kind: attachment.kind,
      status: 'draft',
      alt: attachment.alt,
      created_at: attachment.createdAt,
      published_at: null,
      removed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  for (const file of attachment.files) {
    await db
      .insertInto('attachment_files')
      .values({
        attachment_id: id,
        name: file.name,
        content_type: file.contentType,
        width: file.width,
        height: file.height,
        size: file.size,
        sha256: file.sha256,
      })
      .execute();
    let seq = 0;
    for await (const bytes of chunksOf(file)) {
      await db.insertInto('attachment_chunks').values({ attachment_id: id, name: file.name, seq, bytes }).execute();
      seq++;
    }
  }
  return id;
}

async function* chunksOf(file: StoredFile): AsyncGenerator<Uint8Array> {
  if (file.bytes) {
    for (let at = 0; at < file.bytes.byteLength; at += chunkSize) yield file.bytes.subarray(at, at + chunkSize);
    return;
  }
  if (!file.path) throw new TypeError(`file ${file.name} has neither bytes nor a path`);
  for await (const chunk of createReadStream(file.path, { highWaterMark: chunkSize })) yield chunk as Buffer;
}

/** findAttachment returns an attachment with its files, or null. */
export async function findAttachment(db: Kysely<Database>, publicId: string): Promise<Attachment | null> {
  const row = await db.selectFrom('attachments').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  if (!row) return null;
  const files = await db
    .selectFrom('attachment_files')
    .selectAll()
    .where('attachment_id', '=', row.id)
    .orderBy('size')
    .execute();
  return toAttachment(row, files);
}

/** listAttachments returns a petition's attachments of the given statuses, oldest first, with their files. */
export async function listAttachments(
  db: Kysely<Database>,
  petitionId: number,
  statuses: AttachmentStatus[],
): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('status', 'in', statuses)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const files = await db
    .selectFrom('attachment_files')
    .selectAll()
    .where(
      'attachment_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('size')
    .execute();
  return rows.map((row) =>
    toAttachment(
      row,
      files.filter((f) => Number(f.attachment_id) === Number(row.id)),
    ),
  );
}

/** countLiveAttachments counts a petition's attachments that are not removed. */
export async function countLiveAttachments(db: Kysely<Database>, petitionId: number): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('petition_id', '=', petitionId)
    .where('status', '!=', 'removed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** markPublished turns a draft into a published attachment; false when it was not a draft any more (a race lost). */
export async function markPublished(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('attachments')
    .set({ status: 'published', published_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * markRemoved takes an attachment that is still `from` down and deletes its bytes (a photo that shows someone it should not must be gone,
 * not hidden); its files' names, sizes and hashes stay, as the record names them. False when its status changed meanwhile.
 */
export async function markRemoved(
  db: Kysely<Database>,
  id: number,
  from: AttachmentStatus,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('attachments')
    .set({ status: 'removed', removed_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('attachment_chunks').where('attachment_id', '=', id).execute();
  return true;
}

/** readFileRange yields the bytes `start` to `end` (inclusive) of one stored file, a chunk's worth at a time. */
export async function* readFileRange(
  db: Kysely<Database>,
  attachmentId: number,
  name: string,
  start: number,
  end: number,
): AsyncGenerator<Uint8Array> {
  const first = Math.floor(start / chunkSize);
  const last = Math.floor(end / chunkSize);
  // A few chunks a query: a long video is streamed, never read whole into memory.
  for (let from = first; from <= last; from += 8) {
    const rows = await db
      .selectFrom('attachment_chunks')
      .select(['seq', 'bytes'])
      .where('attachment_id', '=', attachmentId)
      .where('name', '=', name)
      .where('seq', '>=', from)
      .where('seq', '<=', Math.min(last, from + 7))
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const at = Number(row.seq) * chunkSize;
      const bytes = row.bytes;
      yield bytes.subarray(Math.max(0, start - at), Math.min(bytes.byteLength, end - at + 1));
    }
  }
}

/** ServedFileInfo is what serving one file needs: the attachment's row id and status, its petition's owner, the file. */
export interface ServedFileInfo {
  attachmentId: number;
  status: AttachmentStatus;
  ownerId: number;
  file: AttachmentFile;
}

/** findServedFile looks up one file of an attachment by the attachment's public id and the file's name, or null. */
export async function findServedFile(
  db: Kysely<Database>,
  publicId: string,
  name: string,
): Promise<ServedFileInfo | null> {
  const row = await db
    .selectFrom('attachments')
    .innerJoin('petitions', 'petitions.id', 'attachments.petition_id')
    .innerJoin('attachment_files', 'attachment_files.attachment_id', 'attachments.id')
    .select([
      'attachments.id as attachment_id',
      'attachments.status',
      'petitions.owner_id',
      'attachment_files.name',
      'attachment_files.content_type',
      'attachment_files.width',
      'attachment_files.height',
      'attachment_files.size',
      'attachment_files.sha256',
    ])
    .where('attachments.public_id', '=', publicId)
    .where('attachment_files.name', '=', name)
    .executeTakeFirst();
  if (!row) return null;
  return {
    attachmentId: Number(row.attachment_id),
    status: row.status,
    ownerId: Number(row.owner_id),
    file: toAttachmentFile({ ...row, attachment_id: row.attachment_id }),
  };
}
