import type { Messages } from '../index.ts';

/** The English messages of the home page's search and pages (its tabs and list are in petition.ts). */
const messages: Messages = {
  'home.search-label': 'Search petitions by their title or addressee',
  'home.search-button': 'Search',
  'home.search-found': '{count, plural, one {# petition} other {# petitions}} found for “{query}”.',
  'home.search-none': 'No petition here matches “{query}”.',
  'home.search-clear': 'Show all',
  'home.pages-label': 'Pages of petitions',
  'home.page-of': 'Page {page} of {pages}',
  'home.previous': '← Previous',
  'home.next': 'Next →',
  'home.page-empty': 'There is nothing on this page.',
};
export default messages;
