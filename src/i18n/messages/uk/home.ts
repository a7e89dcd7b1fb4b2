import type { Messages } from '../index.ts';

/** Повідомлення пошуку й сторінок на головній українською (вкладки й список — у petition.ts). */
const messages: Messages = {
  'home.search-label': 'Пошук петицій за назвою або адресатом',
  'home.search-button': 'Знайти',
  'home.search-found':
    'За запитом «{query}» {count, plural, one {знайдено # петицію} few {знайдено # петиції} many {знайдено # петицій} other {знайдено # петиції}}.',
  'home.search-none': 'Тут немає петицій за запитом «{query}».',
  'home.search-clear': 'Показати всі',
  'home.pages-label': 'Сторінки списку петицій',
  'home.page-of': 'Сторінка {page} з {pages}',
  'home.previous': '← Назад',
  'home.next': 'Далі →',
  'home.page-empty': 'На цій сторінці нічого немає.',
};
export default messages;
