import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { confirmAdmin } from './confirm-admin.ts';
import { requireAdmin } from './require-admin.ts';
import { writeOperatorNote } from '../store/site-operator.ts';

/** operatorLimits are the lengths of what the admin may write of who runs the site, shown beside the fields. */
export const operatorLimits = { name: 200, contact: 300, about: 3000 } as const;

/**
 * describeOperator stores what the admin says on /about of who runs the site, after the admin's password: the contact
 * there is where people at risk will write, and a stolen session must not be enough to change it to someone else's.
 * Every field may be empty; all of them empty, the note is deleted. It names nobody who signed or asked anything.
 */
export async function describeOperator(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  requireAdmin(actor);
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const name = input.text('name', { max: operatorLimits.name }) ?? '';
  const contact = input.text('contact', { max: operatorLimits.contact }) ?? '';
  const about = input.text('about', { max: operatorLimits.about, multiline: true }) ?? '';
  const password = input.text('password', { max: 200, required: true });
  input.done();
  await confirmAdmin(ctx, actor, null, { password });
  const day = 86_400_000;
  const empty = !name && !contact && !about;
  await writeOperatorNote(
    ctx.store.db,
    empty ? null : { name, contact, about, changedAt: Math.floor(ctx.now() / day) * day },
  );
}
