import type { Messages } from '../index.ts';

/** The uk messages of the big screen (`/e/:code/screen`), shown on a projector. */
const messages: Messages = {
  'screen.page-title': '{title}: великий екран',
  'screen.questions-to': 'Питання: {addressee}',
  'screen.closed': 'Прийом питань закрито',
  'screen.now-answering': 'Зараз відповідають',
  'screen.nothing-pinned': 'Тут з’явиться питання, на яке відповідають.',
  'screen.top': 'Головні питання',
  'screen.top-range': '{first}–{last} з {total}',
  'screen.no-questions': 'Питань поки немає. Відскануйте код і поставте перше.',
  'screen.anonymous': 'Анонім',
  'screen.withheld': 'Приховано модератором: {reason}',
  'screen.votes-word': '{count, plural, one {голос} few {голоси} many {голосів} other {голосу}}',
  'screen.join-heading': 'Запитуйте й голосуйте',
  'screen.join-go': 'Відкрийте',
  'screen.join-enter': 'і введіть код',
  'screen.qr-label': 'QR-код посилання {link}',
  'screen.counts-heading': 'Лічильники',
  'screen.count-asked':
    '{count, plural, one {питання поставлено} few {питання поставлено} many {питань поставлено} other {питання поставлено}}',
  'screen.count-votes':
    '{count, plural, one {голос віддано} few {голоси віддано} many {голосів віддано} other {голосу віддано}}',
  'screen.count-answered':
    '{count, plural, one {з відповіддю} few {з відповіддю} many {з відповіддю} other {з відповіддю}}',
  'screen.count-pending':
    '{count, plural, one {чекає на модерацію} few {чекають на модерацію} many {чекають на модерацію} other {чекають на модерацію}}',
  'screen.count-hidden':
    '{count, plural, one {приховано модераторами} few {приховано модераторами} many {приховано модераторами} other {приховано модераторами}}',
  'screen.reason.spam': 'спам',
  'screen.reason.abuse': 'образи',
  'screen.reason.personal-data': 'особисті дані',
  'screen.reason.duplicate': 'повтор',
  'screen.reason.off-topic': 'не на тему',
  'screen.reconnecting': 'Перепідключення…',
  'screen.help-hint': 'Натисніть ?, щоб побачити керування екраном',
  'screen.help-heading': 'Керування екраном',
  'screen.help-fullscreen': 'Увімкнути чи вимкнути повний екран',
  'screen.help-join': 'Показати чи сховати код і QR-код',
  'screen.help-top': 'Показати чи сховати головні питання',
  'screen.help-size': 'Більший чи менший текст',
  'screen.help-pages': 'Попередня чи наступна сторінка головних питань',
  'screen.help-help': 'Показати чи сховати цю підказку',
  'screen.help-language': 'Мова екрана (мова зустрічі, якщо не обрати іншу):',
  'screen.help-close': 'Закрити',
};
export default messages;
