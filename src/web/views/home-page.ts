import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { numberFormat } from '../../i18n/formats.ts';
import type { CatalogueOrder, CataloguePage } from '../../domain/petition-catalogue.ts';
import { joinForm } from './event-join-page.ts';

/** HomeListing is the part of the list a visitor asked for: a tab, what they searched, and one page of it. */
export interface HomeListing {
  order: CatalogueOrder;
  query: string;
  page: CataloguePage;
}

/** homeHref is the address of a tab, search and page of the list, leaving out what is the default. */
export function homeHref(order: CatalogueOrder, query: string, page: number): string {
  const params = new URLSearchParams();
  if (order !== 'popular') params.set('order', order);
  if (query) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

/** homePage lists petitions (most signed, newest, or closed), with a search and pages of twenty. */
export function homePage(ctx: ViewContext, listing: HomeListing): Html {
  const t = ctx.t;
  const number = numberFormat(ctx.lang);
  const { order, query, page } = listing;
  const tab = (key: CatalogueOrder) =>
    key === order
      ? html`<span aria-current="page">${t(`home.tab-${key}`)}</span>`
      : html`<a href="${homeHref(key, query, 1)}">${t(`home.tab-${key}`)}</a>`;
  return layout(
    ctx,
    t('home.title'),
    html`
<h1>${t('home.heading')}</h1>
<p class="lead">${t('home.lead')}</p>
<p class="home-about"><a href="/about">${t('home.about-link')}</a></p>
<section class="card home-join" aria-labelledby="join-h">
  <h2 id="join-h">${t('event.home-join-heading')}</h2>
  ${joinForm(ctx, { code: '' }, 'join-code', false)}
  <p class="small join-note"><a href="/events">${t('home.events-link')}</a></p>
</section>
<form method="get" action="/" role="search" class="search-form">
  ${order !== 'popular' ? html`<input type="hidden" name="order" value="${order}">` : ''}
  <label for="q">${t('home.search-label')}</label>
  <div class="search-row">
    <input id="q" name="q" type="search" value="${query}" maxlength="200" autocomplete="off">
    <button type="submit">${t('home.search-button')}</button>
  </div>
</form>
<nav class="tabs" aria-label="${t('home.tabs-label')}">${tab('popular')}${tab('new')}${tab('closed')}</nav>
${
  query
    ? html`<p class="search-summary" role="status">${page.total === 0 ? t('home.search-none', { query }) : t('home.search-found', { count: page.total, query })}
  <a href="${homeHref(order, '', 1)}">${t('home.search-clear')}</a></p>`
    : ''
}
${page.petitions.length === 0 && !query ? html`<p class="muted">${page.page > 1 ? t('home.page-empty') : t('home.empty')}</p>` : ''}
${
  page.petitions.length === 0
    ? ''
    : html`<ul class="petition-list">
${page.petitions.map(
  (p) => html`<li>
  <h3><a href="/p/${p.publicId}" lang="${p.language}">${p.title}</a></h3>
  <p class="muted small" lang="${p.language}">${t('petition.to', { addressee: p.addressee })}</p>
  <p><strong>${number.format(p.signatures)}</strong> ${t('home.signatures-word', { count: p.signatures })}${p.goal ? html` <span class="muted">${t('home.of-goal', { goal: p.goal })}</span>` : ''}
  ${p.status === 'closed' ? html` <span class="badge closed">${t('petition.status-closed')}</span>` : ''}</p>
</li>`,
)}
</ul>`
}
${page.pages > 1 ? pager(ctx, listing) : ''}`,
    { description: t('site.tagline'), styles: ['/assets/event.css'], canonical: homeHref(order, '', page.page) },
  );
}

function pager(ctx: ViewContext, { order, query, page }: HomeListing): Html {
  const t = ctx.t;
  return html`<nav class="pager" aria-label="${t('home.pages-label')}">
  ${page.page > 1 ? html`<a href="${homeHref(order, query, page.page - 1)}" rel="prev">${t('home.previous')}</a>` : html`<span></span>`}
  <span>${t('home.page-of', { page: Math.min(page.page, page.pages), pages: page.pages })}</span>
  ${page.page < page.pages ? html`<a href="${homeHref(order, query, page.page + 1)}" rel="next">${t('home.next')}</a>` : html`<span></span>`}
</nav>`;
}
