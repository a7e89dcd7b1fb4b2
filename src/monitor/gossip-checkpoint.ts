import { formatAddCheckpoint, parseTreeSize, TREE_SIZE_TYPE } from '../record/add-checkpoint.ts';

// SPEC: https://c2sp.org/tlog-witness#add-checkpoint, from a monitor's side: a monitor that saw a checkpoint may hand
// it to a witness itself ("gossip"), so that a log showing the monitor one history and its own witnesses another is
// caught by a witness it does not choose. The request is the log's: `old <size>`, the consistency proof from that size,
// the checkpoint as the log signed it. A 409 names the size the witness holds, and the request is made again from it.

/** Gossip is what handing one checkpoint to a witness came to, with a sentence for people. */
export type Gossip =
  /** cosigned: the witness took it (200); `size` is now the size it holds. */
  | { outcome: 'cosigned'; size: number; message: string }
  /** current: the witness already holds this size, or a larger one this monitor has not seen yet. */
  | { outcome: 'current'; size: number; message: string }
  /** refused: 400, 403, 404 or 422, told in words; a 422 may mean the witness was shown another history. */
  | { outcome: 'refused'; status: number; size: number | null; message: string }
  /** failed: no answer, another status, a proof that could not be read. */
  | { outcome: 'failed'; size: number | null; message: string };

/** GossipRequest is a checkpoint to hand on, the size the witness was last known to hold, and how to prove from a size. */
export interface GossipRequest {
  /** url is the witness's submission prefix (add-checkpoint is under it). */
  url: string;
  /** note is the signed checkpoint, as the log served it. */
  note: string;
  size: number;
  /** known is the size the witness was last known to hold for this log (null: never asked; 0 is assumed). */
  known: number | null;
  /** proofFrom reads the consistency proof from a size to `size`, or says why it cannot. */
  proofFrom(oldSize: number): Promise<Uint8Array[] | string>;
  timeoutMs?: number;
}

const MAX_ANSWER = 64 * 1024;

/** gossipCheckpoint posts a checkpoint to a witness by add-checkpoint, resyncing once on a 409; it never throws. */
export async function gossipCheckpoint(request: GossipRequest): Promise<Gossip> {
  let old = request.known ?? 0;
  for (let attempt = 0; ; attempt++) {
    if (old === request.size && request.known !== null) {
      return { outcome: 'current', size: old, message: `it already holds the checkpoint of ${request.size} entries` };
    }
    if (old > request.size) {
      return {
        outcome: 'current',
        size: old,
        message: `it holds a checkpoint of ${old} entries, larger than the ${request.size} this monitor saw: it will be checked when a source serves it`,
      };
    }
    const proof = await request.proofFrom(old);
    if (typeof proof === 'string')
      return { outcome: 'failed', size: null, message: `no consistency proof from ${old}: ${proof}` };
    const answer = await post(request, formatAddCheckpoint({ oldSize: old, proof, checkpoint: request.note }));
    if ('error' in answer) return { outcome: 'failed', size: null, message: answer.error };
    const { status, type, body } = answer;
    if (status === 200)
      return {
        outcome: 'cosigned',
        size: request.size,
        message: `it cosigned the checkpoint of ${request.size} entries`,
      };
    if (status === 409) {
      // SPEC: the body is the size the witness holds, as text/x.tlog.size; ask again from it, once.
      const held = type.split(';')[0].trim() === TREE_SIZE_TYPE ? parseTreeSize(body) : null;
      if (held !== null && attempt === 0) {
        old = held;
        if (held === request.size)
          return { outcome: 'current', size: held, message: `it already holds the checkpoint of ${held} entries` };
        continue;
      }
    }
    const said = firstLine(body);
    const why: Record<number, string> = {
      400: 'it could not read the request',
      403: "it does not trust this log's key (the checkpoint is not signed by a key it holds for this log)",
      404: 'it does not witness this log',
      409: `it holds another size than ${old} and would not say which`,
      422: `the consistency proof from ${old} entries did not convince it: what it cosigned before may be another history of this log — see what it serves, and the monitor's alarms`,
    };
    const message = `${why[status] ?? `it answered ${status}`}${said === '' ? '' : ` (“${said}”)`}`;
    if (status in why) return { outcome: 'refused', status, size: status === 409 ? null : old, message };
    return { outcome: 'failed', size: null, message };
  }
}

async function post(
  request: GossipRequest,
  body: string,
): Promise<{ status: number; type: string; body: string } | { error: string }> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  try {
    const response = await fetch(`${request.url.replace(/\/+$/, '')}/add-checkpoint`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes.subarray(0, MAX_ANSWER));
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: text };
  } catch (error) {
    const name = (error as Error).name;
    return {
      error:
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : (error as Error).message,
    };
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim().slice(0, 200);
}
