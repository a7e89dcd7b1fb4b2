import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { outboxKeeps, type OutboxFile } from '../../mail/outbox.ts';

/**
 * outboxPage lists the emails the site would have sent, for a setup without SMTP, and says plainly that it stands in
 * for a mail server and how long it keeps each email (and the address in it).
 */
export function outboxPage(ctx: ViewContext, files: OutboxFile[]): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('admin.outbox'),
    html`
<h1>${t('admin.outbox')}</h1>
<p class="lead">${t('outbox.stand-in')}</p>
<div class="notice"><p>${t('outbox.keeps', { hours: outboxKeeps.note / 3600_000, days: outboxKeeps.link / 86_400_000 })}</p></div>
${
  files.length === 0
    ? html`<p class="muted">${t('admin.outbox-empty')}</p>`
    : html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t('outbox.written')}</th><th scope="col">${t('outbox.kind')}</th><th scope="col">${t('outbox.deleted-by')}</th></tr></thead>
  <tbody>${files.map(
    (f) => html`<tr>
    <td><a href="/admin/outbox/${f.name}">${t('common.datetime', { date: new Date(f.writtenAt) })}</a></td>
    <td>${t(`outbox.kind-${f.kind}`)}</td>
    <td>${t('common.datetime', { date: new Date(f.writtenAt + outboxKeeps[f.kind]) })}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}`,
    { noindex: true },
  );
}

/** outboxMessagePage shows one email as its recipient would read it (headers decoded, body decoded), links made clickable. */
export function outboxMessagePage(ctx: ViewContext, name: string, source: string): Html {
  const decoded = decodeEmail(source);
  return layout(
    ctx,
    name,
    html`
<h1>${ctx.t('admin.outbox')}</h1>
<p><a href="/admin/outbox">${ctx.t('common.back')}</a></p>
<pre class="secret" data-email>${decoded}</pre>
<ul>${[...decoded.matchAll(/https?:\/\/\S+/g)].map((m) => html`<li><a href="${m[0]}" data-email-link>${m[0]}</a></li>`)}</ul>`,
    { noindex: true },
  );
}

/**
 * decodeEmail turns an .eml file as nodemailer writes it into readable text: the headers unfolded with their encoded
 * words (RFC 2047) decoded, and the body undone from quoted-printable or base64 (RFC 2045), which nodemailer picks
 * for a mostly Cyrillic text.
 */
export function decodeEmail(source: string): string {
  const normalised = source.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  if (split === -1) return normalised;
  const head = normalised.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = normalised.slice(split + 2);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1].toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return `${decodeWords(head)}\n\n${text}`;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[\w-]+\?([QqBb])\?([^?]*)\?=/g, (_all, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
