import type { Messages } from '../index.ts';

/** Українські тексти публічних виправлень: позначка на сторінці петиції, сторінка версій, форма організатора. */
const messages: Messages = {
  'correction.notice':
    'Текст виправлено {count, plural, =1 {{date, date, long}} one {# раз, востаннє {date, date, long}} few {# рази, востаннє {date, date, long}} many {# разів, востаннє {date, date, long}} other {# рази, востаннє {date, date, long}}} ({reason}).',
  'correction.notice-link': 'Переглянути попередні версії',
  'correction.reason-typo': 'описка',
  'correction.reason-clarification': 'уточнення',
  'correction.reason-other': 'інша причина',
  'correction.reason-typo-label': 'Описка або помилка в написанні',
  'correction.reason-clarification-label': 'Уточнення: те саме прохання, сказане ясніше',
  'correction.reason-other-label': 'Інша причина',
  'correction.form-title': 'Виправити текст (публічно)',
  'correction.form-lead':
    'Під цим текстом уже підписалися люди. Виправляйте лише помилки й не змінюйте того, про що просить петиція. Мету, строк і те, що питають у підписантів, змінити не можна.',
  'correction.form-public':
    'Усі побачать, що текст виправлено і коли. Усі попередні версії залишаться відкритими разом із тим, що змінилося.',
  'correction.preview-button': 'Переглянути виправлення',
  'correction.cancel': 'Скасувати',
  'correction.preview-heading': 'Перевірте виправлення перед публікацією',
  'correction.preview-warning-strong': 'Ця зміна публічна, і її не можна скасувати.',
  'correction.preview-warning':
    'На сторінці петиції буде сказано, що текст виправлено ({reason}), з посиланням на всі версії. Версія {version} збережеться поруч із попередніми, а в публічному реєстрі залишиться відбиток кожної, тож жодну версію не можна змінити непомітно.',
  'correction.confirm-button': 'Опублікувати виправлення',
  'correction.back-to-edit': 'Змінити ще раз',
  'correction.manage-heading': 'Виправити текст',
  'correction.manage-lead':
    'Знайшли помилку? Поки петиція відкрита, можна виправити заголовок, адресата або текст. Виправлення публічне: сторінка скаже про це, а попередні версії залишаться видимими.',
  'correction.manage-count': 'Виправлень поки що: {count, number} (не більше {max}).',
  'correction.manage-link': 'Виправити текст (публічно)',
  'correction.limit-reached': 'Цю петицію виправляли {max} разів, більше не можна.',
  'correction.field-reason': 'Причина виправлення',
  'correction.reason-legend': 'Чому ви виправляєте текст?',
  'organiser.done-corrected': 'Виправлення опубліковано. На сторінці петиції тепер сказано, що текст виправлено.',
  'problem.correction-unchanged':
    'Нічого не змінилося. Виправте заголовок, адресата або текст чи натисніть «Скасувати».',
  'versions.title': 'Версії тексту',
  'versions.back': 'Назад до петиції',
  'versions.lead':
    'Організатор виправив цю петицію після публікації {count, plural, =1 {один раз} one {# раз} few {# рази} many {# разів} other {# рази}}. Усі версії залишаються тут: видно, що змінилося і під чим підписувалися люди.',
  'versions.lead-none': 'Цю петицію не виправляли після публікації: текст на її сторінці — єдина версія.',
  'versions.legend': 'Вилучені слова закреслено. Додані підкреслено.',
  'versions.version-published': 'Версія {version}: опублікована {date, date, long}',
  'versions.version-corrected': 'Версія {version}: виправлена {date, date, long} ({reason})',
  'versions.current': 'показана зараз',
  'versions.changes': 'Що змінилося порівняно з версією {version}',
  'versions.removed': 'вилучено:',
  'versions.added': 'додано:',
  'versions.field-title': 'Заголовок',
  'versions.field-addressee': 'Кому',
  'versions.field-text': 'Текст',
  'versions.unchanged': 'Без змін',
  'versions.whole-text': 'Прочитати версію {version} повністю',
  'versions.proof-summary': 'Як будь-хто може перевірити, що цю версію не змінили непомітно',
  'versions.proof-text':
    'У публічному реєстрі, який будь-хто може скопіювати й перевірити, є відбиток кожної версії: число, обчислене з її заголовка, адресата й тексту. Варто змінити одну літеру — і відбиток не збігатиметься.',
  'versions.fingerprint': 'Відбиток версії {version} (SHA-256):',
  'versions.entry-opened': 'У реєстрі: запис про відкриття петиції (petition.opened).',
  'versions.entry-corrected': 'У реєстрі: запис про виправлення з версією {version} (petition.corrected).',
  'versions.audit-link': 'Звірити цю петицію з реєстром',
};
export default messages;
