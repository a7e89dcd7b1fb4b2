import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { csrfField, dateTime, doneNotice } from './account-form.ts';
import type { OwnSession } from '../../read/list-own-sessions.ts';

/** browserName turns a stored `Browser|System` name into words, or says the browser is unknown. */
export function browserName(ctx: ViewContext, stored: string | null): string {
  const [browser, system] = (stored ?? '|').split('|');
  if (browser && system) return ctx.t('sessions.browser-on', { browser, system });
  return browser || system || ctx.t('sessions.unknown-browser');
}

/** sessionsPage lists where the person is logged in, with a way to log out of each, of the others, or of all. */
export function sessionsPage(ctx: ViewContext, sessions: OwnSession[], done?: string): Html {
  const t = ctx.t;
  const others = sessions.filter((s) => !s.current).length;
  return layout(
    ctx,
    t('sessions.title'),
    html`
${doneNotice(done)}
<h1>${t('sessions.title')}</h1>
<p class="lead">${t('sessions.lead')}</p>
<p class="muted small">${t('sessions.caption')}</p>
<ul class="card-list">${sessions.map(
      (s) => html`<li>
  <h2>${browserName(ctx, s.browser)}${s.current ? html` <span class="badge">${t('sessions.this-one')}</span>` : ''}</h2>
  <dl class="facts">
    <dt>${t('sessions.col-started')}</dt><dd>${dateTime(ctx, s.startedAt)}</dd>
    <dt>${t('sessions.col-used')}</dt><dd>${dateTime(ctx, s.lastUsedAt)}</dd>
  </dl>
  <form method="post" action="/admin/sessions/${s.id}/end">${csrfField(ctx)}<button type="submit" class="secondary small-button">${t(s.current ? 'sessions.end-this' : 'sessions.end-one')}</button></form>
</li>`,
    )}</ul>
<div class="actions">
  ${others > 0 ? html`<form method="post" action="/admin/sessions/end-others">${csrfField(ctx)}<button type="submit" class="secondary">${t('sessions.end-others', { count: others })}</button></form>` : ''}
  <form method="post" action="/admin/sessions/end-all">${csrfField(ctx)}<button type="submit" class="danger">${t('sessions.end-all')}</button></form>
</div>
<p class="muted small">${t('sessions.no-addresses')}</p>
<p><a href="/admin">${t('security.back-to-dashboard')}</a></p>`,
    { noindex: true, styles: ['/assets/account.css'] },
  );
}
