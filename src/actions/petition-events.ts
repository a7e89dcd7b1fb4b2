import { EventEmitter } from 'node:events';

/** PetitionEvents tells live viewers on this node that a petition's count or status may have changed. */
export class PetitionEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** changed announces a change to one petition (by public id). */
  changed(petitionId: string): void {
    this.emitter.emit('changed', petitionId);
  }

  /** onChange calls `listener` for every change until the returned function is called. */
  onChange(listener: (petitionId: string) => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }
}
