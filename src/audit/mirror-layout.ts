// A mirror is a folder that any static web server, object store or USB stick can serve, laid out as a Veche site's
// record: log/checkpoint, log/key, log/tile/<L>/<N>[.p/<W>] and log/tile/entries/<N>[.p/<W>], byte for byte what the
// site served (SPEC: https://c2sp.org/tlog-tiles). Beside it, what an audit compares the counts with: the site's API
// answers, read after a checkpoint, in a snapshot folder, and veche-mirror.json, which names that snapshot. The API's
// paths cannot be files as they are (/api/petitions is a list and a folder of petitions; a list of questions has a
// query), so each is kept under a name made from it (mirrorApiPath).

/** MIRROR_MANIFEST is where a mirror keeps its manifest, under its root. */
export const MIRROR_MANIFEST = '/veche-mirror.json';

/** MirrorManifest is what a mirror says of itself in veche-mirror.json. */
export interface MirrorManifest {
  version: 1;
  /** origin is the record's origin, the first line of its checkpoints. */
  origin: string;
  /** snapshot is the folder, under the mirror's root, that holds the site's API answers (e.g. `api/1042`). */
  snapshot: string;
  /**
   * after is the size of the checkpoint the site's API was read after: the audit compares the site's counts with the
   * record at that size, allowing for what the record took out after it (as a site's audit does while it settles).
   */
  after: number;
  /** events are the join codes of the events the record opened, whose API answers the snapshot holds. */
  events: string[];
}

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * mirrorApiPath is where a mirror keeps the answer to a site's API path: `/api/petitions` → `<snapshot>/petitions.json`,
 * `/api/petitions/p7Kx2abQ` → `<snapshot>/petitions/p7Kx2abQ.json`, and a query's values become a last segment:
 * `/api/events/K7MX2Q/questions?list=popular&limit=200&offset=0` → `<snapshot>/events/K7MX2Q/questions/popular-200-0.json`.
 * Null for a path that cannot be a file name on every file system (the mirror cannot hold it).
 */
export function mirrorApiPath(manifest: Pick<MirrorManifest, 'snapshot'>, path: string): string | null {
  const [route, query] = path.split('?', 2);
  if (!route.startsWith('/api/')) return null;
  const segments = route.slice('/api/'.length).split('/').map(decodeSegment);
  if (query !== undefined) segments.push([...new URLSearchParams(query).values()].join('-'));
  if (!segments.every((s) => s !== null && SEGMENT.test(s))) return null;
  return `/${manifest.snapshot}/${segments.join('/')}.json`;
}

/** readMirrorManifest checks a parsed veche-mirror.json, returning it or a sentence saying what is wrong. */
export function readMirrorManifest(value: unknown): MirrorManifest | string {
  const m = value as Partial<MirrorManifest> | null;
  if (m === null || typeof m !== 'object' || m.version !== 1) return 'it is not a Veche mirror manifest of version 1';
  if (typeof m.origin !== 'string' || m.origin === '') return 'it names no origin';
  if (typeof m.snapshot !== 'string' || !m.snapshot.split('/').every((s) => SEGMENT.test(s)))
    return 'its snapshot is not a folder name';
  if (!Number.isSafeInteger(m.after) || m.after! < 0) return 'its "after" is not a size';
  if (!Array.isArray(m.events) || !m.events.every((e) => typeof e === 'string' && SEGMENT.test(e)))
    return 'its events are not join codes';
  return { version: 1, origin: m.origin, snapshot: m.snapshot, after: m.after!, events: m.events };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
