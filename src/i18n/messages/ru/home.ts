import type { Messages } from '../index.ts';

/** Сообщения поиска и страниц на главной по-русски (вкладки и список — в petition.ts). */
const messages: Messages = {
  'home.search-label': 'Поиск петиций по названию или адресату',
  'home.search-button': 'Найти',
  'home.search-found':
    'По запросу «{query}» {count, plural, one {найдена # петиция} few {найдены # петиции} many {найдено # петиций} other {найдено # петиции}}.',
  'home.search-none': 'Здесь нет петиций по запросу «{query}».',
  'home.search-clear': 'Показать все',
  'home.pages-label': 'Страницы списка петиций',
  'home.page-of': 'Страница {page} из {pages}',
  'home.previous': '← Назад',
  'home.next': 'Дальше →',
  'home.page-empty': 'На этой странице ничего нет.',
};
export default messages;
