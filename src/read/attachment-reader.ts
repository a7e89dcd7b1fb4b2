import type { Actor } from '../actions/context.ts';
import type { Attachment } from '../domain/attachment.ts';
import type { Petition } from '../domain/petition.ts';
import * as attachments from '../store/attachments.ts';
import type { Transaction } from '../store/open-store.ts';

/** petitionAttachments lists what an organiser sees of a petition's attachments: drafts and published, not removed. */
export function petitionAttachments(db: Transaction, petition: Petition): Promise<Attachment[]> {
  return attachments.listAttachments(db, petition.id, ['draft', 'published']);
}

/** publishedAttachments lists what the petition's public page shows. */
export function publishedAttachments(db: Transaction, petitionId: number): Promise<Attachment[]> {
  return attachments.listAttachments(db, petitionId, ['published']);
}

/** ServedFile is a file that may be served to this reader, and whether anyone else may be served it too. */
export interface ServedFile extends attachments.ServedFileInfo {
  public: boolean;
}

/**
 * servedFile finds a file that may be served to `reader`: a published attachment's to anyone, a draft's (the cleaned
 * preview) only to its petition's organiser or an admin. Removed attachments are not served at all.
 */
export async function servedFile(
  db: Transaction,
  publicId: string,
  name: string,
  reader: Actor | null,
): Promise<ServedFile | null> {
  const found = await attachments.findServedFile(db, publicId, name);
  if (!found || found.status === 'removed') return null;
  if (found.status === 'published') return { ...found, public: true };
  const mayPreview = reader !== null && (reader.role === 'admin' || reader.id === found.ownerId);
  return mayPreview ? { ...found, public: false } : null;
}

/** fileBytes streams bytes `start` to `end` (inclusive) of a served file. */
export function fileBytes(db: Transaction, file: ServedFile, start: number, end: number): AsyncGenerator<Uint8Array> {
  return attachments.readFileRange(db, file.attachmentId, file.file.name, start, end);
}
