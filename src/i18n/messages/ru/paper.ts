import type { Messages } from '../index.ts';

/** Русские сообщения о подписях, собранных на бумаге: счётчик на странице петиции, пачки организатора. */
const messages: Messages = {
  'paper.count-including':
    'в том числе {paper, plural, one {# подпись собрана} few {# подписи собраны} many {# подписей собрано} other {# подписи собрано}} на бумаге и {online, plural, one {# поставлена} few {# поставлены} many {# поставлено} other {# поставлено}} на этом сайте',
  'problem.not-sheet-numbers':
    'Запишите номера листов числами и диапазонами через запятую, например 1-12, 15, 20-22 (листы нумеруются от 1 до 99999).',
  'paper.manage-link': 'Внести пачку подписей, собранных на бумаге',
  'paper.page-title': 'Подписи на бумаге',
  'paper.page-lead':
    'Когда подписные листы вернутся, посчитайте подписи и внесите их здесь одной пачкой. Они прибавятся к счётчику петиции.',
  'paper.public-note':
    'Что становится публичным для каждой пачки: число подписей, регион и номера листов. Имена и другие данные с листов сюда никогда не вносятся: храните листы в надёжном месте.',
  'paper.counted':
    'Сейчас учтено {count, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}} на бумаге.',
  'paper.form-heading': 'Внести пачку подписей на бумаге',
  'paper.field-count': 'Число подписей',
  'paper.field-region': 'Регион',
  'paper.field-sheets': 'Номера листов',
  'paper.field-reason': 'Причина отзыва',
  'paper.hint-count': 'Посчитайте заполненные строки на этих листах: от 1 до {max, number}.',
  'paper.hint-region': 'Где собраны подписи. Оставьте пустым, если листы из нескольких регионов.',
  'paper.hint-sheets': 'Номера, напечатанные на листах, например 1-12, 15, 20-22.',
  'paper.region-none': 'Несколько регионов или не указан',
  'paper.preview-button': 'Проверить перед добавлением',
  'paper.closed': 'Петиция закрыта: новые пачки добавить нельзя. Пачку, внесённую по ошибке, всё ещё можно отозвать.',
  'paper.batches-heading': 'Внесённые пачки',
  'paper.none': 'Пока не внесено ни одной пачки.',
  'paper.batch-line':
    '{count, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}}, листы {sheets}, {region}, внесено {date, date, long}',
  'paper.withdrawn': '(отозвана: {reason})',
  'paper.reason-corrected': 'внесена с ошибкой и внесена заново правильно',
  'paper.reason-entered-twice': 'одни и те же листы внесены дважды',
  'paper.reason-sheets-unreliable': 'на листы нельзя положиться',
  'paper.reason-other': 'другая причина',
  'paper.withdraw-legend': 'Отозвать эту пачку? Причина будет публичной.',
  'paper.withdraw-button': 'Отозвать пачку',
  'paper.preview-heading': 'Проверьте пачку перед добавлением',
  'paper.preview-warning':
    'Добавление публично и навсегда: число, регион и номера листов попадут в публичный журнал. Если потом найдётся ошибка, пачку можно отозвать с указанием причины, и это тоже будет публично.',
  'paper.confirm-button': 'Добавить пачку',
  'paper.back-to-edit': 'Изменить',
  'paper.done-added': 'Пачка добавлена к счётчику.',
  'paper.done-withdrawn': 'Пачка отозвана из счётчика.',
  'paper.packet-heading': 'Подписи, собранные на бумаге',
  'paper.packet-summary':
    'Из них {online, number} поставлено на сайте и {paper, number} собрано на подписных листах в {batches, plural, one {# пачке} few {# пачках} many {# пачках} other {# пачки}}.',
  'paper.packet-batch':
    '{count, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}}: {region}, листы {sheets}',
};

export default messages;
