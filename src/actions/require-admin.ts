import type { Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';

/** requireAdmin throws `forbidden` unless the actor is an admin. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new VecheError('forbidden', 'Only an admin can do this.');
}
