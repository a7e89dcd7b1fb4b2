import { VecheError } from './errors.ts';

/** AttachmentKind is what an attachment shows: a photo (served at a few widths) or a video (one MP4). */
export type AttachmentKind = 'image' | 'video';

/**
 * AttachmentStatus is an attachment's place in its life: a `draft` only its organiser sees (the cleaned preview),
 * `published` on the petition's page and in the record, `removed` with its bytes deleted.
 */
export type AttachmentStatus = 'draft' | 'published' | 'removed';

/** AttachmentFile is one cleaned file of an attachment as it is served at /a/{attachment}/{name}. */
export interface AttachmentFile {
  name: string;
  contentType: string;
  width: number;
  height: number;
  size: number;
  sha256: string;
}

/** Attachment is a photo or video attached to a petition, after cleaning; the upload itself is never kept. */
export interface Attachment {
  id: number;
  publicId: string;
  petitionId: number;
  kind: AttachmentKind;
  status: AttachmentStatus;
  alt: string;
  createdAt: number;
  publishedAt: number | null;
  removedAt: number | null;
  files: AttachmentFile[];
}

/** ATTACHMENT_REMOVAL_REASONS are the public reasons an organiser may give for taking a published attachment down. */
export const ATTACHMENT_REMOVAL_REASONS = ['identifies-someone', 'wrong-file', 'other'] as const;

/** AttachmentRemovalReason is one of ATTACHMENT_REMOVAL_REASONS. */
export type AttachmentRemovalReason = (typeof ATTACHMENT_REMOVAL_REASONS)[number];

/** attachmentsPerPetition bounds how many attachments (drafts and published, not removed) one petition may have. */
export const attachmentsPerPetition = 20;

/** altTextLimit is the longest description of an attachment, in characters. */
export const altTextLimit = 500;

const moves: Record<'publish' | 'remove', AttachmentStatus[]> = {
  publish: ['draft'],
  remove: ['draft', 'published'],
};

/** assertAttachmentMove refuses to publish what is not a draft, or to remove what is removed already. */
export function assertAttachmentMove(status: AttachmentStatus, move: 'publish' | 'remove'): void {
  if (!moves[move].includes(status)) {
    throw new VecheError(
      'wrong-state',
      `An attachment that is ${status} cannot be ${move === 'publish' ? 'published' : 'removed'}.`,
    );
  }
}
