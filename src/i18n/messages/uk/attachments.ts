import type { Messages } from '../index.ts';

/** Повідомлення про фото й відео петиції: чому файл не прийнято, форма організатора. */
const messages: Messages = {
  'problem.file-type-refused':
    'Такий файл ми не приймаємо. Надішліть фото в JPEG, PNG, WebP або HEIC чи відео в MP4, MOV або WebM.',
  'problem.file-type-mismatch':
    'Файл названо як {claimed}, але насправді це {real}. Надішліть файл як є, з його власною назвою.',
  'problem.file-too-large': 'Файл завеликий: не більше {max, number} МБ.',
  'problem.image-too-many-pixels': 'Зображення завелике: не більше {max, number} млн пікселів.',
  'problem.file-damaged':
    'Файл не вдалося прочитати. Можливо, його пошкоджено або завантажено не повністю; спробуйте ще раз.',
  'problem.video-unavailable': 'Зараз сайт не може очищати відео, тож не приймає його. Фото приймаються.',
  'problem.video-too-slow': 'Очищення цього відео тривало задовго. Спробуйте коротше.',
  'problem.video-too-long':
    'Відео задовге: не більше {max, plural, one {# хвилини} few {# хвилин} many {# хвилин} other {# хвилини}}.',
  'attachment.section': 'Фото й відео',
  'attachment.download-video': 'Завантажити відео',
  'attachment.page-title': 'Фото й відео: {title}',
  'attachment.manage-link': 'Фото й відео',
  'attachment.back': 'Назад до петиції',
  'attachment.warning-heading': 'Перш ніж публікувати фото чи відео',
  'attachment.warning-removed':
    'Ми видаляємо те, що файл повідомляє про себе: де й коли його знято, яким телефоном чи камерою та її серійний номер, ім’я власника, приховані зменшені копії. Нижче — очищений файл, саме такий, який отримають усі.',
  'attachment.warning-visible':
    'Те, що видно й чутно, ми видалити не можемо. Обличчя, голоси, татуювання, форма, значки й нашивки, номери машин, таблички з вулицями, вікна й усе, що на тлі, можуть видати, хто ці люди і де вони були. Уважно перегляньте кожен файл; якщо він може комусь зашкодити, не публікуйте його.',
  'attachment.upload-heading': 'Додати фото чи відео',
  'attachment.field-file': 'Фото чи відео',
  'attachment.field-file-hint': 'Фото: JPEG, PNG, WebP або HEIC (з iPhone). Відео: MP4, MOV або WebM, до 10 хвилин.',
  'attachment.field-alt': 'Опис',
  'attachment.field-alt-hint':
    'Що на фото чи відео — для тих, хто не бачить. Не називайте нікого, кому це може зашкодити.',
  'attachment.upload': 'Завантажити й очистити',
  'attachment.closed': 'Петицію закрито; додавати фото й відео більше не можна.',
  'attachment.list-heading': 'Файли петиції',
  'attachment.none': 'Фото й відео поки немає.',
  'attachment.status-draft': 'Не опубліковано',
  'attachment.status-published': 'Опубліковано',
  'attachment.status-removed': 'Видалено',
  'attachment.cleaned-note': 'Поки ви не опублікуєте цей очищений файл, його бачите лише ви.',
  'attachment.published-note':
    'Опубліковано: у відкритому журналі записано SHA-256 кожного файлу, тож будь-хто може перевірити завантажене.',
  'attachment.publish': 'Опублікувати',
  'attachment.publish-after-petition': 'Опублікувати його можна після публікації самої петиції.',
  'attachment.remove': 'Видалити',
  'attachment.field-reason': 'Чому видалити',
  'attachment.reason-choose': 'Оберіть причину',
  'attachment.reason-identifies-someone': 'За ним можна когось упізнати',
  'attachment.reason-wrong-file': 'Не той файл',
  'attachment.reason-other': 'Інша причина',
  'attachment.done-uploaded': 'Файл очищено. Перевірте його нижче, перш ніж публікувати.',
  'attachment.done-published': 'Опубліковано на сторінці петиції.',
  'attachment.done-removed': 'Видалено. Файл стерто з сайту.',
  'problem.too-many-attachments': 'У петиції вже {max, number} фото й відео; видаліть одне, щоб додати інше.',
};
export default messages;
