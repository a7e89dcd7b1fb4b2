import type { Messages } from '../index.ts';

/** Русские сообщения о подписях, собранных на бумаге: счётчик на странице петиции, пачки организатора. */
const messages: Messages = {
  'paper.count-including':
    'в том числе {paper, plural, one {# подпись собрана} few {# подписи собраны} many {# подписей собрано} other {# подписи собрано}} на бумаге и {online, plural, one {# поставлена} few {# поставлены} many {# поставлено} other {# поставлено}} на этом сайте',
  'problem.not-sheet-numbers':
    'Запишите номера листов числами и диапазонами через запятую, например 1-12, 15, 20-22 (листы нумеруются от 1 до 99999).',
};

export default messages;
