import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { getSetting, putSetting } from './accounts.ts';
import type { OperatorNote } from '../domain/operator-note.ts';

/** operatorSetting is the name of the settings row that holds the note, as JSON. */
const operatorSetting = 'site-operator';

/** readOperatorNote returns what the admin wrote of who runs the site, or null when they have written nothing. */
export async function readOperatorNote(db: Kysely<Database>): Promise<OperatorNote | null> {
  const value = await getSetting(db, operatorSetting);
  if (value === undefined) return null;
  let stored: Partial<OperatorNote>;
  try {
    stored = JSON.parse(value) as Partial<OperatorNote>;
  } catch {
    return null;
  }
  const note = {
    name: stored.name ?? '',
    contact: stored.contact ?? '',
    about: stored.about ?? '',
    changedAt: Number(stored.changedAt ?? 0),
  };
  return note.name || note.contact || note.about ? note : null;
}

/** writeOperatorNote stores the note, or deletes it when `note` is null (the page then says nobody has said who they are). */
export async function writeOperatorNote(db: Kysely<Database>, note: OperatorNote | null): Promise<void> {
  await putSetting(db, operatorSetting, note === null ? null : JSON.stringify(note));
}
