import type { Insertable, Updateable } from 'kysely';
import type { NewPetition, Petition, PetitionChange } from '../../domain/petition.ts';
import type { PetitionRow, PetitionsTable } from '../schema.ts';
import { columnsOf, numberOrNull } from './columns.ts';

const names: { [K in keyof Petition]: keyof PetitionsTable } = {
  id: 'id',
  publicId: 'public_id',
  ownerId: 'owner_id',
  status: 'status',
  title: 'title',
  body: 'body',
  addressee: 'addressee',
  language: 'language',
  goal: 'goal',
  deadline: 'deadline',
  nameRule: 'name_rule',
  namesPublic: 'names_public',
  regionRule: 'region_rule',
  regionCountries: 'region_countries',
  confirmation: 'confirmation',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  openedAt: 'opened_at',
  closedAt: 'closed_at',
  response: 'response',
  respondedAt: 'responded_at',
  signerHashesPurgedAt: 'signer_hashes_purged_at',
  version: 'text_version',
  correctedAt: 'corrected_at',
};
const encode = { regionCountries: (countries: string[]) => JSON.stringify(countries) };

/** toPetition reads a petitions row as a Petition. */
export function toPetition(row: PetitionRow): Petition {
  return {
    id: Number(row.id),
    publicId: row.public_id,
    ownerId: Number(row.owner_id),
    status: row.status,
    title: row.title,
    body: row.body,
    addressee: row.addressee,
    language: row.language,
    goal: numberOrNull(row.goal),
    deadline: numberOrNull(row.deadline),
    nameRule: row.name_rule,
    namesPublic: row.names_public,
    regionRule: row.region_rule,
    regionCountries: JSON.parse(row.region_countries) as string[],
    confirmation: row.confirmation,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    openedAt: numberOrNull(row.opened_at),
    closedAt: numberOrNull(row.closed_at),
    response: row.response,
    respondedAt: numberOrNull(row.responded_at),
    signerHashesPurgedAt: numberOrNull(row.signer_hashes_purged_at),
    version: Number(row.text_version),
    correctedAt: numberOrNull(row.corrected_at),
  };
}

/** petitionColumns turns a change to a petition into the columns to set. */
export function petitionColumns(change: PetitionChange): Updateable<PetitionsTable> {
  return columnsOf<Petition>(change, names, encode) as Updateable<PetitionsTable>;
}

/** newPetitionRow turns a new petition into the row to insert. */
export function newPetitionRow(petition: NewPetition): Insertable<PetitionsTable> {
  return columnsOf<Petition>(petition, names, encode) as unknown as Insertable<PetitionsTable>;
}
