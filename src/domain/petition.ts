import type { PetitionStatus } from './petition-states.ts';

/** Petition is a petition as the actions and pages use it; times are epoch milliseconds, as everywhere in Veche. */
export interface Petition {
  id: number;
  publicId: string;
  ownerId: number;
  status: PetitionStatus;
  title: string;
  body: string;
  addressee: string;
  language: string;
  goal: number | null;
  deadline: number | null;
  nameRule: 'required' | 'optional';
  namesPublic: 'never' | 'signer';
  regionRule: 'none' | 'optional' | 'required';
  /** regionCountries are the countries (ISO 3166 codes) whose subdivisions a signer picks from; empty with no regions. */
  regionCountries: string[];
  confirmation: 'email' | 'none';
  createdAt: number;
  updatedAt: number;
  openedAt: number | null;
  closedAt: number | null;
  response: string | null;
  respondedAt: number | null;
  signerHashesPurgedAt: number | null;
}

/** PetitionChange is what an action may change of a petition (its id, owner and public id never change). */
export type PetitionChange = Partial<Omit<Petition, 'id' | 'publicId' | 'ownerId' | 'createdAt'>>;

/** NewPetition is a petition to store: everything but the row id the store gives it. */
export type NewPetition = Omit<Petition, 'id'>;

/** Invalidation is an organiser's public decision that some signatures do not count, as the public page lists it. */
export interface Invalidation {
  publicId: string;
  reason: string;
  signatures: number;
  createdAt: number;
  /** fromMinute and toMinute bound the window of counting minutes it covered; `region` narrowed it, when set. */
  fromMinute: number;
  toMinute: number;
  region: string | null;
}

/** PublicName is a counted signer who chose to show their name, with their region and the minute it counted. */
export interface PublicName {
  name: string | null;
  region: string | null;
  countedMinute: number | null;
}
