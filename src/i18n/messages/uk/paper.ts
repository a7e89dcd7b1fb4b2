import type { Messages } from '../index.ts';

/** Українські повідомлення про підписи, зібрані на папері: лічильник на сторінці петиції, пачки організатора. */
const messages: Messages = {
  'paper.count-including':
    'зокрема {paper, plural, one {# підпис зібрано} few {# підписи зібрано} many {# підписів зібрано} other {# підпису зібрано}} на папері та {online, number} поставлено на цьому сайті',
  'problem.not-sheet-numbers':
    'Запишіть номери аркушів числами й діапазонами через кому, наприклад 1-12, 15, 20-22 (аркуші нумеруються від 1 до 99999).',
};

export default messages;
