import { EventEmitter } from 'node:events';

/** ChangeRelay carries this node's changes to the other nodes of a deployment (PostgresChangeRelay in the store). */
export interface ChangeRelay {
  /** send MUST return at once and never throw: it is called from actions, after their commit, on the hot path. */
  send(id: string): void;
}

/**
 * PetitionEvents tells live viewers that a petition's count or status, or an event's state, may have changed. On its
 * own it tells this node only. With a relay (`relayThrough`, done by startApp on PostgreSQL) each change made here is
 * also sent to the other nodes, whose relays hand it to their own PetitionEvents through `heard`: the actions keep
 * calling `changed` and the live views keep calling `onChange`, and neither knows whether there are other nodes.
 */
export class PetitionEvents {
  private readonly emitter = new EventEmitter();
  private relay: ChangeRelay | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** changed announces a change made on this node to one petition (by public id) or event (by code). */
  changed(petitionId: string): void {
    // Sent first: a listener that throws must not keep the other nodes from hearing.
    this.relay?.send(petitionId);
    this.emitter.emit('changed', petitionId);
  }

  /** heard announces a change that another node made: to this node's listeners only, and never sent on again. */
  heard(petitionId: string): void {
    this.emitter.emit('changed', petitionId);
  }

  /** relayThrough sends every later change to the other nodes as well, until it is called with null. */
  relayThrough(relay: ChangeRelay | null): void {
    this.relay = relay;
  }

  /** onChange calls `listener` for every change, made here or heard from another node, until the returned function is called. */
  onChange(listener: (petitionId: string) => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }
}
