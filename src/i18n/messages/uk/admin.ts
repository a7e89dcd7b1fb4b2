import type { Messages } from '../index.ts';

/** The Ukrainian messages of the organisers' and admins' pages. */
const messages: Messages = {
  'account.setup-title': 'Налаштування Віче',
  'account.setup-lead':
    'Створіть перший обліковий запис адміністратора. Адміністратор запрошує організаторів і модераторів.',
  'account.join-title': 'Запрошення: {role}',
  'account.join-lead': 'Вас запросили до Віче. Ваша роль: {role}. Виберіть логін і пароль.',
  'account.login': 'Логін',
  'account.login-hint': 'Малі латинські літери, цифри, крапки й дефіси. Не використовуйте адресу пошти.',
  'account.displayName': 'Ім’я, яке бачитимуть інші організатори',
  'account.displayName-hint': 'Можна псевдонім.',
  'account.password': 'Пароль',
  'account.password-hint': 'Щонайменше 10 символів. Найкраще — довга фраза.',
  'account.passwordAgain': 'Пароль ще раз',
  'account.currentPassword': 'Поточний пароль',
  'account.newPassword': 'Новий пароль',
  'account.newPasswordAgain': 'Новий пароль ще раз',
  'account.create': 'Створити обліковий запис',
  'account.login-title': 'Вхід',
  'account.login-lead':
    'Для організаторів, модераторів і адміністраторів. Щоб підписати петицію, обліковий запис не потрібен.',
  'account.login-button': 'Увійти',
  'account.password-title': 'Зміна пароля',
  'account.password-button': 'Змінити пароль',
  'account.password-changed': 'Пароль змінено. Усі ваші інші сеанси завершено.',
  'role.admin': 'адміністратор',
  'role.organiser': 'організатор',
  'role.moderator': 'модератор',
  'admin.title': 'Кабінет',
  'admin.new-petition': 'Написати нову петицію',
  'admin.petitions': 'Петиції',
  'admin.no-petitions': 'Петицій поки немає.',
  'admin.petition-draft': 'Чернетка: її бачите лише ви та адміністратори.',
  'admin.col-role': 'Роль',
  'admin.people': 'Команда',
  'admin.invite-role': 'Кого запросити',
  'admin.invite-button': 'Створити посилання-запрошення',
  'admin.outbox': 'Вихідні листи',
  'admin.outbox-lead': 'Поштовий сервер не налаштовано (SMTP_URL), тому листи не надсилаються, а зберігаються тут.',
  'admin.outbox-empty': 'Листів поки немає.',
};
export default messages;
