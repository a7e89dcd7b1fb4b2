import type { Messages } from '../index.ts';

/** Відкритий список заходів (/events) українською. */
const messages: Messages = {
  'eventList.title': 'Заходи',
  'eventList.heading': 'Заходи',
  'eventList.lead':
    'Зустрічі з владою, пресконференції та «прямі лінії», де будь-хто може поставити питання й проголосувати за ті, на які мають відповісти, а модератори ухвалюють рішення відкрито.',
  'eventList.unlisted-note': 'Тут лише ті заходи, які організатори вирішили показати.',
  'eventList.join-by-code': 'Маєте код? Увійдіть за ним.',
  'eventList.search-label': 'Пошук заходів за назвою або адресатом',
  'eventList.search-found':
    'За запитом «{query}» {count, plural, one {знайдено # захід} few {знайдено # заходи} many {знайдено # заходів} other {знайдено # заходу}}.',
  'eventList.search-none': 'Тут немає заходів за запитом «{query}».',
  'eventList.empty': 'У списку поки немає заходів.',
  'eventList.current-heading': 'Тривають зараз і скоро почнуться',
  'eventList.current-none': 'Зараз жоден захід зі списку не приймає питань.',
  'eventList.past-heading': 'Минулі заходи',
  'eventList.language': 'Мова: {language}',
  'eventList.join': 'Увійти: поставити питання й проголосувати',
  'eventList.see-questions': 'Переглянути питання й відповіді',
  'eventList.pages-label': 'Сторінки списку заходів',
  'footer.events': 'Заходи',
  'home.events-link': 'Список заходів',
};
export default messages;
