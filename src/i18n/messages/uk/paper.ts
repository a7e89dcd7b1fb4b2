import type { Messages } from '../index.ts';

/** Українські повідомлення про підписи, зібрані на папері: лічильник на сторінці петиції, пачки організатора. */
const messages: Messages = {
  'paper.count-including':
    'зокрема {paper, plural, one {# підпис зібрано} few {# підписи зібрано} many {# підписів зібрано} other {# підпису зібрано}} на папері та {online, number} поставлено на цьому сайті',
  'problem.not-sheet-numbers':
    'Запишіть номери аркушів числами й діапазонами через кому, наприклад 1-12, 15, 20-22 (аркуші нумеруються від 1 до 99999).',
  'paper.manage-link': 'Внести пачку підписів, зібраних на папері',
  'paper.page-title': 'Підписи на папері',
  'paper.page-lead':
    'Коли підписні аркуші повернуться, порахуйте підписи й внесіть їх тут однією пачкою. Вони додадуться до лічильника петиції.',
  'paper.public-note':
    'Що стає публічним для кожної пачки: кількість підписів, регіон і номери аркушів. Імена та інші дані з аркушів сюди ніколи не вносяться: зберігайте аркуші в надійному місці.',
  'paper.counted':
    'Зараз враховано {count, plural, one {# підпис} few {# підписи} many {# підписів} other {# підпису}} на папері.',
  'paper.form-heading': 'Внести пачку підписів на папері',
  'paper.field-count': 'Кількість підписів',
  'paper.field-region': 'Регіон',
  'paper.field-sheets': 'Номери аркушів',
  'paper.field-reason': 'Причина відкликання',
  'paper.hint-count': 'Порахуйте заповнені рядки на цих аркушах: від 1 до {max, number}.',
  'paper.hint-region': 'Де зібрано підписи. Залиште порожнім, якщо аркуші з кількох регіонів.',
  'paper.hint-sheets': 'Номери, надруковані на аркушах, наприклад 1-12, 15, 20-22.',
  'paper.region-none': 'Кілька регіонів або не вказано',
  'paper.preview-button': 'Перевірити перед додаванням',
  'paper.closed': 'Петицію закрито: нові пачки додати не можна. Пачку, внесену помилково, ще можна відкликати.',
  'paper.batches-heading': 'Внесені пачки',
  'paper.none': 'Ще не внесено жодної пачки.',
  'paper.batch-line':
    '{count, plural, one {# підпис} few {# підписи} many {# підписів} other {# підпису}}, аркуші {sheets}, {region}, внесено {date, date, long}',
  'paper.withdrawn': '(відкликано: {reason})',
  'paper.reason-corrected': 'внесено з помилкою й внесено знову правильно',
  'paper.reason-entered-twice': 'ті самі аркуші внесено двічі',
  'paper.reason-sheets-unreliable': 'на аркуші не можна покластися',
  'paper.reason-other': 'інша причина',
  'paper.withdraw-legend': 'Відкликати цю пачку? Причина буде публічною.',
  'paper.withdraw-button': 'Відкликати пачку',
  'paper.preview-heading': 'Перевірте пачку перед додаванням',
  'paper.preview-warning':
    'Додавання публічне й назавжди: кількість, регіон і номери аркушів потраплять до публічного журналу. Якщо згодом знайдеться помилка, пачку можна відкликати із зазначенням причини, і це теж буде публічним.',
  'paper.confirm-button': 'Додати пачку',
  'paper.back-to-edit': 'Змінити',
  'paper.done-added': 'Пачку додано до лічильника.',
  'paper.done-withdrawn': 'Пачку відкликано з лічильника.',
  'paper.packet-heading': 'Підписи, зібрані на папері',
  'paper.packet-summary':
    'З них {online, number} поставлено на сайті та {paper, number} зібрано на підписних аркушах у {batches, plural, one {# пачці} few {# пачках} many {# пачках} other {# пачки}}.',
  'paper.packet-batch':
    '{count, plural, one {# підпис} few {# підписи} many {# підписів} other {# підпису}}: {region}, аркуші {sheets}',
};

export default messages;
