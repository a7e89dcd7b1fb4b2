import type { Messages } from '../index.ts';

/** The Ukrainian messages of the organiser's pages under /admin/petitions, the CSV and the delivery packet. */
const messages: Messages = {
  // Writing a petition
  'organiser.new-title': 'Написати нову петицію',
  'organiser.edit-title': 'Змінити чернетку',
  'organiser.form-lead':
    'Спершу ви зберігаєте чернетку. Її ніхто не побачить, доки ви не опублікуєте петицію, а до того часу її можна змінювати.',
  'organiser.field-title': 'Назва',
  'organiser.hint-title':
    'Чого ви вимагаєте, одним рядком: від {min, number} до {max, plural, one {# символу} few {# символів} many {# символів} other {# символу}}.',
  'organiser.field-addressee': 'Адресат',
  'organiser.hint-addressee':
    'Особа, установа чи орган, що має відповісти. До {max, plural, one {# символу} few {# символів} many {# символів} other {# символу}}.',
  'organiser.field-body': 'Текст',
  'organiser.hint-body':
    'Від {min, number} до {max, plural, one {# символу} few {# символів} many {# символів} other {# символу}}. Між абзацами залишайте порожній рядок; вебадреси стануть посиланнями.',
  'organiser.field-language': 'Мова тексту',
  'organiser.hint-language': 'Усе інше на сторінці кожен читач бачить своєю мовою.',
  'organiser.field-goal': 'Мета',
  'organiser.hint-goal':
    'Скільки підписів ви хочете зібрати: ціле число, не більше ніж {max, number}. На сторінці буде видно, скільки вже зібрано.',
  'organiser.field-deadline': 'Термін збору підписів',
  'organiser.hint-deadline':
    'Збір підписів завершиться наприкінці цього дня (за UTC). Без терміну ви закриваєте петицію самі.',
  'organiser.signers-legend': 'Що вказують підписанти',
  'organiser.field-nameRule': 'Ім’я',
  'organiser.nameRule-required': 'Ім’я обов’язкове',
  'organiser.nameRule-optional': 'Ім’я необов’язкове',
  'organiser.field-namesPublic': 'Показ імен',
  'organiser.namesPublic-signer': 'Кожен підписант сам вирішує, чи показувати своє ім’я',
  'organiser.namesPublic-never': 'Імена ніколи не показуються',
  'organiser.field-regionRule': 'Регіон',
  'organiser.regionRule-none': 'Регіон у підписантів не запитують',
  'organiser.regionRule-optional': 'Регіон необов’язковий',
  'organiser.regionRule-required': 'Регіон обов’язковий',
  'organiser.field-regionCountries': 'Регіони яких країн',
  'organiser.hint-regionCountries':
    'Підписанти вибирають із регіонів першого рівня (ISO 3166-2) позначених вами країн. Потрібно, якщо ви запитуєте регіон.',
  'organiser.confirmation-legend': 'Підтвердження підписів',
  'organiser.confirmation-email':
    'Посиланням у листі: кожен підписант підтверджує підпис зі своєї пошти (рекомендовано)',
  'organiser.confirmation-none':
    'Без підтвердження: підписи зараховуються одразу й позначаються як не підтверджені поштою',
  'organiser.save-draft': 'Зберегти чернетку',
  'organiser.save-changes': 'Зберегти зміни',
  'organiser.draft-note':
    'Після публікації текст змінити не можна: публічний реєстр зберігає геш того, що підписували люди.',

  // Managing one petition
  'organiser.back-to-list': '← Усі ваші петиції',
  'organiser.done-saved': 'Чернетку збережено.',
  'organiser.done-published': 'Петицію опубліковано, триває збір підписів.',
  'organiser.done-closed': 'Петицію закрито. Підписи більше не приймаються.',
  'organiser.done-responded': 'Відповідь збережено й показано на публічній сторінці.',
  'organiser.done-invalidated':
    '{count, plural, one {# підпис вилучено} few {# підписи вилучено} many {# підписів вилучено} other {# підпису вилучено}} з підрахунку.',
  'organiser.done-invalidated-none': 'У цьому проміжку не було зарахованих підписів, тому нічого не змінилося.',
  'organiser.fix-draft': 'Змінити чернетку, щоб це виправити',
  'organiser.draft-heading': 'Це чернетка',
  'organiser.draft-lead':
    'Її бачите лише ви та адміністратори. Перевірте попередній перегляд; коли ви опублікуєте петицію, почнеться збір підписів, а до публічного реєстру буде записано геш тексту.',
  'organiser.publish': 'Опублікувати',
  'organiser.edit': 'Редагувати',
  'organiser.open-heading': 'Триває збір підписів',
  'organiser.close-lead':
    'Після закриття підписи більше не приймаються, і це остаточно. Підрахунок залишається публічним.',
  'organiser.close': 'Закрити петицію',
  'organiser.close-confirm':
    'Я розумію: після цього ніхто не зможе підписати, а закриту петицію не можна відкрити знову.',
  'organiser.field-confirm': 'Підтвердження',
  'organiser.field-expected': 'Підтвердження',
  'organiser.invalidate-preview-button': 'Показати, скільки підписів це вилучить',
  'organiser.invalidate-preview':
    '{count, plural, one {Це вилучить # підпис із підрахунку.} few {Це вилучить # підписи з підрахунку.} many {Це вилучить # підписів із підрахунку.} other {Це вилучить # підпису з підрахунку.}}',
  'organiser.invalidate-preview-details':
    'Враховані: {window}, регіон: {region}. Причина, яку побачать усі: {reason}. У публічному реєстрі кожен буде позначено як вилучений із цієї причини, і скасувати це не можна.',
  'organiser.invalidate-preview-none':
    'У проміжку {window} (регіон: {region}) немає врахованих підписів. Нічого не змінено.',
  'organiser.invalidate-preview-changed':
    'Число змінилося, поки ви дивилися: у цьому проміжку за цей час підписи додалися або були вилучені. Нічого не змінено; перевірте нове число.',
  'organiser.invalidate-confirm-button':
    '{count, plural, one {Вилучити цей # підпис} few {Вилучити ці # підписи} many {Вилучити ці # підписів} other {Вилучити ці # підпису}}',
  'organiser.closed-heading': 'Закрита',
  'organiser.no-deadline': 'Без терміну',
  'organiser.no-goal': 'Без мети',
  'organiser.count-heading': 'Скільки підписів зараховано зараз',
  'organiser.record-queue':
    '{count, plural, one {# запис} few {# записи} many {# записів} other {# запису}} у черзі публічного реєстру',
  'organiser.record-sequenced':
    '{count, plural, one {# з них уже внесено} few {# з них уже внесено} many {# з них уже внесено} other {# з них уже внесено}} до журналу',
  'organiser.deliver-heading': 'Поширити й передати адресатові',
  'organiser.public-page': 'Публічна сторінка',
  'organiser.packet-link': 'Пакет для адресата (PDF)',
  'organiser.packet-about':
    'Текст, кількість підписів, підписи за регіонами і як будь-хто може це перевірити — мовою петиції.',
  'organiser.packet-in': 'Іншими мовами:',
  'organiser.csv-link': 'Публічні імена (CSV)',
  'organiser.csv-about': 'Лише ті підписанти, які вирішили показати своє ім’я: ім’я, регіон і день.',
  'organiser.response-heading': 'Відповідь адресата',
  'organiser.response-saved-on': 'Востаннє збережено {date, date, long}.',
  'organiser.field-response': 'Відповідь',
  'organiser.hint-response':
    'Процитуйте або коротко перекажіть, що відповів адресат. Відповідь показано на публічній сторінці, а її геш потрапляє до публічного реєстру.',
  'organiser.response-button': 'Зберегти відповідь',
  'organiser.preview-heading': 'Попередній перегляд публічної сторінки',
  'organiser.settings-heading': 'Що запитують у підписантів',
  'organiser.preview-regions': '{rule}: {countries}',
  'organiser.asks-confirmation-email': 'Кожен підпис підтверджується посиланням із листа',
  'organiser.asks-confirmation-none': 'Підписи не підтверджуються електронною поштою і позначаються як непідтверджені',

  // The dashboard
  'organiser.rate-heading': 'Підписи за хвилину за останню годину',
  'organiser.rate-lead':
    '{count, plural, =0 {За останні 60 хвилин підписів не надходило.} one {За останні 60 хвилин надійшов # підпис.} few {За останні 60 хвилин надійшли # підписи.} many {За останні 60 хвилин надійшло # підписів.} other {За останні 60 хвилин надійшло # підпису.}} Підписи, вилучені відтоді, тут однаково враховано. Час зазначено за UTC. Хвилина, у яку підписів більше ніж {threshold, number} (пунктирна лінія), позначається як незвичний сплеск.',
  'organiser.rate-chart-title':
    'Підписи за хвилинами за останні 60 хвилин (UTC): усього {count, number}, {bursts, plural, =0 {незвичних сплесків немає} one {# незвичний сплеск} few {# незвичні сплески} many {# незвичних сплесків} other {# незвичного сплеску}}',
  'organiser.bursts-found':
    '{count, plural, one {# незвичний сплеск} few {# незвичні сплески} many {# незвичних сплесків} other {# незвичного сплеску}} за останню годину',
  'organiser.burst-line':
    '{time} UTC: {count, plural, one {# підпис} few {# підписи} many {# підписів} other {# підпису}}',
  'organiser.burst-review': 'Перевірити цю хвилину й, можливо, вилучити підписи',
  'organiser.burst-badge': 'сплеск',
  'organiser.no-bursts': 'За останню годину незвичних сплесків не було.',
  'organiser.rate-table': 'Показати хвилини таблицею',
  'organiser.col-minute': 'Хвилина (UTC)',
  'organiser.col-signatures': 'Підписи',
  'organiser.col-region': 'Регіон',
  'organiser.col-share': 'Частка',
  'organiser.regions-heading': 'Підписи за регіонами',
  'organiser.regions-not-asked': 'У підписантів цієї петиції регіон не запитують.',
  'organiser.no-regions': 'Підписів поки немає.',
  'organiser.region-none': 'Регіон не вказано',
  'organiser.invalidate-heading': 'Вилучити підозрілі підписи',
  'organiser.invalidate-lead':
    'Вилучає з підрахунку всі зараховані підписи за вибраний проміжок часу (і у вибраному регіоні). Публічна сторінка й публічний реєстр покажуть, скільки підписів вилучено і чому, але ніколи — чиї. Скасувати це не можна.',
  'organiser.field-from': 'Початок',
  'organiser.field-to': 'Кінець',
  'organiser.hint-utc': 'Дата й час за UTC.',
  'organiser.hint-to': 'За UTC; цю хвилину включено повністю. Не пізніше ніж через 31 день після початку.',
  'organiser.field-region': 'Регіон',
  'organiser.hint-region': 'Залиште «Усі регіони», щоб вилучити підписи за цей проміжок в усіх регіонах.',
  'organiser.region-any': 'Усі регіони',
  'organiser.field-reason': 'Причина (її побачать усі)',
  'organiser.hint-reason':
    'Виберіть найвідповіднішу причину; її буде опубліковано разом із кількістю вилучених підписів.',
  'organiser.choose': 'Виберіть…',
  'organiser.invalidations-heading': 'Уже вилучено',
  'organiser.invalidation-count':
    '{count, plural, one {# підпис вилучено} few {# підписи вилучено} many {# підписів вилучено} other {# підпису вилучено}}: {reason}',
  'organiser.invalidation-details': 'Проміжок {window} UTC · {region} · вилучено {when} UTC',
  'organiser.no-invalidations': 'Жодного підпису не вилучено.',

  // The CSV of public names
  'organiser.csv-name': 'Ім’я',
  'organiser.csv-region-code': 'Код регіону',
  'organiser.csv-region': 'Регіон',
  'organiser.csv-day': 'День підпису (UTC)',

  // The delivery packet (PDF)
  'organiser.packet-subject': 'Петиція для передачі адресатові',
  'organiser.packet-count':
    '{count, plural, one {підпис} few {підписи} many {підписів} other {підпису}} станом на {when} (UTC)',
  'organiser.packet-goal':
    'Мета: {goal, plural, one {# підпис} few {# підписи} many {# підписів} other {# підпису}} (досягнуто {percent, number}%)',
  'organiser.packet-opened': 'Відкрита {date}',
  'organiser.packet-closed': 'Закрита {date}',
  'organiser.packet-deadline': 'Відкрита до {date}',
  'organiser.packet-confirmed-email': 'Кожен підпис підтверджено за посиланням із листа.',
  'organiser.packet-confirmed-none': 'Підписи не підтверджувалися електронною поштою.',
  'organiser.packet-text': 'Текст петиції',
  'organiser.packet-by-region': 'Підписи за регіонами',
  'organiser.packet-invalidations': 'Підписи, вилучені з підрахунку',
  'organiser.packet-invalidation':
    '{count, plural, one {# підпис} few {# підписи} many {# підписів} other {# підпису}}: {reason}',
  'organiser.packet-verify-heading': 'Як перевірити підрахунок',
  'organiser.packet-qr': 'QR-код, що відкриває {url}',
  'organiser.packet-verify': 'Будь-хто може перевірити підрахунок тут:',
  'organiser.packet-page': 'Сторінка {page, number} з {pages, number}',
};
export default messages;
