import { InputReader } from './input.ts';
import { supportedCountries } from './regions.ts';

/** PetitionDraft is everything an organiser writes before publishing. */
export interface PetitionDraft {
  title: string;
  body: string;
  addressee: string;
  language: 'en' | 'ru' | 'uk';
  goal: number | null;
  deadline: number | null;
  nameRule: 'required' | 'optional';
  namesPublic: 'never' | 'signer';
  regionRule: 'none' | 'optional' | 'required';
  regionCountries: string[];
  confirmation: 'email' | 'none';
}

/** petitionLimits are the lengths a draft may have, shown beside the form's fields. */
export const petitionLimits = { title: 200, body: 20_000, addressee: 300, goal: 100_000_000 } as const;

/** readPetitionDraft validates a submitted draft, throwing `invalid-input` that names every bad field. */
export function readPetitionDraft(raw: unknown, now: number, ignore: string[] = []): PetitionDraft {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const draft: PetitionDraft = {
    title: input.text('title', { max: petitionLimits.title, min: 5, required: true }) ?? '',
    body: input.text('body', { max: petitionLimits.body, min: 20, required: true, multiline: true }) ?? '',
    addressee: input.text('addressee', { max: petitionLimits.addressee, required: true }) ?? '',
    language: input.choice('language', ['en', 'ru', 'uk'] as const, { required: true }) ?? 'en',
    goal: input.integer('goal', { min: 1, max: petitionLimits.goal }),
    deadline: input.date('deadline'),
    nameRule: input.choice('nameRule', ['required', 'optional'] as const, { fallback: 'required' }) ?? 'required',
    namesPublic: input.choice('namesPublic', ['never', 'signer'] as const, { fallback: 'signer' }) ?? 'signer',
    regionRule: input.choice('regionRule', ['none', 'optional', 'required'] as const, { fallback: 'none' }) ?? 'none',
    regionCountries: input.list('regionCountries', supportedCountries, { max: supportedCountries.length }),
    confirmation: input.choice('confirmation', ['email', 'none'] as const, { fallback: 'email' }) ?? 'email',
  };
  if (draft.deadline !== null && draft.deadline <= now) input.add('deadline', 'date-in-past');
  if (draft.regionRule !== 'none' && draft.regionCountries.length === 0) input.add('regionCountries', 'required');
  input.done();
  return draft;
}
