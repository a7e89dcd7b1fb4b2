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
  'attachment.section': 'Фото и видео',
  'attachment.download-video': 'Скачать видео',
  'attachment.page-title': 'Фото и видео: {title}',
  'attachment.manage-link': 'Фото и видео',
  'attachment.back': 'Назад к петиции',
  'attachment.warning-heading': 'Прежде чем публиковать фото или видео',
  'attachment.warning-removed':
    'Мы удаляем то, что файл сообщает о себе: где и когда он снят, каким телефоном или камерой и её серийный номер, имя владельца, скрытые уменьшенные копии. Ниже — очищенный файл, ровно такой, какой получат все.',
  'attachment.warning-visible':
    'То, что видно и слышно, мы удалить не можем. Лица, голоса, татуировки, форма, значки и нашивки, номера машин, таблички с улицами, окна и всё, что на фоне, могут выдать, кто эти люди и где они были. Внимательно посмотрите каждый файл; если он может навредить кому-то, не публикуйте его.',
  'attachment.upload-heading': 'Добавить фото или видео',
  'attachment.field-file': 'Фото или видео',
  'attachment.field-file-hint': 'Фото: JPEG, PNG, WebP или HEIC (с iPhone). Видео: MP4, MOV или WebM, до 10 минут.',
  'attachment.field-alt': 'Описание',
  'attachment.field-alt-hint':
    'Что на фото или видео — для тех, кто не видит. Не называйте никого, кому это может навредить.',
  'attachment.upload': 'Загрузить и очистить',
  'attachment.closed': 'Петиция закрыта; добавлять фото и видео больше нельзя.',
  'attachment.list-heading': 'Файлы петиции',
  'attachment.none': 'Фото и видео пока нет.',
  'attachment.status-draft': 'Не опубликовано',
  'attachment.status-published': 'Опубликовано',
  'attachment.status-removed': 'Удалено',
  'attachment.cleaned-note': 'Пока вы не опубликуете этот очищенный файл, его видите только вы.',
  'attachment.published-note':
    'Опубликовано: в открытом журнале записан SHA-256 каждого файла, так что любой может проверить скачанное.',
  'attachment.publish': 'Опубликовать',
  'attachment.publish-after-petition': 'Опубликовать его можно после публикации самой петиции.',
  'attachment.remove': 'Удалить',
  'attachment.field-reason': 'Почему удалить',
  'attachment.reason-choose': 'Выберите причину',
  'attachment.reason-identifies-someone': 'По нему можно кого-то узнать',
  'attachment.reason-wrong-file': 'Не тот файл',
  'attachment.reason-other': 'Другая причина',
  'attachment.done-uploaded': 'Файл очищен. Проверьте его ниже, прежде чем публиковать.',
  'attachment.done-published': 'Опубликовано на странице петиции.',
  'attachment.done-removed': 'Удалено. Файл стёрт с сайта.',
  'problem.too-many-attachments': 'У петиции уже {max, number} фото и видео; удалите одно, чтобы добавить другое.',
};
export default messages;
