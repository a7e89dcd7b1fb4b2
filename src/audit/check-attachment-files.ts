import { createHash } from 'node:crypto';
import type { AttachmentTally } from './attachment-tally.ts';
import type { Findings } from './findings.ts';
import type { RecordReader } from './record-reader.ts';

/** MAX_FILE is the largest file the audit downloads to hash: the site's limit on a cleaned video, and a margin. */
const MAX_FILE = 320 * 1024 * 1024;

/**
 * checkAttachmentFiles downloads every file of every photo and video the record published and did not remove, from
 * `/a/<attachment>/<name>` on the site, and checks that it hashes to the SHA-256 the record holds: what the site serves
 * is what it published. A mirror holds no such files, so there is nothing to check there. Returns how many it checked.
 */
export async function checkAttachmentFiles(
  client: RecordReader,
  attachments: AttachmentTally,
  findings: Findings,
): Promise<number> {
  if (client.mirror !== null) return 0;
  let checked = 0;
  for (const a of attachments.attachments.values()) {
    if (a.published < 0 || a.removed >= 0) continue;
    for (const file of a.files) {
      const path = `/a/${a.id}/${file.name}`;
      const body = await client.get(path, MAX_FILE);
      checked++;
      if (body === null) {
        const message = `${path}, published at entry ${a.published}, is not served`;
        findings.discrepancy({ code: 'attachment-file-missing', message, petition: a.petition, path });
      } else if (createHash('sha256').update(body).digest('hex') !== file.sha256) {
        const message = `${path} does not hash to the SHA-256 that entry ${a.published} published`;
        findings.discrepancy({ code: 'attachment-file-mismatch', message, petition: a.petition, path });
      }
    }
  }
  return checked;
}
