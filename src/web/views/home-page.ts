import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { numberFormat } from '../../i18n/formats.ts';
import type { PetitionRow } from '../../store/schema.ts';
import { joinForm } from './event-join-page.ts';

/** homePage lists open petitions (most signed or newest) and closed ones. */
export function homePage(ctx: ViewContext, items: { petition: PetitionRow; signatures: number }[], order: 'popular' | 'new' | 'closed'): Html {
  const t = ctx.t;
  const number = numberFormat(ctx.lang);
  let shown = items.filter((i) => (order === 'closed' ? i.petition.status === 'closed' : i.petition.status === 'open'));
  if (order === 'popular') shown = [...shown].sort((a, b) => b.signatures - a.signatures);
  const tab = (key: 'popular' | 'new' | 'closed', href: string) => key === order
    ? html`<span aria-current="page">${t(`home.tab-${key}`)}</span>` : html`<a href="${href}">${t(`home.tab-${key}`)}</a>`;
  return layout(ctx, t('home.title'), html`
<h1>${t('home.heading')}</h1>
<p class="lead">${t('home.lead')}</p>
<section class="card home-join" aria-labelledby="join-h">
  <h2 id="join-h">${t('event.home-join-heading')}</h2>
  ${joinForm(ctx, { code: '' }, 'join-code', false)}
</section>
<nav class="tabs" aria-label="${t('home.tabs-label')}">${tab('popular', '/')}${tab('new', '/?order=new')}${tab('closed', '/?order=closed')}</nav>
${shown.length === 0 ? html`<p class="muted">${t('home.empty')}</p>` : html`<ul class="petition-list">
${shown.map(({ petition: p, signatures }) => html`<li>
  <h3><a href="/p/${p.public_id}" lang="${p.language}">${p.title}</a></h3>
  <p class="muted small">${t('petition.to', { addressee: p.addressee })}</p>
  <p><strong>${number.format(signatures)}</strong> ${t('home.signatures-word', { count: signatures })}${p.goal ? html` <span class="muted">${t('home.of-goal', { goal: p.goal })}</span>` : ''}
  ${p.status === 'closed' ? html` <span class="badge closed">${t('petition.status-closed')}</span>` : ''}</p>
</li>`)}
</ul>`}`, { description: t('site.tagline'), styles: ['/assets/event.css'] });
}
