import type { AttachedFile, EntryOf } from '../record/entry.ts';
import { MAX_BATCH } from '../record/sequencer.ts';
import type { Findings } from './findings.ts';

/** RecordedAttachment is what the record says of one photo or video: its petition, its files' hashes, its removal. */
export interface RecordedAttachment {
  id: string;
  petition: string;
  kind: 'image' | 'video' | null;
  files: AttachedFile[];
  /** published is the leaf index of its attachment.published entry, or -1. */
  published: number;
  /** removed is the leaf index of its attachment.removed entry, or -1. */
  removed: number;
  reason: string | null;
}

/**
 * AttachmentTally reads the entries of attachments (docs/record.md, "Attachments"): each is published once, removed at
 * most once and only after it was published (in the same batch, which the sequencer shuffles, either order is fine),
 * and always under the one petition.
 */
export class AttachmentTally {
  readonly attachments = new Map<string, RecordedAttachment>();
  readonly #findings: Findings;

  constructor(findings: Findings) {
    this.#findings = findings;
  }

  /** add reads one attachment entry at leaf `index`, in log order. */
  add(entry: EntryOf<'attachment.published'> | EntryOf<'attachment.removed'>, index: number): void {
    let known = this.attachments.get(entry.attachment);
    if (!known) {
      known = {
        id: entry.attachment,
        petition: entry.petition,
        kind: null,
        files: [],
        published: -1,
        removed: -1,
        reason: null,
      };
      this.attachments.set(entry.attachment, known);
    } else if (known.petition !== entry.petition) {
      const message = `attachment ${entry.attachment} of petition ${known.petition} is named under petition ${entry.petition} at entry ${index}`;
      this.#problem('attachment-petition-mismatch', message, index, entry);
      return;
    }
    if (entry.type === 'attachment.published') {
      if (known.published >= 0) {
        this.#problem(
          'attachment-published-twice',
          `attachment ${entry.attachment} is published again at entry ${index}`,
          index,
          entry,
        );
        return;
      }
      known.published = index;
      known.kind = entry.kind;
      known.files = entry.files;
      if (known.removed >= 0 && index - known.removed >= MAX_BATCH) {
        const message = `attachment ${entry.attachment} is removed at entry ${known.removed}, more than one batch (${MAX_BATCH}) before it was published at ${index}`;
        this.#problem('attachment-removed-before-published', message, known.removed, entry);
      }
      return;
    }
    if (known.removed >= 0) {
      this.#problem(
        'attachment-removed-twice',
        `attachment ${entry.attachment} is removed again at entry ${index}`,
        index,
        entry,
      );
      return;
    }
    known.removed = index;
    known.reason = entry.reason;
  }

  /** finish reports the attachments removed that the whole record never published. */
  finish(): void {
    for (const a of this.attachments.values()) {
      if (a.published < 0 && a.removed >= 0) {
        const message = `attachment ${a.id} is removed at entry ${a.removed} but was never published`;
        this.#findings.discrepancy({
          code: 'attachment-never-published',
          message,
          index: a.removed,
          petition: a.petition,
        });
      }
    }
  }

  #problem(
    code:
      | 'attachment-published-twice'
      | 'attachment-removed-twice'
      | 'attachment-removed-before-published'
      | 'attachment-petition-mismatch',
    message: string,
    index: number,
    entry: { petition: string },
  ): void {
    this.#findings.discrepancy({ code, message, index, petition: entry.petition });
  }
}
