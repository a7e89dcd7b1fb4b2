import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultUnsafeMailDomains, readMailDomains, unsafeProviderOf } from './mail-providers.ts';
import { readConfig } from '../config.ts';

test('an address at a listed mail service, or at one of its subdomains, names the service; any other does not', () => {
  const list = defaultUnsafeMailDomains;
  assert.equal(unsafeProviderOf('anna@mail.ru', list), 'mail.ru');
  assert.equal(unsafeProviderOf('Anna@BK.RU', list), 'bk.ru');
  assert.equal(unsafeProviderOf('anna@corp.mail.ru', list), 'mail.ru');
  assert.equal(unsafeProviderOf('anna@ya.ru.', list), 'ya.ru');
  for (const address of [
    'anna@gmail.com',
    'anna@proton.me',
    'anna@mail.ru.example.org',
    'anna@notmail.ru',
    'anna@myandex.ru',
    'mail.ru@example.org',
  ]) {
    assert.equal(unsafeProviderOf(address, list), null, address);
  }
  assert.equal(unsafeProviderOf('anna@mail.ru', []), null, 'an empty list warns of nothing');
});

test('the default list covers Mail.ru, Yandex and Rambler, each domain once', () => {
  for (const domain of [
    'mail.ru',
    'bk.ru',
    'inbox.ru',
    'list.ru',
    'internet.ru',
    'xmail.ru',
    'yandex.ru',
    'ya.ru',
    'yandex.com',
    'yandex.by',
    'yandex.kz',
    'narod.ru',
    'rambler.ru',
    'lenta.ru',
    'autorambler.ru',
    'myrambler.ru',
    'ro.ru',
    'rambler.ua',
  ]) {
    assert.ok(defaultUnsafeMailDomains.includes(domain), domain);
  }
  assert.equal(new Set(defaultUnsafeMailDomains).size, defaultUnsafeMailDomains.length);
});

test('VECHE_UNSAFE_MAIL_DOMAINS replaces the list, extends it with "default", empties it, or fails naming the bad entry', () => {
  assert.deepEqual(readConfig({}).unsafeMailDomains, [...defaultUnsafeMailDomains]);
  assert.deepEqual(readConfig({ VECHE_UNSAFE_MAIL_DOMAINS: ' Example.ORG , mail.example.net,' }).unsafeMailDomains, [
    'example.org',
    'mail.example.net',
  ]);
  assert.deepEqual(readConfig({ VECHE_UNSAFE_MAIL_DOMAINS: 'default,gmx.example' }).unsafeMailDomains, [
    ...defaultUnsafeMailDomains,
    'gmx.example',
  ]);
  assert.deepEqual(readConfig({ VECHE_UNSAFE_MAIL_DOMAINS: '' }).unsafeMailDomains, []);
  assert.deepEqual(readMailDomains('mail.ru,MAIL.RU'), ['mail.ru']);
  assert.throws(
    () => readConfig({ VECHE_UNSAFE_MAIL_DOMAINS: 'mail.ru, not a domain' }),
    /VECHE_UNSAFE_MAIL_DOMAINS: "not a domain" is not a mail domain/,
  );
  assert.throws(() => readConfig({ VECHE_UNSAFE_MAIL_DOMAINS: '@mail.ru' }), /"@mail\.ru"/);
});
