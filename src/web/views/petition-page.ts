import { attachmentsSection } from './attachments-section.ts';
import { html, paragraphs, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import { cumulativeChart, regionChart } from './charts.ts';
import type { ViewContext } from '../view-context.ts';
import type { PetitionView } from '../../read/petition-reader.ts';
import { regionName, regionsOf } from '../../domain/regions.ts';
import { mapText, regionMaps } from './region-map.ts';
import { numberFormat, pluralRules, shortDayFormat } from '../../i18n/formats.ts';
import type { RecordCoverage } from '../record-proofs.ts';
import { goalPercent } from '../../domain/goal-percent.ts';
import { shareBox } from './share-box.ts';
import { providerNote, providerWarning } from './mail-provider-warning.ts';
import { correctionNotice } from './petition-versions-page.ts';

/**
 * SignForm is what the signing form shows again after a mistake: the values and the problems, and the mail service
 * (`unsafeProvider`) to warn of when the address is at one that hands mail to the state.
 */
export interface SignForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  unsafeProvider?: string | null;
}

/** dayLabel formats days since the epoch as a short date in the page's language. */
export function dayLabel(ctx: ViewContext, day: number): string {
  return shortDayFormat(ctx.lang).format(new Date(day * 86_400_000));
}

/**
 * petitionPage renders a published petition: text, live count, progress, how much of it the public record's latest
 * checkpoint covers (`record`, null before the first checkpoint), charts, names, sharing and the form.
 */
export function petitionPage(
  ctx: ViewContext,
  view: PetitionView,
  qrSvg: string,
  form: SignForm = { values: {}, errors: {} },
  record: RecordCoverage | null = null,
): Html {
  const { petition: p } = view;
  const t = ctx.t;
  const number = numberFormat(ctx.lang);
  const url = `${ctx.publicUrl}/p/${p.publicId}`;
  const open = p.status === 'open';
  const regions = view.byRegion
    .filter((r) => r.region !== '')
    .map((r) => ({ name: regionName(r.region, ctx.lang), signatures: r.signatures }));
  const percent = p.goal ? goalPercent(view.signatures, p.goal) : null;
  const scripts = ['/assets/petition.js', '/assets/share.js'];
  const styles: string[] = ['/assets/signing.css'];
  if (view.attachments.length > 0) styles.push('/assets/attachments.css');
  if (open && ctx.proofOfWork) {
    scripts.push('/assets/altcha/altcha.js');
    styles.push('/assets/altcha/altcha.css');
  }
  return layout(
    ctx,
    p.title,
    html`
<div class="layout-two">
<article>
  <header class="petition-head">
    <p>${open ? html`<span class="badge">${t('petition.status-open')}</span>` : html`<span class="badge closed">${t('petition.status-closed')}</span>`}
      ${p.confirmation === 'none' ? html` <span class="badge closed">${t('petition.unconfirmed-badge')}</span>` : ''}</p>
    <h1 lang="${p.language}">${p.title}</h1>
    <p class="addressee">${t('petition.to', { addressee: p.addressee })}</p>
  </header>
  ${correctionNotice(ctx, p, view.versions)}
  <div class="petition-text" lang="${p.language}">${paragraphs(p.body)}</div>
  ${attachmentsSection(ctx, view.attachments)}
  ${p.response ? html`<section class="card response" aria-labelledby="response-h"><h2 id="response-h">${t('petition.response-heading')}</h2>${paragraphs(p.response)}</section>` : ''}
</article>
<aside class="aside">
  <section class="count-box" aria-labelledby="count-h">
    <h2 id="count-h" class="visually-plain">${t('petition.count-heading')}</h2>
    <p class="count-number" data-live-count="${p.publicId}">${number.format(view.signatures)}</p>
    <p class="muted" data-live-words="${JSON.stringify(pluralForms(ctx, 'petition.count-words'))}">${t('petition.count-words', { count: view.signatures })}</p>
    ${view.paper > 0 ? html`<p class="small muted" id="count-paper">${t('paper.count-including', { paper: view.paper, online: view.online })}</p>` : ''}
    ${
      p.goal
        ? html`<progress class="goal" max="${p.goal}" value="${Math.min(view.signatures, p.goal)}" aria-label="${t('petition.goal', { goal: p.goal })}" data-live-progress>${numberFormat(ctx.lang).format(percent ?? 0)}%</progress>
      <p class="small muted" data-live-goal="${JSON.stringify(around(ctx, 'petition.goal-progress', { goal: p.goal }, 'percent'))}">${t('petition.goal-progress', { goal: p.goal, percent: percent ?? 0 })}</p>`
        : ''
    }
    ${open && p.deadline ? html`<p class="small muted">${t('petition.deadline', { date: new Date(p.deadline) })}</p>` : ''}
    ${!open && p.closedAt ? html`<p class="small muted">${t('petition.closed-on', { date: new Date(p.closedAt) })}</p>` : ''}
  </section>
  ${record ? recordCoverage(ctx, p.publicId, record) : ''}
  ${open ? signForm(ctx, view, form) : html`<p class="notice">${t('petition.not-open')}</p>`}
  ${
    view.recentNames.length > 0
      ? html`<section class="card" aria-labelledby="names-h"><h2 id="names-h">${t('petition.recent-names')}</h2>
    <ul class="names">${view.recentNames.map((n) => html`<li>${n.name}${n.region ? html` <span class="muted small">· ${regionName(n.region, ctx.lang)}</span>` : ''}</li>`)}</ul></section>`
      : ''
  }
  ${shareBox(ctx, { url, title: p.title, qr: qrSvg })}
</aside>
<div class="details">
  ${
    view.byDay.length > 0
      ? html`<section aria-labelledby="over-time-h"><h2 id="over-time-h">${t('petition.over-time')}</h2>
    ${cumulativeChart(view.byDay, { title: t('petition.over-time'), formatDay: (d) => dayLabel(ctx, d), formatNumber: (n) => number.format(n) })}</section>`
      : ''
  }
  ${
    regions.length > 0
      ? html`<section aria-labelledby="regions-h"><h2 id="regions-h">${t('petition.by-region')}</h2>
    <div class="region-views"><div class="region-views-inner">${regionMaps(p.regionCountries, new Map(view.byRegion.map((r) => [r.region, r.signatures])), mapText(ctx))}
    <div>${regionChart(regions, { title: t('petition.by-region'), formatNumber: (n) => number.format(n), more: (count) => t('petition.regions-more', { count }) })}</div></div></div></section>`
      : ''
  }
  ${
    view.invalidations.length > 0
      ? html`<section aria-labelledby="inv-h"><h2 id="inv-h">${t('petition.invalidations-heading')}</h2>
    <ul>${view.invalidations.map((i) => html`<li>${t('petition.invalidation-line', { count: i.signatures, reason: t(`reason.${i.reason}`), date: new Date(i.createdAt) })}</li>`)}</ul></section>`
      : ''
  }
  <p class="small muted"><a href="/api/petitions/${p.publicId}">${t('petition.json-link')}</a></p>
</div>
</div>`,
    { description: previewText(p.body), scripts, styles, wide: true, canonical: `/p/${p.publicId}` },
  );
}

