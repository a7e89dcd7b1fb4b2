import type { SequencerHealth } from '../record/start-sequencer.ts';
import type { ActionContext } from '../actions/context.ts';
import type { Language } from '../i18n/i18n.ts';
import type { ProofOfWork } from './proof-of-work.ts';
import type { PetitionReader } from '../read/petition-reader.ts';
import type { LogReader } from '../record/log-reader.ts';
import type { EventLive } from './live/event-live.ts';
import type { LogPolicy } from '../witnessing/log-policy.ts';
import type { SignedIn } from '../domain/session.ts';

/** WebApp is the ActionContext plus what only the web layer needs. */
export interface WebApp extends ActionContext {
  https: boolean;
  proofOfWork: ProofOfWork;
  reader: PetitionReader;
  /** log serves the public record's checkpoint, key and tiles. */
  log: LogReader;
  /** witnessPolicy is the record's witness policy (c2sp.org/tlog-policy), served at /log/policy. */
  witnessPolicy: LogPolicy;
  /** eventLive is the shared live state of each watched event (the stream, the big screen, the state JSON). */
  eventLive: EventLive;
  /** recordHealth tells whether this node sequences the record, stands by, or fails to (served at /healthz). */
  recordHealth: () => SequencerHealth;
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
    account: SignedIn | null;
  }
  interface FastifyContextConfig {
    /** capabilityUrl marks a route whose address holds its own secret: its forms need no form token (security.ts). */
    capabilityUrl?: boolean;
  }
}
