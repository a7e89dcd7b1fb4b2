import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMail } from './render-mail.ts';
import { noticeParams, type NoticeContent } from './render-notice.ts';
import { sealText } from '../crypto/email-cipher.ts';

const site = 'https://veche.example';
const token = 'A'.repeat(43);
const summary: NoticeContent = {
  template: 'daily-summary',
  petitions: [
    {
      title: 'Верните наших мужей домой',
      language: 'ru',
      path: '/admin/petitions/p7Kx2',
      total: 1234,
      added: 21,
      goal: 100_000,
    },
    {
      title: 'Прозорий звіт про витрати',
      language: 'uk',
      path: '/admin/petitions/p9Qw3',
      total: 5,
      added: -1,
      goal: null,
    },
  ],
};
const render = (content: NoticeContent, language: string) =>
  renderMail(content.template, language, noticeParams(content, token), site);

test('the daily summary in three languages: a neutral subject, a greeting first, counts and progress, the links', () => {
  const expected = {
    en: {
      subject: 'Your daily summary from Veche',
      hello: 'Hello,',
      count: '+21 since the last summary, 1,234 signatures in all; goal 100,000: 1.2% reached',
      fewer: '-1 since the last summary, 5 signatures in all',
    },
    ru: {
      subject: 'Ваша ежедневная сводка от сайта «Вече»',
      hello: 'Здравствуйте!',
      count: '+21 с прошлой сводки, всего 1\u00a0234 подписи; цель 100\u00a0000: выполнено 1,2%',
      fewer: '-1 с прошлой сводки, всего 5 подписей',
    },
    uk: {
      subject: 'Ваш щоденний підсумок від сайту «Віче»',
      hello: 'Вітаємо!',
      count: '+21 від минулого підсумку, усього 1\u00a0234 підписи; мета 100\u00a0000: виконано 1,2%',
      fewer: '-1 від минулого підсумку, усього 5 підписів',
    },
  };
  for (const [language, want] of Object.entries(expected)) {
    const mail = render(summary, language);
    assert.equal(mail.subject, want.subject, language);
    assert.ok(mail.text.startsWith(want.hello), `${language}: the preview line is a greeting, not a petition`);
    assert.ok(mail.text.includes(`Верните наших мужей домой\n  ${want.count}\n`), `${language}: ${mail.text}`);
    assert.ok(
      mail.text.includes(want.fewer.replace('-', '\u2212')) || mail.text.includes(want.fewer),
      `${language}: ${mail.text}`,
    );
    assert.ok(mail.text.includes(`${site}/admin/petitions/p7Kx2`));
    assert.ok(mail.text.includes(`${site}/unsubscribe/${token}\n`), `${language}: the unsubscribe link`);
    assert.ok(mail.text.includes(`${site}/admin/notifications`), `${language}: the settings page`);
  }
});

test('a goal reached and questions waiting name no petition or event in the subject, in any language', () => {
  const goal: NoticeContent = {
    template: 'goal-reached',
    petition: {
      title: 'Rotation home',
      language: 'en',
      path: '/admin/petitions/p1',
      total: 5003,
      added: 0,
      goal: 5000,
    },
  };
  const questions: NoticeContent = {
    template: 'questions-waiting',
    events: [{ title: 'Town hall in Belgorod', language: 'ru', path: '/moderate/ABC123', waiting: 3 }],
  };
  const subjects = {
    en: ['A petition of yours reached its goal', 'Questions are waiting for moderation'],
    ru: ['Ваша петиция набрала нужное число подписей', 'Вопросы ждут проверки'],
    uk: ['Ваша петиція зібрала потрібну кількість підписів', 'Запитання чекають перевірки'],
  };
  for (const [language, [goalSubject, questionsSubject]] of Object.entries(subjects)) {
    const a = render(goal, language);
    const b = render(questions, language);
    assert.equal(a.subject, goalSubject);
    assert.equal(b.subject, questionsSubject);
    assert.match(a.text, /Rotation home/);
    assert.match(b.text, /Town hall in Belgorod\n {2}.*3/);
    assert.match(b.text, /https:\/\/veche\.example\/moderate\/ABC123/);
  }
  assert.match(render(goal, 'ru').text, /набрала 5\u00a0000 подписей .* сейчас засчитаны 5\u00a0003 подписи/);
});

test('the queue keeps a notice sealed like every other email: neither titles nor counts are readable without the key', () => {
  const key = Buffer.alloc(32, 7);
  const sealed = sealText(key, JSON.stringify(noticeParams(summary, token)));
  assert.ok(!sealed.includes('Верните') && !sealed.includes('1234'));
});
