import type { Messages } from '../index.ts';

/** The Russian messages shared by every page: the frame, navigation and numbers. */
const messages: Messages = {
  'site.name': 'Вече',
  'site.tagline': 'Петиции и открытые вопросы с публичным подсчётом, который может проверить каждый',
  'nav.petitions': 'Петиции',
  'nav.record': 'Публичный реестр',
  'nav.organisers': 'Организаторам',
  'nav.skip': 'Перейти к основному содержанию',
  'nav.language': 'Язык',
  'nav.account': 'Вы вошли как {name}',
  'nav.admin': 'Кабинет',
  'nav.logout': 'Выйти',
  'footer.safety':
    'Вече не хранит IP-адреса, ничего не загружает с других сайтов и не публикует в своём реестре никаких персональных данных.',
  'footer.api': 'API',
  'footer.source': 'Как проверить подсчёт',
  'common.signatures': '{count, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}}',
  'common.date': '{date, date, long}',
  'common.datetime': '{date, date, medium}, {date, time, short}',
  'common.save': 'Сохранить',
  'common.cancel': 'Отмена',
  'common.optional': '(необязательно)',
  'common.required': '(обязательно)',
  'common.copy-link': 'Скопировать ссылку',
  'common.back': 'Назад',
};
export default messages;
