import type { Messages } from '../index.ts';

/** The Ukrainian messages shared by every page: the frame, navigation and numbers. */
const messages: Messages = {
  'site.name': 'Віче',
  'site.tagline': 'Петиції та відкриті запитання з публічним підрахунком, який може перевірити кожен',
  'nav.petitions': 'Петиції',
  'nav.record': 'Публічний реєстр',
  'nav.organisers': 'Організаторам',
  'nav.skip': 'Перейти до основного вмісту',
  'nav.language': 'Мова',
  'nav.account': 'Ви увійшли як {name}',
  'nav.admin': 'Кабінет',
  'nav.logout': 'Вийти',
  'footer.safety':
    'Віче не зберігає IP-адрес, нічого не завантажує з інших сайтів і не публікує у своєму реєстрі жодних персональних даних.',
  'footer.api': 'API',
  'footer.source': 'Як перевірити підрахунок',
  'common.signatures': '{count, plural, one {# підпис} few {# підписи} many {# підписів} other {# підпису}}',
  'common.date': '{date, date, long}',
  'common.datetime': '{date, date, medium}, {date, time, short}',
  'common.save': 'Зберегти',
  'common.cancel': 'Скасувати',
  'common.optional': '(необов’язково)',
  'common.required': '(обов’язково)',
  'common.copy-link': 'Скопіювати посилання',
  'common.back': 'Назад',
};
export default messages;
