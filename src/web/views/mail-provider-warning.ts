import { html, raw, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';

/**
 * providerNote names, before an address is typed, the mail services that must hand mail to the state (the signing
 * form, the notices settings). Its id is `email-providers`, for the address input's aria-describedby.
 */
export function providerNote(ctx: ViewContext): Html | string {
  return (ctx.unsafeMailDomains ?? []).length > 0
    ? html`<p class="hint provider-note" id="email-providers">${ctx.t('sign.email-providers')}</p>`
    : '';
}

/** ProviderWarning says what a warning about such a service tells, and whether it asks to keep the address anyway. */
export interface ProviderWarning {
  /** domain is the service the address is at, or null for a warning that waits hidden for petition.js to fill it. */
  domain: string | null;
  /** textKey is the message saying what that service would learn from our email, with `{domain}`. */
  textKey: string;
  /** anyway shows the `emailAnyway` box (a form sent back); a warning about an address already kept has none. */
  anyway: boolean;
  /** focus gives the warning the focus, for a form sent back because of it. */
  focus: boolean;
}

/**
 * providerWarning is the warning about an address at such a service: what the service would learn, safer services,
 * and, on a form, the choice to keep the address anyway. Shown by the server, or hidden until petition.js sees such
 * an address typed (the list of services is in the page: the check asks nothing of anyone).
 */
export function providerWarning(ctx: ViewContext, warning: ProviderWarning): Html {
  const t = ctx.t;
  const shown = warning.domain !== null;
  const attributes = shown ? (warning.focus ? raw('role="alert" tabindex="-1" autofocus') : '') : raw('hidden');
  return html`<div aria-live="polite">
      <div class="provider-warning" id="provider-warning" ${attributes} data-text="${t(warning.textKey, { domain: '{domain}' })}">
        <h3>${t('sign.provider-heading')}</h3>
        <p id="provider-warning-text" data-provider-text>${t(warning.textKey, { domain: warning.domain ?? '' })}</p>
        <p>${t('sign.provider-safer')}</p>
        ${
          warning.anyway
            ? html`<label class="check"><input type="checkbox" id="emailAnyway" name="emailAnyway" value="on"> <span>${t('sign.provider-anyway')}</span></label>
        <p class="small">${t('sign.provider-change')}</p>`
            : ''
        }
      </div>
    </div>`;
}
