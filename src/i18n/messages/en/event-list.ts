import type { Messages } from '../index.ts';

/** The English public list of events (/events). */
const messages: Messages = {
  'eventList.title': 'Events',
  'eventList.heading': 'Events',
  'eventList.lead':
    'Town halls, press conferences and “direct lines” where anyone can ask a question and vote for the ones that must be answered, and where moderators decide in public.',
  'eventList.unlisted-note': 'Only events their organisers chose to list are here.',
  'eventList.join-by-code': 'Have a code? Join the event with it.',
  'eventList.search-label': 'Search events by their title or addressee',
  'eventList.search-found': '{count, plural, one {# event} other {# events}} found for “{query}”.',
  'eventList.search-none': 'No event here matches “{query}”.',
  'eventList.empty': 'No events are listed yet.',
  'eventList.current-heading': 'Now and coming up',
  'eventList.current-none': 'No listed event is taking questions at the moment.',
  'eventList.past-heading': 'Past events',
  'eventList.language': 'Language: {language}',
  'eventList.join': 'Join: ask and vote',
  'eventList.see-questions': 'See the questions and answers',
  'eventList.pages-label': 'Pages of events',
  'footer.events': 'Events',
  'home.events-link': 'See the list of events',
};
export default messages;
