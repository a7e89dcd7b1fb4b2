import type { Messages } from '../index.ts';

/** The Russian messages of the organiser's pages under /admin/petitions, the CSV and the delivery packet. */
const messages: Messages = {
  // Writing a petition
  'organiser.new-title': 'Написать новую петицию',
  'organiser.edit-title': 'Изменить черновик',
  'organiser.form-lead':
    'Сначала вы сохраняете черновик. Его никто не увидит, пока вы не опубликуете петицию, а до тех пор его можно менять.',
  'organiser.field-title': 'Название',
  'organiser.hint-title':
    'Чего вы требуете, одной строкой: от {min, number} до {max, plural, one {# символа} few {# символов} many {# символов} other {# символа}}.',
  'organiser.field-addressee': 'Адресат',
  'organiser.hint-addressee':
    'Человек, ведомство или орган, который должен ответить. До {max, plural, one {# символа} few {# символов} many {# символов} other {# символа}}.',
  'organiser.field-body': 'Текст',
  'organiser.hint-body':
    'От {min, number} до {max, plural, one {# символа} few {# символов} many {# символов} other {# символа}}. Между абзацами оставляйте пустую строку; веб-адреса станут ссылками.',
  'organiser.field-language': 'Язык текста',
  'organiser.hint-language': 'Всё остальное на странице каждый читатель видит на своём языке.',
  'organiser.field-goal': 'Цель',
  'organiser.hint-goal':
    'Сколько подписей вы хотите собрать: целое число, не больше {max, number}. На странице будет видно, сколько уже собрано.',
  'organiser.field-deadline': 'Срок сбора подписей',
  'organiser.hint-deadline':
    'Сбор подписей закончится в конце этого дня (по UTC). Без срока вы закрываете петицию сами.',
  'organiser.signers-legend': 'Что указывают подписавшие',
  'organiser.field-nameRule': 'Имя',
  'organiser.nameRule-required': 'Имя обязательно',
  'organiser.nameRule-optional': 'Имя необязательно',
  'organiser.field-namesPublic': 'Показ имён',
  'organiser.namesPublic-signer': 'Каждый подписавший сам решает, показывать ли своё имя',
  'organiser.namesPublic-never': 'Имена никогда не показываются',
  'organiser.field-regionRule': 'Регион',
  'organiser.regionRule-none': 'Регион у подписавших не спрашивают',
  'organiser.regionRule-optional': 'Регион необязателен',
  'organiser.regionRule-required': 'Регион обязателен',
  'organiser.field-regionCountries': 'Регионы каких стран',
  'organiser.hint-regionCountries':
    'Подписавшие выбирают из регионов первого уровня (ISO 3166-2) отмеченных вами стран. Нужно, если вы спрашиваете регион.',
  'organiser.confirmation-legend': 'Подтверждение подписей',
  'organiser.confirmation-email':
    'Ссылкой в письме: каждый подписавший подтверждает подпись из своей почты (рекомендуется)',
  'organiser.confirmation-none':
    'Без подтверждения: подписи засчитываются сразу и помечаются как не подтверждённые по почте',
  'organiser.save-draft': 'Сохранить черновик',
  'organiser.save-changes': 'Сохранить изменения',
  'organiser.draft-note':
    'После публикации текст изменить нельзя: публичный реестр хранит хеш того, что подписывали люди.',

  // Managing one petition
  'organiser.back-to-list': '← Все ваши петиции',
  'organiser.done-saved': 'Черновик сохранён.',
  'organiser.done-published': 'Петиция опубликована, идёт сбор подписей.',
  'organiser.done-closed': 'Петиция закрыта. Подписи больше не принимаются.',
  'organiser.done-responded': 'Ответ сохранён и показан на публичной странице.',
  'organiser.done-invalidated':
    '{count, plural, one {# подпись исключена} few {# подписи исключены} many {# подписей исключено} other {# подписи исключено}} из подсчёта.',
  'organiser.done-invalidated-none': 'В этом промежутке не было засчитанных подписей, поэтому ничего не изменилось.',
  'organiser.fix-draft': 'Изменить черновик, чтобы это исправить',
  'organiser.draft-heading': 'Это черновик',
  'organiser.draft-lead':
    'Его видите только вы и администраторы. Проверьте предварительный просмотр; когда вы опубликуете петицию, начнётся сбор подписей, а в публичный реестр будет записан хеш текста.',
  'organiser.publish': 'Опубликовать',
  'organiser.edit': 'Редактировать',
  'organiser.open-heading': 'Идёт сбор подписей',
  'organiser.close-lead':
    'После закрытия подписи больше не принимаются, и это окончательно. Подсчёт остаётся публичным.',
  'organiser.close': 'Закрыть петицию',
  'organiser.close-confirm':
    'Я понимаю: после этого никто не сможет подписать, а закрытую петицию нельзя открыть снова.',
  'organiser.field-confirm': 'Подтверждение',
  'organiser.field-expected': 'Подтверждение',
  'organiser.invalidate-preview-button': 'Показать, сколько подписей это исключит',
  'organiser.invalidate-preview':
    '{count, plural, one {Это исключит # подпись из подсчёта.} few {Это исключит # подписи из подсчёта.} many {Это исключит # подписей из подсчёта.} other {Это исключит # подписи из подсчёта.}}',
  'organiser.invalidate-preview-details':
    'Учтены: {window}, регион: {region}. Причина, которую увидят все: {reason}. В публичном реестре каждая будет отмечена как исключённая по этой причине, и отменить это нельзя.',
  'organiser.invalidate-preview-none':
    'В промежутке {window} (регион: {region}) нет учтённых подписей. Ничего не изменено.',
  'organiser.invalidate-preview-changed':
    'Число изменилось, пока вы смотрели: в этом промежутке за это время подписи добавились или были исключены. Ничего не изменено; проверьте новое число.',
  'organiser.invalidate-confirm-button':
    '{count, plural, one {Исключить эту # подпись} few {Исключить эти # подписи} many {Исключить эти # подписей} other {Исключить эти # подписи}}',
  'organiser.closed-heading': 'Закрыта',
  'organiser.no-deadline': 'Без срока',
  'organiser.no-goal': 'Без цели',
  'organiser.count-heading': 'Сколько подписей засчитано сейчас',
  'organiser.record-queue':
    '{count, plural, one {# запись} few {# записи} many {# записей} other {# записи}} в очереди публичного реестра',
  'organiser.record-sequenced':
    '{count, plural, one {# из них уже занесена} few {# из них уже занесены} many {# из них уже занесено} other {# из них уже занесено}} в журнал',
  'organiser.deliver-heading': 'Поделиться и передать адресату',
  'organiser.public-page': 'Публичная страница',
  'organiser.packet-link': 'Пакет для адресата (PDF)',
  'organiser.packet-about':
    'Текст, число подписей, подписи по регионам и как любой может это проверить — на языке петиции.',
  'organiser.packet-in': 'На других языках:',
  'organiser.csv-link': 'Публичные имена (CSV)',
  'organiser.csv-about': 'Только те подписавшие, кто решил показать своё имя: имя, регион и день.',
  'organiser.response-heading': 'Ответ адресата',
  'organiser.response-saved-on': 'Последнее сохранение: {date, date, long}.',
  'organiser.field-response': 'Ответ',
  'organiser.hint-response':
    'Процитируйте или кратко перескажите, что ответил адресат. Ответ показывается на публичной странице, а его хеш попадает в публичный реестр.',
  'organiser.response-button': 'Сохранить ответ',
  'organiser.preview-heading': 'Предварительный просмотр публичной страницы',
  'organiser.settings-heading': 'Что спрашивают у подписавших',
  'organiser.preview-regions': '{rule}: {countries}',
  'organiser.asks-confirmation-email': 'Каждая подпись подтверждается ссылкой из письма',
  'organiser.asks-confirmation-none':
    'Подписи не подтверждаются по электронной почте и помечаются как неподтверждённые',

  // The dashboard
  'organiser.rate-heading': 'Подписи в минуту за последний час',
  'organiser.rate-lead':
    '{count, plural, =0 {За последние 60 минут подписей не поступало.} one {За последние 60 минут поступила # подпись.} few {За последние 60 минут поступили # подписи.} many {За последние 60 минут поступило # подписей.} other {За последние 60 минут поступило # подписи.}} Подписи, исключённые с тех пор, здесь всё равно учтены. Время указано по UTC. Минута, в которую подписей больше {threshold, number} (пунктирная линия), отмечается как необычный всплеск.',
  'organiser.rate-chart-title':
    'Подписи по минутам за последние 60 минут (UTC): всего {count, number}, {bursts, plural, =0 {необычных всплесков нет} one {# необычный всплеск} few {# необычных всплеска} many {# необычных всплесков} other {# необычного всплеска}}',
  'organiser.bursts-found':
    '{count, plural, one {# необычный всплеск} few {# необычных всплеска} many {# необычных всплесков} other {# необычного всплеска}} за последний час',
  'organiser.burst-line':
    '{time} UTC: {count, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}}',
  'organiser.burst-review': 'Проверить эту минуту и, возможно, исключить подписи',
  'organiser.burst-badge': 'всплеск',
  'organiser.no-bursts': 'За последний час необычных всплесков не было.',
  'organiser.rate-table': 'Показать минуты таблицей',
  'organiser.col-minute': 'Минута (UTC)',
  'organiser.col-signatures': 'Подписи',
  'organiser.col-region': 'Регион',
  'organiser.col-share': 'Доля',
  'organiser.regions-heading': 'Подписи по регионам',
  'organiser.regions-not-asked': 'У подписавших эту петицию регион не спрашивают.',
  'organiser.no-regions': 'Подписей пока нет.',
  'organiser.region-none': 'Регион не указан',
  'organiser.invalidate-heading': 'Исключить подозрительные подписи',
  'organiser.invalidate-lead':
    'Исключает из подсчёта все засчитанные подписи за выбранный промежуток времени (и в выбранном регионе). Публичная страница и публичный реестр покажут, сколько подписей исключено и почему, но никогда — чьи. Отменить это нельзя.',
  'organiser.field-from': 'Начало',
  'organiser.field-to': 'Конец',
  'organiser.hint-utc': 'Дата и время по UTC.',
  'organiser.hint-to': 'По UTC; эта минута включается целиком. Не позже чем через 31 день после начала.',
  'organiser.field-region': 'Регион',
  'organiser.hint-region': 'Оставьте «Все регионы», чтобы исключить подписи за этот промежуток во всех регионах.',
  'organiser.region-any': 'Все регионы',
  'organiser.field-reason': 'Причина (её увидят все)',
  'organiser.hint-reason':
    'Выберите наиболее подходящую причину; она будет опубликована вместе с числом исключённых подписей.',
  'organiser.choose': 'Выберите…',
  'organiser.invalidations-heading': 'Уже исключено',
  'organiser.invalidation-count':
    '{count, plural, one {# подпись исключена} few {# подписи исключены} many {# подписей исключено} other {# подписи исключено}}: {reason}',
  'organiser.invalidation-details': 'Промежуток {window} UTC · {region} · исключены {when} UTC',
  'organiser.no-invalidations': 'Ни одна подпись не исключена.',

  // The CSV of public names
  'organiser.csv-name': 'Имя',
  'organiser.csv-region-code': 'Код региона',
  'organiser.csv-region': 'Регион',
  'organiser.csv-day': 'День подписи (UTC)',

  // The delivery packet (PDF)
  'organiser.packet-subject': 'Петиция для передачи адресату',
  'organiser.packet-count':
    '{count, plural, one {подпись} few {подписи} many {подписей} other {подписи}} по состоянию на {when} (UTC)',
  'organiser.packet-goal':
    'Цель: {goal, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}} (достигнуто {percent, number}%)',
  'organiser.packet-opened': 'Открыта {date}',
  'organiser.packet-closed': 'Закрыта {date}',
  'organiser.packet-deadline': 'Открыта до {date}',
  'organiser.packet-confirmed-email': 'Каждая подпись подтверждена по ссылке из письма.',
  'organiser.packet-confirmed-none': 'Подписи не подтверждались по электронной почте.',
  'organiser.packet-text': 'Текст петиции',
  'organiser.packet-by-region': 'Подписи по регионам',
  'organiser.packet-invalidations': 'Подписи, исключённые из подсчёта',
  'organiser.packet-invalidation':
    '{count, plural, one {# подпись} few {# подписи} many {# подписей} other {# подписи}}: {reason}',
  'organiser.packet-verify-heading': 'Как проверить подсчёт',
  'organiser.packet-qr': 'QR-код, открывающий {url}',
  'organiser.packet-verify': 'Любой может проверить подсчёт здесь:',
  'organiser.packet-page': 'Страница {page, number} из {pages, number}',
};
export default messages;
