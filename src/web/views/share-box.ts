import { html, raw, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';

/** ShareOptions say what is shared and how the box is headed: on a petition's page, or after signing it. */
export interface ShareOptions {
  url: string;
  title: string;
  /** qr is the link's QR code as SVG made by our own code, shown on the petition's page. */
  qr?: string;
  /** afterSigning heads the box as a request to ask others, as the receipt's first visit shows it. */
  afterSigning?: boolean;
}

/**
 * shareBox offers the petition's link to pass on: the link itself, and with JavaScript a copy button and the phone's
 * own share sheet; plain links to Telegram, WhatsApp and email that load nothing until pressed. VK is left out on
 * purpose: it hands its users' data to the Russian state. A line says what sharing shows about the one who shares.
 */
export function shareBox(ctx: ViewContext, options: ShareOptions): Html {
  const t = ctx.t;
  const { url, title } = options;
  const text = `${title}\n${url}`;
  const headingId = options.afterSigning ? 'share-after-h' : 'share-h';
  const links = [
    {
      name: t('share.telegram'),
      href: `https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(title)}`,
    },
    { name: t('share.whatsapp'), href: `https://wa.me/?text=${encodeURIComponent(text)}` },
    { name: t('share.email'), href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(text)}` },
  ];
  return html`<section class="card share-box" aria-labelledby="${headingId}" data-share data-share-title="${title}" data-share-url="${url}">
  <h2 id="${headingId}">${options.afterSigning ? t('share.after-signing-heading') : t('share.heading')}</h2>
  ${options.afterSigning ? html`<p>${t('share.after-signing-lead')}</p>` : ''}
  <div class="${options.qr ? 'share' : ''}">${options.qr ? raw(options.qr) : ''}<div>
    <label for="${headingId}-url" class="small">${t('share.link')}</label>
    <input id="${headingId}-url" type="text" readonly value="${url}" data-share-input>
  </div></div>
  <div class="share-actions">
    <button type="button" class="secondary" data-share-copy data-copied="${t('share.copied')}" hidden>${t('share.copy')}</button>
    <button type="button" class="secondary" data-share-native hidden>${t('share.native')}</button>
    <span class="small" aria-live="polite" data-share-status></span>
  </div>
  <p class="share-links small">${links.map((l, i) => html`${i > 0 ? ' · ' : ''}<a href="${l.href}" rel="noopener noreferrer" target="_blank">${l.name}</a>`)}</p>
  <p class="small muted">${t('share.caution')}</p>
</section>`;
}
