import type { ActionContext } from '../actions/context.ts';
import { listListedEvents } from '../store/events.ts';
import { eventSearchKey, sortEvents, type EventSummary } from '../domain/event-catalogue.ts';

/** EventCatalogue is every listed event at one moment, current ones first, with the keys a search matches. */
export interface EventCatalogue {
  sorted: EventSummary[];
  keys: Map<string, string>;
  /** now is the moment the list was sorted at, which the page's badges (open, not yet started, over) are read at. */
  now: number;
}

/**
 * EventCatalogueReader reads the public list of events at most once every `ttlMs` however many people open it, as
 * the petitions' list is read: one statement a second, not one per visitor. An event listed or taken off the list
 * shows there within `ttlMs`.
 */
export class EventCatalogueReader {
  private readonly ctx: ActionContext;
  private readonly ttlMs: number;
  private kept: { at: number; catalogue: Promise<EventCatalogue> } | null = null;

  constructor(ctx: ActionContext, ttlMs = 1000) {
    this.ctx = ctx;
    this.ttlMs = ttlMs;
  }

  /** catalogue returns the list as last read, or reads it again when it is older than `ttlMs`. */
  catalogue(): Promise<EventCatalogue> {
    const now = this.ctx.now();
    if (this.kept && now - this.kept.at < this.ttlMs && now >= this.kept.at) return this.kept.catalogue;
    const catalogue = this.load(now);
    this.kept = { at: now, catalogue };
    catalogue.catch(() => {
      if (this.kept?.catalogue === catalogue) this.kept = null;
    });
    return catalogue;
  }

  private async load(now: number): Promise<EventCatalogue> {
    const all = await listListedEvents(this.ctx.store.db);
    return { sorted: sortEvents(all, now), keys: new Map(all.map((e) => [e.code, eventSearchKey(e)])), now };
  }
}
