import type { PetitionStatus } from './petition-states.ts';
import type { CorrectionReason } from '../record/entry.ts';

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
  /** version is the number of the text shown: 1 as published, one more for each public correction. */
  version: number;
  /** correctedAt is when the text was last corrected, or null if never. */
  correctedAt: number | null;
}

/** PetitionChange is what an action may change of a petition (its id, owner and public id never change). */
export type PetitionChange = Partial<Omit<Petition, 'id' | 'publicId' | 'ownerId' | 'createdAt'>>;

/** NewPetition is a petition to store: everything but the row id the store gives it, and its text's version (1). */
export type NewPetition = Omit<Petition, 'id' | 'version' | 'correctedAt'>;

/** PetitionVersion is one version of a petition's text, kept public once the text has been corrected. */
export interface PetitionVersion {
  version: number;
  title: string;
  addressee: string;
  body: string;
  /** correctedAt is when this version became the one shown: the opening for version 1. */
  correctedAt: number;
  /** reason is the organiser's public reason for the correction that made it; null for version 1. */
  reason: CorrectionReason | null;
}

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