/** previewText is the start of a petition's text, for a shared link's preview: whole words, about two lines. */
function previewText(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= 200) return flat;
  const cut = flat.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 150))}…`;
}

/**
 * recordCoverage says how many of the signatures the latest signed checkpoint covers, and links to the audit page.
 * The numbers are those of one snapshot and stay as the page was made, so they sit outside the count's box, which
 * petition.js keeps live; each sentence speaks of the checkpoint, and stays true as the live count moves on.
 */
function recordCoverage(ctx: ViewContext, petition: string, record: RecordCoverage): Html {
  const t = ctx.t;
  const size = record.checkpoint.size;
  const text =
    record.now === 0 && record.signatures === 0
      ? t('record.coverage-empty', { size })
      : // Withdrawals and removals not yet sequenced leave the checkpoint's count above the public one for a moment.
        record.signatures > record.now
        ? t('record.coverage-ahead', { size, covered: record.signatures })
        : t('record.coverage', { size, covered: record.signatures, total: record.now });
  return html`<p class="small record-coverage">${text} <a href="/p/${petition}/audit">${t('record.audit-link')}</a></p>`;
}

function signForm(ctx: ViewContext, view: PetitionView, form: SignForm): Html {
  const t = ctx.t;
  const p = view.petition;
  const countries = p.regionCountries;
  const v = form.values;
  const e = form.errors;
  const described = (field: string) => (e[field] ? `${field}-error` : undefined);
  return html`<section class="card" aria-labelledby="sign-h" id="sign">
  <h2 id="sign-h">${t('sign.heading')}</h2>
  ${errorSummary(ctx, namedSignErrors(ctx, e))}
  <form method="post" action="/p/${p.publicId}/sign" novalidate data-sign-form>
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <div class="${e.name ? 'has-error' : ''}">
      <label for="name">${t('sign.name')} ${p.nameRule === 'optional' ? html`<span class="hint">${t('common.optional')}</span>` : ''}</label>
      <input id="name" name="name" type="text" maxlength="100" autocomplete="name" value="${v.name ?? ''}" ${p.nameRule === 'required' ? 'required' : ''} aria-describedby="${described('name')}">
      ${fieldError('name', e.name)}
    </div>
    ${p.confirmation === 'email' ? emailField(ctx, form) : ''}
    ${
      p.regionRule !== 'none'
        ? html`<div class="${e.region ? 'has-error' : ''}">
      <label for="region">${t('sign.region')} ${p.regionRule === 'optional' ? html`<span class="hint">${t('common.optional')}</span>` : ''}</label>
      <select id="region" name="region" aria-describedby="${described('region')}">
        <option value="">${t('sign.region-choose')}</option>
        ${regionsOf(countries, ctx.lang).map((r) => html`<option value="${r.code}" ${v.region === r.code ? 'selected' : ''}>${r.name}</option>`)}
      </select>
      ${fieldError('region', e.region)}
    </div>`
        : ''
    }
    ${p.namesPublic === 'signer' ? html`<label class="check"><input type="checkbox" name="showName" value="on" ${v.showName ? 'checked' : ''}> <span>${t('sign.show-name')}</span></label>` : ''}
    ${ctx.proofOfWork ? html`<altcha-widget challengeurl="/api/pow/challenge" name="altcha" auto="onfocus" hidefooter hidelogo strings="${JSON.stringify(altchaStrings(ctx))}"></altcha-widget>${fieldError('altcha', e.altcha)}` : ''}
    <button type="submit">${t('sign.submit')}</button>
    <p class="small muted">${p.confirmation === 'email' ? t('sign.privacy-email') : t('sign.privacy-none')}</p>
  </form>
