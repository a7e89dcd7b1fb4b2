import { offsetAt } from './zoned-time.ts';

/** NoticeKind names an email Veche sends to an organiser or moderator about their own petitions and events. */
export type NoticeKind = 'summary' | 'goal' | 'questions';

/** noticeKinds lists them in the order the settings page shows them. */
export const noticeKinds: readonly NoticeKind[] = ['goal', 'summary', 'questions'];

/** NoticeChoices say which of those emails a person wants. */
export type NoticeChoices = Record<NoticeKind, boolean>;

/** defaultNoticeChoices are what a person gets before choosing: a reached goal is news, a daily email is not asked for. */
export const defaultNoticeChoices: NoticeChoices = { goal: true, summary: false, questions: false };

/** NoticeSettings are a person's choices and the address the emails go to (sealed; null: none given, nothing is sent). */
export interface NoticeSettings {
  choices: NoticeChoices;
  addressSealed: string | null;
  /** language is the one the person used the settings page in: their emails are written in it. */
  language: string;
}

/** questionNoticeGap is the least time between two "questions are waiting" emails to one person. */
export const questionNoticeGap = 3600_000;

/**
 * siteDay returns the calendar day (YYYY-MM-DD) and the hour (0–23) of an instant on the site's clock (its time zone):
 * a daily summary is due on each day once that day's hour reaches the configured one.
 */
export function siteDay(instant: number, zone: string): { day: string; hour: number } {
  const wall = new Date(instant + offsetAt(zone, instant));
  return { day: wall.toISOString().slice(0, 10), hour: wall.getUTCHours() };
}

/** PetitionProgress is one petition in a daily summary: counts only, never anything about who signed. */
export interface PetitionProgress {
  title: string;
  language: string;
  /** path is where the organiser manages it (`/admin/petitions/p…`). */
  path: string;
  total: number;
  /** added is the change since the last summary: new signatures less those withdrawn or invalidated. */
  added: number;
  goal: number | null;
}

/** WaitingQuestions is one event with questions waiting for a moderator: a count, no question and no name. */
export interface WaitingQuestions {
  title: string;
  language: string;
  path: string;
  waiting: number;
}
