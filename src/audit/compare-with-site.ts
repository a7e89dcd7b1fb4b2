import { petitionTextHash, responseHash } from '../record/entry-hashes.ts';
import { eventsBehindRecord, readSiteEvents } from './compare-events.ts';
import type { SiteEvents } from './compare-events.ts';
import type { Findings } from './findings.ts';
import type { RecordReader } from './record-reader.ts';
import type { PetitionTally, RecordTally } from './record-tally.ts';

// What the site's JSON API shows is compared with what the record proves. The site counts a change the moment it
// happens; the record, once the sequencer takes it (about a second later). So the site may be ahead of the record in
// either direction for what is not yet sequenced: higher for new signatures, lower for withdrawals. The audit allows
// exactly that: a site's count read after checkpoint C may be as low as the count at C less the signatures that the
// record takes out after C, in the checkpoints that followed.

/** SitePetition is a petition as GET /api/petitions lists it (the fields the audit reads). */
export interface SitePetition {
  id: string;
  status: string;
  /** signatures is the total a site shows: online and paper together (a site older than paper batches: online only). */
  signatures: number;
  /** online and paper are the two parts of the total; a site older than paper batches shows neither. */
  online?: number;
  paper?: number;
}

/**
 * onlineOf is the online signatures a site shows: its total less its paper ones (the total is what people see, so it is
 * what is checked; on a site older than paper batches the total is all online).
 */
function onlineOf(shown: SitePetition): number {
  return shown.signatures - (shown.paper ?? 0);
}

/** paperLower tells whether a site shows fewer paper signatures than the record allows (as for online ones). */
function paperLower(tally: RecordTally, p: PetitionTally, shown: SitePetition): boolean {
  const { paper, paperRemovedSince } = tally.countAtMark(p.id);
  return (shown.paper ?? 0) < paper - paperRemovedSince;
}

/** SiteDetail is a petition as GET /api/petitions/<id> shows it (the fields the audit reads). */
export interface SiteDetail {
  title: string;
  addressee: string;
  text: string;
  response: string | null;
  goal: number | null;
  confirmation: string;
  invalidations: { id: string; reason: string; signatures: number }[];
  /** version is the number of the text shown (1 unless corrected); a site older than corrections shows none. */
  version?: number;
  /** versions are the earlier texts the site keeps public after corrections, each with its number. */
  versions?: SiteVersion[];
}

/** SiteVersion is an earlier text of a petition as GET /api/petitions/<id> shows it. */
export interface SiteVersion {
  version: number;
  title: string;
  addressee: string;
  text: string;
}

/** PetitionComparison is one petition's line in the report: the record's tally and the site's count. */
export interface PetitionComparison {
  id: string;
  status: 'open' | 'closed' | 'never-opened';
  responses: number;
  added: number;
  confirmed: number;
  withdrawn: number;
  invalidated: number;
  /** record is the online signatures the record counts; site those the site shows (its total, if it shows no parts). */
  record: number;
  site: number | null;
  /** batches and paper are the paper batches the record adds and the signatures of those not withdrawn. */
  batches: number;
  paper: number;
  /** sitePaper is the paper signatures the site shows, or null (a site older than paper batches, or none listed). */
  sitePaper: number | null;
  siteStatus: string | null;
}

/** SiteView is what the site showed: its list, the detail of each petition it lists, and each event asked for. */
export interface SiteView {
  petitions: Map<string, SitePetition>;
  details: Map<string, SiteDetail>;
  events: SiteEvents;
}

const MAX_JSON = 64 * 1024 * 1024;

/**
 * readSite reads the site's petition list and each listed petition's detail, and each of the events named (the API
 * lists no events: the audit asks for those the record opened); a malformed answer is a discrepancy.
 */
export async function readSite(client: RecordReader, findings: Findings, eventCodes: string[] = []): Promise<SiteView> {
  const petitions = new Map<string, SitePetition>();
  const details = new Map<string, SiteDetail>();
  const [list, events] = await Promise.all([
    client.json('/api/petitions', MAX_JSON),
    readSiteEvents(client, eventCodes, findings),
  ]);
  if (!Array.isArray(list) || !list.every(isSitePetition)) {
    findings.discrepancy({
      code: 'api-malformed',
      message: 'GET /api/petitions is not a list of petitions with id, status and signatures',
    });
    return { petitions, details, events };
  }
  for (const p of list) petitions.set(p.id, p);
  await Promise.all(
    list.map(async (p) => {
      const detail = await client.json(`/api/petitions/${encodeURIComponent(p.id)}`, MAX_JSON);
      if (isSiteDetail(detail)) details.set(p.id, detail);
      else
        findings.discrepancy({
          code: 'api-malformed',
          petition: p.id,
          message: `GET /api/petitions/${p.id} is not a petition`,
        });
    }),
  );
  return { petitions, details, events };
}

