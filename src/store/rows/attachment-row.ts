import type { Attachment, AttachmentFile } from '../../domain/attachment.ts';
import type { AttachmentFileRow, AttachmentRow } from '../schema.ts';
import { numberOrNull } from './columns.ts';

/** toAttachment reads an attachments row and its files' rows as an Attachment. */
export function toAttachment(row: AttachmentRow, files: AttachmentFileRow[]): Attachment {
  return {
    id: Number(row.id),
    publicId: row.public_id,
    petitionId: Number(row.petition_id),
    kind: row.kind,
    status: row.status,
    alt: row.alt,
    createdAt: Number(row.created_at),
    publishedAt: numberOrNull(row.published_at),
    removedAt: numberOrNull(row.removed_at),
    files: files.map(toAttachmentFile),
  };
}

/** toAttachmentFile reads an attachment_files row. */
export function toAttachmentFile(row: AttachmentFileRow): AttachmentFile {
  return {
    name: row.name,
    contentType: row.content_type,
    width: Number(row.width),
    height: Number(row.height),
    size: Number(row.size),
    sha256: row.sha256,
  };
}
