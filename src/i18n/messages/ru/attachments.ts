import type { Messages } from '../index.ts';

/** Сообщения о фото и видео петиции: почему файл не принят, форма организатора. */
const messages: Messages = {
  'problem.file-type-refused':
    'Такой файл мы не принимаем. Пришлите фото в JPEG, PNG, WebP или HEIC либо видео в MP4, MOV или WebM.',
  'problem.file-type-mismatch':
    'Файл назван как {claimed}, но на самом деле это {real}. Пришлите файл как есть, с его собственным именем.',
  'problem.file-too-large': 'Файл слишком большой: не больше {max, number} МБ.',
  'problem.image-too-many-pixels': 'Изображение слишком большое: не больше {max, number} млн пикселей.',
  'problem.file-damaged':
    'Файл не удалось прочитать. Возможно, он повреждён или загружен не полностью; попробуйте ещё раз.',
  'problem.video-unavailable': 'Сейчас сайт не может очищать видео, поэтому не принимает его. Фото принимаются.',
  'problem.video-too-slow': 'Очистка этого видео заняла слишком много времени. Попробуйте видео покороче.',
  'problem.video-too-long':
    'Видео слишком длинное: не больше {max, plural, one {# минуты} few {# минут} many {# минут} other {# минуты}}.',
};
export default messages;