/**
 * lowerThanRecord lists the petitions whose count on the site is lower than the record allows (see above), and the
 * events and questions that are behind the record (compare-events.ts).
 */
export function lowerThanRecord(tally: RecordTally, site: SiteView): string[] {
  const lower: string[] = [];
  for (const p of tally.petitions.values()) {
    const shown = site.petitions.get(p.id);
    if (p.opened < 0 || shown === undefined) continue;
    const { count, removedSince } = tally.countAtMark(p.id);
    if (onlineOf(shown) < count - removedSince || paperLower(tally, p, shown)) lower.push(p.id);
  }
  return [...lower, ...eventsBehindRecord(tally.events, site.events)];
}

/** compareWithSite compares every petition of the record with the site, reporting discrepancies and notes. */
export function compareWithSite(tally: RecordTally, site: SiteView, findings: Findings): PetitionComparison[] {
  const rows: PetitionComparison[] = [];
  const lower = new Set(lowerThanRecord(tally, site));
  for (const p of tally.petitions.values()) {
    const shown = site.petitions.get(p.id);
    rows.push(row(p, shown));
    if (p.opened < 0) continue; // a discrepancy of the record already
    if (shown === undefined) {
      findings.discrepancy({
        code: 'api-petition-missing',
        petition: p.id,
        message: `the record opened petition ${p.id}, the site does not list it`,
      });
      continue;
    }
    const online = onlineOf(shown);
    const { count, removedSince } = tally.countAtMark(p.id);
    if (lower.has(p.id) && online < count - removedSince) {
      findings.discrepancy({
        code: 'api-count-lower',
        petition: p.id,
        message: `petition ${p.id}: the site shows ${online} signatures online, the record holds ${p.count}`,
      });
    } else if (online > p.count) {
      findings.note({
        code: 'site-count-ahead',
        petition: p.id,
        message: `petition ${p.id}: the site shows ${online} signatures online, ${online - p.count} more than the record holds yet`,
      });
    }
    const paper = shown.paper ?? 0;
    if (lower.has(p.id) && paperLower(tally, p, shown)) {
      findings.discrepancy({
        code: 'api-paper-count-lower',
        petition: p.id,
        message: `petition ${p.id}: the site shows ${paper} signatures on paper, the record holds ${p.paper}`,
      });
    } else if (paper > p.paper) {
      findings.note({
        code: 'site-count-ahead',
        petition: p.id,
        message: `petition ${p.id}: the site shows ${paper} signatures on paper, ${paper - p.paper} more than the record holds yet`,
      });
    }
    // Closed in an entry after the mark: the site may have been read before the closing, as its API shows.
    if (p.closed >= 0 && p.closed < tally.markedAt && shown.status === 'open') {
      findings.discrepancy({
        code: 'api-status-mismatch',
        petition: p.id,
        message: `the record closed petition ${p.id}, the site shows it open`,
      });
    } else if (p.closed < 0 && shown.status === 'closed') {
      findings.note({
        code: 'not-yet-in-record',
        petition: p.id,
        message: `the site shows petition ${p.id} closed; the record does not close it yet`,
      });
    }
    const detail = site.details.get(p.id);
    if (detail !== undefined) compareDetail(p, detail, tally, findings);
  }
  for (const shown of site.petitions.values()) {
    if ((tally.petitions.get(shown.id)?.opened ?? -1) >= 0) continue;
    findings.note({
      code: 'not-yet-in-record',
      petition: shown.id,
      message: `the site lists petition ${shown.id} (${shown.signatures} signatures); the record does not open it yet`,
    });
  }
  return rows.sort((a, b) => b.record + b.paper - a.record - a.paper || (a.id < b.id ? -1 : 1));
}

function compareDetail(p: PetitionTally, detail: SiteDetail, tally: RecordTally, findings: Findings): void {
  compareTexts(p, detail, findings);
  if (detail.goal !== p.goal) {
    findings.discrepancy({
      code: 'api-goal-mismatch',
      petition: p.id,
      message: `petition ${p.id}: the site gives the goal ${detail.goal}, the record ${p.goal}`,
    });
  }
  if (detail.confirmation !== p.confirmation) {
    const message = `petition ${p.id}: the site says confirmation "${detail.confirmation}", the record "${p.confirmation}"`;
    findings.discrepancy({ code: 'api-confirmation-mismatch', petition: p.id, message });
  }
  if (detail.response === null && p.responses.length > 0) {
    findings.discrepancy({
      code: 'api-response-missing',
      petition: p.id,
      message: `petition ${p.id}: the record holds a response, the site shows none`,
    });
  } else if (detail.response !== null && !p.responses.includes(responseHash(detail.response))) {
    findings.note({
      code: 'not-yet-in-record',
      petition: p.id,
      message: `petition ${p.id}: the response on the site is not in the record yet`,
    });
  }
  const shown = new Map(detail.invalidations.map((i) => [i.id, i]));
  for (const recorded of tally.invalidations.values()) {
    if (recorded.petition !== p.id) continue;
    const i = shown.get(recorded.id);
    shown.delete(recorded.id);
    // The site writes an invalidation and all its entries in one transaction, so its count is final; the record's
    // may still be catching up, never ahead.
    if (i === undefined || i.reason !== recorded.reason || i.signatures < recorded.signatures) {
      const site = i === undefined ? 'the site does not show it' : `the site shows ${i.signatures} (${i.reason})`;
      const message = `invalidation ${recorded.id} of petition ${p.id}: the record takes out ${recorded.signatures} (${recorded.reason}), ${site}`;
      findings.discrepancy({ code: 'api-invalidation-mismatch', petition: p.id, message });
    }
  }
  for (const i of shown.values()) {
    findings.note({
      code: 'not-yet-in-record',
      petition: p.id,
      message: `invalidation ${i.id} of petition ${p.id} is not in the record yet`,
    });
  }
}

