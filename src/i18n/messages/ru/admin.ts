import type { Messages } from '../index.ts';

/** The Russian messages of the organisers' and admins' pages. */
const messages: Messages = {
  'account.setup-title': 'Настройка Вече',
  'account.setup-lead':
    'Создайте первую учётную запись администратора. Администратор приглашает организаторов и модераторов.',
  'account.join-title': 'Приглашение: {role}',
  'account.join-lead': 'Вас пригласили в Вече. Ваша роль: {role}. Выберите логин и пароль.',
  'account.login': 'Логин',
  'account.login-hint': 'Строчные латинские буквы, цифры, точки и дефисы. Не используйте адрес почты.',
  'account.displayName': 'Имя, которое увидят другие организаторы',
  'account.displayName-hint': 'Можно псевдоним.',
  'account.password': 'Пароль',
  'account.password-hint': 'Не меньше 10 символов. Лучше всего — длинная фраза.',
  'account.passwordAgain': 'Пароль ещё раз',
  'account.currentPassword': 'Текущий пароль',
  'account.newPassword': 'Новый пароль',
  'account.newPasswordAgain': 'Новый пароль ещё раз',
  'account.create': 'Создать учётную запись',
  'account.login-title': 'Вход',
  'account.login-lead':
    'Для организаторов, модераторов и администраторов. Чтобы подписать петицию, учётная запись не нужна.',
  'account.login-button': 'Войти',
  'account.password-title': 'Смена пароля',
  'account.password-button': 'Сменить пароль',
  'account.password-changed': 'Пароль изменён. Все ваши остальные сеансы завершены.',
  'role.admin': 'администратор',
  'role.organiser': 'организатор',
  'role.moderator': 'модератор',
  'admin.title': 'Кабинет',
  'admin.new-petition': 'Написать новую петицию',
  'admin.petitions': 'Петиции',
  'admin.no-petitions': 'Петиций пока нет.',
  'admin.petition-draft': 'Черновик: его видите только вы и администраторы.',
  'admin.col-role': 'Роль',
  'admin.people': 'Команда',
  'admin.invite-role': 'Кого пригласить',
  'admin.invite-button': 'Создать ссылку-приглашение',
  'admin.outbox': 'Исходящие письма',
  'admin.outbox-lead': 'Почтовый сервер не настроен (SMTP_URL), поэтому письма не отправляются, а хранятся здесь.',
  'admin.outbox-empty': 'Писем пока нет.',
};
export default messages;
