import type { Config } from '../config.ts';
import type { Secrets } from '../crypto/secrets.ts';
import type { Store } from '../store/open-store.ts';
import type { PetitionEvents } from './petition-events.ts';
import type { LogBacklog } from '../record/start-sequencer.ts';

/** ActionContext is what every action may use: the database, the keys, the clock and the live-update bus. */
export interface ActionContext {
  config: Config;
  store: Store;
  secrets: Secrets;
  events: PetitionEvents;
  now(): number;
  /** logBacklog is the public record's queue as this node last counted it; absent, nothing is pushed back. */
  logBacklog?: LogBacklog;
}

/** Actor is the signed-in person an organiser or moderator action runs for. */
export interface Actor {
  id: number;
  role: 'admin' | 'organiser' | 'moderator';
}