/**
 * compareTexts checks the text the site shows, and every earlier version it keeps, against the versions the record
 * chains (petition.opened, then each petition.corrected): each must hash to the record's version of the same number,
 * and every version before the current one must be shown. A version newer than the record's is a correction not
 * sequenced yet: a note.
 */
function compareTexts(p: PetitionTally, detail: SiteDetail, findings: Findings): void {
  const recorded = p.versions.length > 0 ? p.versions : [p.text];
  const current = detail.version ?? 1;
  const shown = [
    ...(detail.versions ?? []),
    { version: current, title: detail.title, addressee: detail.addressee, text: detail.text },
  ];
  for (const v of shown) {
    if (v.version > recorded.length) {
      findings.note({
        code: 'not-yet-in-record',
        petition: p.id,
        message: `petition ${p.id}: version ${v.version} of the text on the site is not in the record yet`,
      });
    } else if (petitionTextHash(v.title, v.addressee, v.text) !== recorded[v.version - 1]) {
      const which =
        v.version === current ? 'the title, addressee or text on the site' : `version ${v.version} on the site`;
      findings.discrepancy({
        code: 'api-text-mismatch',
        petition: p.id,
        message: `petition ${p.id}: ${which} is not version ${v.version} as the record holds it`,
      });
    }
  }
  const seen = new Set(shown.map((v) => v.version));
  for (let version = 1; version <= recorded.length; version++) {
    if (seen.has(version)) continue;
    findings.discrepancy({
      code: 'api-version-missing',
      petition: p.id,
      message:
        version > current
          ? `petition ${p.id}: the record corrects the text to version ${version}, the site shows version ${current}`
          : `petition ${p.id}: the site does not show version ${version} of the text, which the record holds`,
    });
  }
}

function row(p: PetitionTally, shown: SitePetition | undefined): PetitionComparison {
  return {
    id: p.id,
    status: p.opened < 0 ? 'never-opened' : p.closed >= 0 ? 'closed' : 'open',
    responses: p.responses.length,
    added: p.added,
    confirmed: p.confirmed,
    withdrawn: p.withdrawn,
    invalidated: p.invalidated,
    record: p.count,
    site: shown === undefined ? null : onlineOf(shown),
    batches: p.batches,
    paper: p.paper,
    sitePaper: shown?.paper ?? null,
    siteStatus: shown?.status ?? null,
  };
}

function isSitePetition(value: unknown): value is SitePetition {
  const p = value as SitePetition;
  return (
    p !== null &&
    typeof p === 'object' &&
    typeof p.id === 'string' &&
    typeof p.status === 'string' &&
    Number.isSafeInteger(p.signatures) &&
    (p.online === undefined || Number.isSafeInteger(p.online)) &&
    (p.paper === undefined || Number.isSafeInteger(p.paper))
  );
}

function isSiteDetail(value: unknown): value is SiteDetail {
  const d = value as SiteDetail;
  return (
    d !== null &&
    typeof d === 'object' &&
    typeof d.title === 'string' &&
    typeof d.addressee === 'string' &&
    typeof d.text === 'string' &&
    (d.response === null || typeof d.response === 'string') &&
    (d.goal === null || Number.isSafeInteger(d.goal)) &&
    typeof d.confirmation === 'string' &&
    (d.version === undefined || (Number.isSafeInteger(d.version) && d.version >= 1)) &&
    (d.versions === undefined ||
      (Array.isArray(d.versions) &&
        d.versions.every(
          (v) =>
            v !== null &&
            typeof v === 'object' &&
            Number.isSafeInteger(v.version) &&
            v.version >= 1 &&
            typeof v.title === 'string' &&
            typeof v.addressee === 'string' &&
            typeof v.text === 'string',
        ))) &&
    Array.isArray(d.invalidations) &&
    d.invalidations.every(
      (i) =>
        i !== null &&
        typeof i === 'object' &&
        typeof i.id === 'string' &&
        typeof i.reason === 'string' &&
        Number.isSafeInteger(i.signatures),
    )
  );
}
