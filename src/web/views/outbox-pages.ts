import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';

/** outboxPage lists the emails the site would have sent, for a setup without SMTP. */
export function outboxPage(ctx: ViewContext, names: string[]): Html {
  const t = ctx.t;
  return layout(ctx, t('admin.outbox'), html`
<h1>${t('admin.outbox')}</h1>
<p class="lead">${t('admin.outbox-lead')}</p>
${names.length === 0 ? html`<p class="muted">${t('admin.outbox-empty')}</p>` : html`<ul>${names.map((n) => html`<li><a href="/admin/outbox/${n}">${n}</a></li>`)}</ul>`}`, { noindex: true });
}

/** outboxMessagePage shows one email's source, with its links made clickable. */
export function outboxMessagePage(ctx: ViewContext, name: string, source: string): Html {
  const decoded = decodeQuotedPrintable(source);
  return layout(ctx, name, html`
<h1>${ctx.t('admin.outbox')}</h1>
<p><a href="/admin/outbox">${ctx.t('common.back')}</a></p>
<pre class="secret" data-email>${decoded}</pre>
<ul>${[...decoded.matchAll(/https?:\/\/\S+/g)].map((m) => html`<li><a href="${m[0]}" data-email-link>${m[0]}</a></li>`)}</ul>`, { noindex: true });
}

function decodeQuotedPrintable(source: string): string {
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(source)) return source;
  const [head, ...rest] = source.split('\n\n');
  const body = rest.join('\n\n').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '=' && /^[0-9A-F]{2}$/i.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(body[i], 'utf8'));
    }
  }
  return `${head}\n\n${Buffer.from(bytes).toString('utf8')}`;
}