</section>`;
}

/**
 * emailField is the address input, with a note before it naming the mail services that hand mail to the state, and
 * the warning about them: hidden until petition.js sees such an address typed, or shown by the server (with the
 * focus on it) when one was sent, with the choice to keep the address anyway. The list of services is in the page,
 * so the check asks nothing of anyone.
 */
function emailField(ctx: ViewContext, form: SignForm): Html {
  const t = ctx.t;
  const e = form.errors;
  const domains = ctx.unsafeMailDomains ?? [];
  const warned = Boolean(form.unsafeProvider);
  const describedBy = [
    domains.length > 0 ? 'email-providers' : '',
    e.email ? 'email-error' : '',
    warned ? 'provider-warning-text' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return html`<div class="${e.email ? 'has-error' : ''}">
      <label for="email">${t('sign.email')} <span class="hint">${t('sign.email-hint')}</span></label>
      ${providerNote(ctx)}
      <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="${form.values.email ?? ''}" required aria-describedby="${describedBy || undefined}" data-unsafe-domains="${domains.length > 0 ? JSON.stringify(domains) : undefined}">
      ${fieldError('email', e.email)}
    </div>
    ${
      domains.length > 0 || warned
        ? providerWarning(ctx, {
            domain: form.unsafeProvider || null,
            textKey: 'sign.provider-text',
            anyway: true,
            focus: true,
          })
        : ''
    }`;
}

const signFieldLabels: Record<string, string> = {
  name: 'sign.name',
  email: 'sign.email',
  emailAnyway: 'sign.email',
  region: 'sign.region',
  showName: 'sign.show-name',
  altcha: 'pow.label',
};

/** namedSignErrors puts each field's label before its message, so the summary says which field ("Your name: …"). */
function namedSignErrors(ctx: ViewContext, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const key = signFieldLabels[field];
      return [field, key ? `${ctx.t(key)}: ${message}` : message];
    }),
  );
}

function altchaStrings(ctx: ViewContext): Record<string, string> {
  const t = ctx.t;
  return {
    label: t('pow.label'),
    verifying: t('pow.verifying'),
    verified: t('pow.verified'),
    error: t('pow.error'),
    expired: t('pow.expired'),
    waitAlert: t('pow.verifying'),
    verificationRequired: t('pow.required'),
    ariaLinkLabel: 'ALTCHA',
    footer: '',
  };
}

/** pluralForms gives a count message in each plural category of the language, for the live count to pick from. */
function pluralForms(ctx: ViewContext, key: string): Record<string, string> {
  const samples: Record<string, number> = { zero: 0, one: 1, two: 2, few: 3, many: 5, other: 1.5 };
  const rules = pluralRules(ctx.lang);
  const forms: Record<string, string> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    const sample = [samples[category], 1, 2, 3, 5, 11, 21, 0, 1.5].find(
      (n) => n !== undefined && rules.select(n) === category,
    );
    if (sample !== undefined) forms[category] = ctx.t(key, { count: sample });
  }
  return forms;
}

/** around splits a message at one numeric argument, so the live count can put a new number between the halves. */
function around(ctx: ViewContext, key: string, params: Record<string, number>, argument: string): [string, string] {
  const sentinel = 987_654;
  const text = ctx.t(key, { ...params, [argument]: sentinel });
  const formatted = numberFormat(ctx.lang).format(sentinel);
  const at = text.indexOf(formatted);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + formatted.length)];
}
