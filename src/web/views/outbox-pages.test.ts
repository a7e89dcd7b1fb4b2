import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { decodeEmail } from './outbox-pages.ts';

test('an outbox email reads as its recipient would read it, in Russian and Ukrainian too (base64) and in English (quoted-printable)', async () => {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  for (const [subject, text] of [
    [
      'Подтвердите подпись',
      `Здравствуйте!\n\n${'Кто-то хочет поставить подпись. '.repeat(8)}\nСсылка: http://localhost:3000/confirm/abc-DEF_123\n\n— Вече`,
    ],
    [
      'Confirm your signature',
      `Hello,\n\n${'a long line '.repeat(10)}\nhttp://localhost:3000/confirm/abc-DEF_123\n\n— Veche`,
    ],
  ]) {
    const info = await transport.sendMail({
      from: 'Veche <no-reply@localhost>',
      to: 'anna@example.org',
      subject,
      text,
    });
    const source = (info as unknown as { message: Buffer }).message.toString('utf8');
    assert.match(
      source,
      subject.startsWith('П') ? /Content-Transfer-Encoding: base64/ : /Content-Transfer-Encoding: quoted-printable/,
    );
    const decoded = decodeEmail(source);
    assert.match(decoded, new RegExp(`^Subject: ${subject}$`, 'm'));
    assert.ok(decoded.includes('http://localhost:3000/confirm/abc-DEF_123\n'), decoded);
    assert.ok(decoded.trimEnd().endsWith(text), decoded);
  }
});
