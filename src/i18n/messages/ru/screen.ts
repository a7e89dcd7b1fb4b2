import type { Messages } from '../index.ts';

/** The ru messages of the big screen (`/e/:code/screen`), shown on a projector. */
const messages: Messages = {
  'screen.page-title': '{title}: большой экран',
  'screen.questions-to': 'Вопросы: {addressee}',
  'screen.closed': 'Приём вопросов закрыт',
  'screen.now-answering': 'Сейчас отвечают',
  'screen.nothing-pinned': 'Здесь появится вопрос, на который отвечают.',
  'screen.top': 'Главные вопросы',
  'screen.top-range': '{first}–{last} из {total}',
  'screen.no-questions': 'Вопросов пока нет. Отсканируйте код и задайте первый.',
  'screen.anonymous': 'Аноним',
  'screen.withheld': 'Скрыт модератором: {reason}',
  'screen.votes-word': '{count, plural, one {голос} few {голоса} many {голосов} other {голоса}}',
  'screen.join-heading': 'Спросите и голосуйте',
  'screen.join-go': 'Откройте',
  'screen.join-enter': 'и введите код',
  'screen.qr-label': 'QR-код ссылки {link}',
  'screen.counts-heading': 'Счётчики',
  'screen.count-asked':
    '{count, plural, one {вопрос задан} few {вопроса задано} many {вопросов задано} other {вопроса задано}}',
  'screen.count-votes':
    '{count, plural, one {голос отдан} few {голоса отдано} many {голосов отдано} other {голоса отдано}}',
  'screen.count-answered': '{count, plural, one {с ответом} few {с ответом} many {с ответом} other {с ответом}}',
  'screen.count-pending':
    '{count, plural, one {ждёт модерации} few {ждут модерации} many {ждут модерации} other {ждут модерации}}',
  'screen.count-hidden':
    '{count, plural, one {скрыт модераторами} few {скрыто модераторами} many {скрыто модераторами} other {скрыто модераторами}}',
  'screen.reason.spam': 'спам',
  'screen.reason.abuse': 'оскорбления',
  'screen.reason.personal-data': 'личные данные',
  'screen.reason.duplicate': 'повтор',
  'screen.reason.off-topic': 'не по теме',
  'screen.reconnecting': 'Переподключение…',
  'screen.help-hint': 'Нажмите ?, чтобы увидеть управление экраном',
  'screen.help-heading': 'Управление экраном',
  'screen.help-fullscreen': 'Включить или выключить полный экран',
  'screen.help-join': 'Показать или скрыть код и QR-код',
  'screen.help-top': 'Показать или скрыть главные вопросы',
  'screen.help-size': 'Крупнее или мельче текст',
  'screen.help-pages': 'Предыдущая или следующая страница главных вопросов',
  'screen.help-help': 'Показать или скрыть эту подсказку',
  'screen.help-language': 'Язык экрана (язык встречи, если не выбрать другой):',
  'screen.help-close': 'Закрыть',
};
export default messages;
