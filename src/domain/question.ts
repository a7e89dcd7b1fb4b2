/** QuestionStatus is where a question is: waiting for a moderator, public, answered, hidden or merged into another. */
export type QuestionStatus = 'pending' | 'published' | 'answered' | 'hidden' | 'merged';

/** HiddenReason is the reason a moderator gives for hiding a question. */
export type HiddenReason = 'spam' | 'abuse' | 'personal-data' | 'duplicate' | 'off-topic';

/** Question is a question asked at an event; the record holds `textSha256`, never the text. */
export interface Question {
  id: number;
  publicId: string;
  eventId: number;
  status: QuestionStatus;
  hiddenReason: HiddenReason | null;
  /** restoreStatus is where a hidden question goes back to when restored. */
  restoreStatus: QuestionStatus | null;
  mergedInto: number | null;
  /** groupId is the row id of the first question of its group of similar questions (its own id when alone). */
  groupId: number;
  authorName: string | null;
  text: string;
  textSha256: string;
  votes: number;
  askedMinute: number;
  answeredMinute: number | null;
}

/** NewQuestion is a question to store: everything but the row id the store gives it. */
export type NewQuestion = Omit<Question, 'id'>;

/** QuestionChange is what an action may change of a question. */
export type QuestionChange = Partial<Omit<Question, 'id' | 'publicId' | 'eventId'>>;

/** Vote is one browser's vote for a question; `voterHash` becomes the vote's own id when its event closes. */
export interface Vote {
  id: number;
  publicId: string;
  questionId: number;
  voterHash: string;
  status: 'counted' | 'withdrawn';
}

/** EventCounts are an event's public counters. */
export interface EventCounts {
  asked: number;
  published: number;
  answered: number;
  pending: number;
  merged: number;
  votes: number;
  hidden: Record<string, number>;
}

/** QuestionList names the lists an event shows: the public ones, and the moderators' queue and hidden ones. */
export type QuestionList = 'popular' | 'recent' | 'answered' | 'hidden' | 'pending';
