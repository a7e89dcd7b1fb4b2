import en from './en/index.ts';
import ru from './ru/index.ts';
import uk from './uk/index.ts';

/** Messages maps a key (`area.name`) to one ICU message. */
export type Messages = Record<string, string>;

/** catalogues holds every message of every language; English is the source the others translate. */
export const catalogues: Record<'en' | 'ru' | 'uk', Messages> = { en, ru, uk };
