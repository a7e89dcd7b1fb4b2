import { html, type Html } from './html.ts';
import { layout, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';

/** JoinForm is the join form's typed code and, after a wrong one, what was wrong. */
export interface JoinForm {
  code: string;
  error?: string;
}

/**
 * joinForm asks for an event's join code. It is a GET form: the answer is a link to the event, it needs no form token,
 * and it works without JavaScript. The field is large and upper-cases as it is typed on a phone.
 */
export function joinForm(ctx: ViewContext, form: JoinForm, id = 'code', large = true): Html {
  const t = ctx.t;
  return html`<form method="get" action="/e" class="join-form${large ? ' large' : ''}">
  <div class="${form.error ? 'has-error' : ''}">
    <label for="${id}">${t('event.join-label')} <span class="hint">${t('event.join-hint')}</span></label>
    <div class="join-row">
      <input id="${id}" name="code" type="text" class="code-input" inputmode="text" autocapitalize="characters" autocomplete="off"
        autocorrect="off" spellcheck="false" maxlength="20" value="${form.code}" required aria-describedby="${form.error ? `${id}-error` : undefined}">
      <button type="submit">${t('event.join-submit')}</button>
    </div>
    ${fieldError(id, form.error)}
  </div>
</form>`;
}

/** joinPage is /e: type an event's code to join it. */
export function joinPage(ctx: ViewContext, form: JoinForm): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('event.join-title'),
    html`
<h1>${t('event.join-heading')}</h1>
<p class="lead">${t('event.join-lead')}</p>
<section class="card">${joinForm(ctx, form)}</section>
<p class="small muted">${t('event.join-privacy')}</p>`,
    { styles: ['/assets/event.css'] },
  );
}
