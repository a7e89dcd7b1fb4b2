import type { ActionContext } from '../actions/context.ts';
import type { Invalidation, Petition, PetitionVersion, PublicName } from '../domain/petition.ts';
import { listPetitionVersions } from '../store/petition-versions.ts';
import * as petitions from '../store/petitions.ts';
import { countSignatures, countsByDayNow, countsByRegionNow, countAll, countEveryPetition } from '../store/tallies.ts';
import { searchKey, sortPetitions, type CatalogueOrder, type PetitionSummary } from '../domain/petition-catalogue.ts';
import { recentPublicNames, listInvalidations } from '../store/signatures.ts';
import type { Attachment } from '../domain/attachment.ts';
import { publishedAttachments } from './attachment-reader.ts';
import { countPaper, countPaperOfEvery } from '../store/paper-batches.ts';

/** PetitionView is everything a petition's public page and JSON show. */
export interface PetitionView {
  petition: Petition;
  /** signatures is the total: the signatures made online and those entered from paper batches. */
  signatures: number;
  online: number;
  paper: number;
  byRegion: { region: string; signatures: number }[];
  byDay: { day: number; signatures: number }[];
  recentNames: PublicName[];
  invalidations: Invalidation[];
  /** versions are every version of the text once it has been corrected, oldest first (the last is the one shown). */
  versions: PetitionVersion[];
  /** attachments are the petition's published photos and videos, oldest first. */
  attachments: Attachment[];
}

/** Catalogue is every published petition with its count at one moment, sorted for each tab, with search keys. */
export interface Catalogue {
  sorted: Record<CatalogueOrder, PetitionSummary[]>;
  keys: Map<string, string>;
}

/**
 * PetitionReader reads petitions for the public, keeping each view for a moment so that a popular page does not
 * query the database on every request. A change on this node drops the view at once, so a signer sees their own
 * signature on reload; changes made by other nodes show within `ttlMs`.
 */
export class PetitionReader {
  private readonly views = new Map<string, { at: number; view: Promise<PetitionView | null> }>();
  private readonly ctx: ActionContext;
  private readonly ttlMs: number;
  private kept: { at: number; catalogue: Promise<Catalogue> } | null = null;

  constructor(ctx: ActionContext, ttlMs = 1000) {
    this.ctx = ctx;
    this.ttlMs = ttlMs;
    ctx.events.onChange((id) => this.views.delete(id));
  }

  /** view returns a published petition's view, or null for unknown ids and drafts. */
  view(publicId: string): Promise<PetitionView | null> {
    const now = Date.now();
    const cached = this.views.get(publicId);
    if (cached && now - cached.at < this.ttlMs) return cached.view;
    const view = this.load(publicId);
    if (this.views.size > 10_000) this.views.clear();
    this.views.set(publicId, { at: now, view });
    view.catch(() => this.views.delete(publicId));
    return view;
  }

  /**
   * liveStatus returns a published petition's row id and status as they are now (never kept: live counts poll it),
   * or null for an unknown id or a draft.
   */
  async liveStatus(publicId: string): Promise<{ rowId: number; status: 'open' | 'closed' } | null> {
    const petition = await petitions.findPetition(this.ctx.store.db, publicId);
    if (!petition || petition.status === 'draft') return null;
    return { rowId: Number(petition.id), status: petition.status };
  }

  /** count returns a petition's exact current count by its row id. */
  async count(id: number): Promise<number> {
    const [online, paper] = await Promise.all([
      countSignatures(this.ctx.store.db, id),
      countPaper(this.ctx.store.db, id),
    ]);
    return online + paper;
  }

  /** list returns published petitions with their counts: open ones and closed ones. */
  async list(): Promise<{ petition: Petition; signatures: number; paper: number }[]> {
    const rows = await petitions.listPetitions(this.ctx.store.db, ['open', 'closed']);
    const [counts, paper] = await Promise.all([
      countAll(
        this.ctx.store.db,
        rows.map((r) => r.id),
      ),
      countPaperOfEvery(this.ctx.store.db),
    ]);
    return rows.map((petition) => {
      const onPaper = paper.get(petition.id) ?? 0;
      return { petition, signatures: (counts.get(petition.id) ?? 0) + onPaper, paper: onPaper };
    });
  }

  /**
   * catalogue returns every published petition with its count, sorted for each tab, kept for `ttlMs` however many
   * people open the list: two statements a second at most, not two per visitor.
   */
  catalogue(): Promise<Catalogue> {
    const now = Date.now();
    if (this.kept && now - this.kept.at < this.ttlMs) return this.kept.catalogue;
    const catalogue = this.loadCatalogue();
    this.kept = { at: now, catalogue };
    catalogue.catch(() => {
      if (this.kept?.catalogue === catalogue) this.kept = null;
    });
    return catalogue;
  }

  private async loadCatalogue(): Promise<Catalogue> {
    const db = this.ctx.store.db;
    const [rows, counts, paper] = await Promise.all([
      petitions.listPublishedSummaries(db),
      countEveryPetition(db),
      countPaperOfEvery(db),
    ]);
    const all = rows.map(({ id, ...summary }) => ({
      ...summary,
      signatures: (counts.get(id) ?? 0) + (paper.get(id) ?? 0),
    }));
    return {
      sorted: {
        popular: sortPetitions(all, 'popular'),
        new: sortPetitions(all, 'new'),
        closed: sortPetitions(all, 'closed'),
      },
      keys: new Map(all.map((p) => [p.publicId, searchKey(`${p.title} ${p.addressee}`)])),
    };
  }

  private async load(publicId: string): Promise<PetitionView | null> {
    const db = this.ctx.store.db;
    const petition = await petitions.findPetition(db, publicId);
    if (!petition || petition.status === 'draft') return null;
    const [online, paper, byRegion, byDay, names, invalidations, versions, attachments] = await Promise.all([
      countSignatures(db, petition.id),
      countPaper(db, petition.id),
      countsByRegionNow(db, petition.id),
      countsByDayNow(db, petition.id),
      petition.namesPublic === 'never' ? Promise.resolve([]) : recentPublicNames(db, petition.id, 12),
      listInvalidations(db, petition.id),
      petition.version > 1 ? listPetitionVersions(db, petition.id) : Promise.resolve([]),
      publishedAttachments(db, petition.id),
    ]);
    return {
      petition,
      signatures: online + paper,
      online,
      paper,
      byRegion,
      byDay,
      recentNames: names,
      invalidations,
      versions,
      attachments,
    };
  }
}
