import type { Messages } from '../index.ts';

/** Русские тексты публичных исправлений: пометка на странице петиции, страница версий, форма организатора. */
const messages: Messages = {
  'correction.notice':
    'Текст исправлен {count, plural, =1 {{date, date, long}} one {# раз, последний — {date, date, long}} few {# раза, последний — {date, date, long}} many {# раз, последний — {date, date, long}} other {# раза, последний — {date, date, long}}} ({reason}).',
  'correction.notice-link': 'Посмотреть прежние версии',
  'correction.reason-typo': 'опечатка',
  'correction.reason-clarification': 'уточнение',
  'correction.reason-other': 'другая причина',
  'correction.reason-typo-label': 'Опечатка или ошибка в написании',
  'correction.reason-clarification-label': 'Уточнение: та же просьба, сказанная яснее',
  'correction.reason-other-label': 'Другая причина',
  'correction.form-title': 'Исправить текст (публично)',
  'correction.form-lead':
    'Под этим текстом уже подписались люди. Исправляйте только ошибки и не меняйте того, о чём просит петиция. Цель, срок и то, что спрашивают у подписантов, изменить нельзя.',
  'correction.form-public':
    'Все увидят, что текст исправлен и когда. Все прежние версии останутся открытыми вместе с тем, что изменилось.',
  'correction.preview-button': 'Посмотреть исправление',
  'correction.cancel': 'Отмена',
  'correction.preview-heading': 'Проверьте исправление перед публикацией',
  'correction.preview-warning-strong': 'Это изменение публичное, и его нельзя отменить.',
  'correction.preview-warning':
    'На странице петиции будет сказано, что текст исправлен ({reason}), со ссылкой на все версии. Версия {version} сохранится рядом с прежними, а в публичном реестре останется отпечаток каждой, так что ни одну версию нельзя изменить незаметно.',
  'correction.confirm-button': 'Опубликовать исправление',
  'correction.back-to-edit': 'Изменить ещё раз',
  'correction.manage-heading': 'Исправить текст',
  'correction.manage-lead':
    'Нашли ошибку? Пока петиция открыта, можно исправить заголовок, адресата или текст. Исправление публичное: страница скажет об этом, а прежние версии останутся видны.',
  'correction.manage-count': 'Исправлений пока: {count, number} (не больше {max}).',
  'correction.manage-link': 'Исправить текст (публично)',
  'correction.limit-reached': 'Эту петицию исправляли {max} раз, больше нельзя.',
  'correction.field-reason': 'Причина исправления',
  'correction.reason-legend': 'Почему вы исправляете текст?',
  'organiser.done-corrected': 'Исправление опубликовано. На странице петиции теперь сказано, что текст исправлен.',
  'problem.correction-unchanged':
    'Ничего не изменилось. Исправьте заголовок, адресата или текст либо нажмите «Отмена».',
  'versions.title': 'Версии текста',
  'versions.back': 'Назад к петиции',
  'versions.lead':
    'Организатор исправил эту петицию после публикации {count, plural, =1 {один раз} one {# раз} few {# раза} many {# раз} other {# раза}}. Все версии остаются здесь: видно, что изменилось и под чем подписывались люди.',
  'versions.lead-none': 'Эту петицию не исправляли после публикации: текст на её странице — единственная версия.',
  'versions.legend': 'Удалённые слова зачёркнуты. Добавленные подчёркнуты.',
  'versions.version-published': 'Версия {version}: опубликована {date, date, long}',
  'versions.version-corrected': 'Версия {version}: исправлена {date, date, long} ({reason})',
  'versions.current': 'показана сейчас',
  'versions.changes': 'Что изменилось по сравнению с версией {version}',
  'versions.removed': 'удалено:',
  'versions.added': 'добавлено:',
  'versions.field-title': 'Заголовок',
  'versions.field-addressee': 'Кому',
  'versions.field-text': 'Текст',
  'versions.unchanged': 'Без изменений',
  'versions.whole-text': 'Прочитать версию {version} целиком',
  'versions.proof-summary': 'Как любой может проверить, что эту версию не изменили незаметно',
  'versions.proof-text':
    'В публичном реестре, который любой может скопировать и проверить, есть отпечаток каждой версии: число, вычисленное из её заголовка, адресата и текста. Стоит изменить одну букву — и отпечаток не совпадёт.',
  'versions.fingerprint': 'Отпечаток версии {version} (SHA-256):',
  'versions.entry-opened': 'В реестре: запись об открытии петиции (petition.opened).',
  'versions.entry-corrected': 'В реестре: запись об исправлении с версией {version} (petition.corrected).',
  'versions.audit-link': 'Сверить эту петицию с реестром',
};
export default messages;
