import type { ActionContext, Actor } from '../actions/context.ts';
import { requireAdmin } from '../actions/require-admin.ts';
import type { OperatorNote } from '../domain/operator-note.ts';
import { readOperatorNote } from '../store/site-operator.ts';

/** operatorNote returns what the admin wrote of who runs the site, or null. */
export function operatorNote(ctx: ActionContext): Promise<OperatorNote | null> {
  return readOperatorNote(ctx.store.db);
}

/** operatorNoteForAdmin returns the note for the admin's settings page; nobody else may open it. */
export function operatorNoteForAdmin(ctx: ActionContext, actor: Actor): Promise<OperatorNote | null> {
  requireAdmin(actor);
  return readOperatorNote(ctx.store.db);
}
