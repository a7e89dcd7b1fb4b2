import { hash } from 'node:crypto';

// What the record holds instead of a text: its SHA-256 in hex. The server computes these when it queues an entry, and
// the auditor when it compares the record with the texts a site shows; both call these, so the two cannot drift.

/** petitionTextHash is what petition.opened records of a petition: SHA-256 of the JSON array [title, addressee, text]. */
export function petitionTextHash(title: string, addressee: string, text: string): string {
  return hash('sha256', JSON.stringify([title, addressee, text]), 'hex');
}

/** responseHash is what petition.responded records of the addressee's response: the SHA-256 of its UTF-8. */
export function responseHash(response: string): string {
  return hash('sha256', response, 'hex');
}

/** eventTextHash is what event.opened records of an event: SHA-256 of the JSON array [title, addressee, description]. */
export function eventTextHash(title: string, addressee: string, description: string): string {
  return hash('sha256', JSON.stringify([title, addressee, description]), 'hex');
}

/** questionTextHash is what question.added records of a question's text as stored: the SHA-256 of its UTF-8. */
export function questionTextHash(text: string): string {
  return hash('sha256', text, 'hex');
}
