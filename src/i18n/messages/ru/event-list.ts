import type { Messages } from '../index.ts';

/** Открытый список мероприятий (/events) по-русски. */
const messages: Messages = {
  'eventList.title': 'Мероприятия',
  'eventList.heading': 'Мероприятия',
  'eventList.lead':
    'Встречи с властями, пресс-конференции и «прямые линии», где любой может задать вопрос и проголосовать за те, на которые должны ответить, а модераторы решают открыто.',
  'eventList.unlisted-note': 'Здесь только те мероприятия, которые организаторы решили показать.',
  'eventList.join-by-code': 'Есть код? Войдите по нему.',
  'eventList.search-label': 'Поиск мероприятий по названию или адресату',
  'eventList.search-found':
    'По запросу «{query}» {count, plural, one {найдено # мероприятие} few {найдено # мероприятия} many {найдено # мероприятий} other {найдено # мероприятия}}.',
  'eventList.search-none': 'Здесь нет мероприятий по запросу «{query}».',
  'eventList.empty': 'В списке пока нет мероприятий.',
  'eventList.current-heading': 'Идут сейчас и скоро начнутся',
  'eventList.current-none': 'Сейчас ни одно мероприятие из списка не принимает вопросы.',
  'eventList.past-heading': 'Прошедшие мероприятия',
  'eventList.language': 'Язык: {language}',
  'eventList.join': 'Войти: задать вопрос и проголосовать',
  'eventList.see-questions': 'Посмотреть вопросы и ответы',
  'eventList.pages-label': 'Страницы списка мероприятий',
  'footer.events': 'Мероприятия',
  'home.events-link': 'Список мероприятий',
};
export default messages;
