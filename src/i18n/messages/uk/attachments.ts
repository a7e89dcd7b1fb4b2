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
};
export default messages;
