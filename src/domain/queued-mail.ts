/**
 * NewMail is an email to queue. Its recipient and its params are sealed with the encryption key before they are
 * stored, and nothing in it names a petition.
 */
export interface NewMail {
  recipientSealed: string;
  language: string;
  template: string;
  /** paramsSealed is the template's params as JSON, sealed. */
  paramsSealed: string;
}

/** QueuedMail is an email waiting in the queue, with how often sending it failed and when it is next tried. */
export interface QueuedMail extends NewMail {
  id: number;
  attempts: number;
  nextAttemptAt: number;
}
