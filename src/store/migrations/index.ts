import type { Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';
import { up001 } from './001-petitions.ts';
import { up002 } from './002-record.ts';
import { up003 } from './003-tallied-flag.ts';
import { up004 } from './004-signature-entries.ts';
import { up005 } from './005-events.ts';
import { up006 } from './006-vote-indexes.ts';
import { up007 } from './007-account-security.ts';
import { up008 } from './008-pending-expiry.ts';
import { up009 } from './009-cosignatures.ts';
import { up010 } from './010-event-listing.ts';
import { up011 } from './011-organiser-notices.ts';
import { up012 } from './012-petition-versions.ts';
import { up013 } from './013-attachments.ts';
import { up014 } from './014-paper-batches.ts';

/** migrations lists every schema change in order; both backends run the same ones. */
export const migrations: Record<string, (db: Kysely<any>, dialect: Dialect) => Promise<void>> = {
  '001-petitions': up001,
  '002-record': up002,
  '003-tallied-flag': up003,
  '004-signature-entries': up004,
  '005-events': up005,
  '006-vote-indexes': up006,
  '007-account-security': up007,
  '008-pending-expiry': up008,
  '009-cosignatures': up009,
  '010-event-listing': up010,
  '011-organiser-notices': up011,
  '012-petition-versions': up012,
  '013-attachments': up013,
  '014-paper-batches': up014,
};
