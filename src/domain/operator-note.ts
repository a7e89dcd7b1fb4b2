/** OperatorNote is what the admin says on /about of who runs the site: a name, a contact and a few paragraphs. */
export interface OperatorNote {
  name: string;
  contact: string;
  about: string;
  /** changedAt is the day (UTC midnight) the admin last changed it; no finer. */
  changedAt: number;
}
