import { html, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';
import { languages, languageNames } from '../../i18n/i18n.ts';

/** PageOptions add to a page's frame: a description for link previews, scripts to load, and a wide main column. */
export interface PageOptions {
  description?: string;
  scripts?: string[];
  styles?: string[];
  wide?: boolean;
  noindex?: boolean;
  /** canonical is the page's own path, for link previews (Open Graph) and search engines; pages left out get none. */
  canonical?: string;
}

/** layout wraps a page's content in the site frame: header, language switch, footer. */
export function layout(ctx: ViewContext, title: string, content: Html, options: PageOptions = {}): Html {
  const t = ctx.t;
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('site.name')}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
${options.canonical ? preview(ctx, title, options.description, options.canonical) : ''}
<link rel="stylesheet" href="/assets/site.css">
${(options.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body>
<a class="skip" href="#main">${t('nav.skip')}</a>
<header class="site-header">
  <div class="bar">
    <a class="brand" href="/"><img src="/assets/icon.svg" alt="" width="28" height="28"><span>${t('site.name')}</span></a>
    <nav aria-label="${t('nav.language')}" class="languages">
      ${languages.map((l) =>
        l === ctx.lang
          ? html`<span aria-current="true" lang="${l}">${languageNames[l]}</span>`
          : html`<a href="${ctx.path}?lang=${l}" lang="${l}" hreflang="${l}">${languageNames[l]}</a>`,
      )}
    </nav>
  </div>
  ${
    ctx.account
      ? html`<div class="account-bar">
    <span>${t('nav.account', { name: ctx.account.displayName })}</span>
    <a href="/admin">${t('nav.admin')}</a>
    <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button class="link">${t('nav.logout')}</button></form>
  </div>`
      : ''
  }
</header>
<main id="main" class="${options.wide ? 'wide' : ''}">
${content}
</main>
<footer class="site-footer">
  <nav aria-label="${t('footer.nav-label')}"><p class="footer-links"><a href="/">${t('nav.petitions')}</a> · <a href="/events">${t('footer.events')}</a> · <a href="/about">${t('footer.about')}</a></p></nav>
  <p>${t('footer.safety')} <a href="/privacy">${t('footer.privacy')}</a></p>
  <p><a href="/record">${t('footer.source')}</a> · <a href="/api/openapi.json">${t('footer.api')}</a> · <a href="/login">${t('nav.organisers')}</a></p>
</footer>
</body>
</html>`;
}

/**
 * preview is what a messenger shows when the page's link is shared (Open Graph): its title, description and address.
 * No image: an image would be fetched by every messenger's servers, and a text preview says what matters.
 */
function preview(ctx: ViewContext, title: string, description: string | undefined, path: string): Html {
  const url = `${ctx.publicUrl}${path}`;
  return html`<link rel="canonical" href="${url}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${ctx.t('site.name')}">
<meta property="og:title" content="${title}">
${description ? html`<meta property="og:description" content="${description}">` : ''}
<meta property="og:url" content="${url}">
<meta property="og:locale" content="${ogLocales[ctx.lang]}">
<meta name="twitter:card" content="summary">`;
}

const ogLocales: Record<ViewContext['lang'], string> = { en: 'en_GB', ru: 'ru_RU', uk: 'uk_UA' };

/** fieldError renders the message for one field, linked to the input by id for screen readers. */
export function fieldError(id: string, message: string | undefined): Html | string {
  return message ? html`<p class="field-error" id="${id}-error">${message}</p>` : '';
}

/**
 * errorSummary lists every problem at the top of a form, each linking to its field. It only appears on a form sent
 * back with mistakes, so it takes the focus (`autofocus` works without JavaScript): a phone scrolls to it instead of
 * showing the top of the page, as if nothing had happened.
 */
export function errorSummary(ctx: ViewContext, errors: Record<string, string>): Html | string {
  const entries = Object.entries(errors);
  if (entries.length === 0) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus>
  <h2>${ctx.t('error.fields-heading')}</h2>
  <ul>${entries.map(([field, message]) => html`<li><a href="#${field}">${message}</a></li>`)}</ul>
</div>`;
}
