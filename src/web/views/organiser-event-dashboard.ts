import { html, raw, paragraphs, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { namedEventErrors } from './organiser-event-form.ts';
import { hiddenReasons } from '../../domain/question-states.ts';
import type { EventCounts } from '../../domain/question.ts';
import type { QuestionView } from '../../read/question-view.ts';
import { zoneName } from '../../domain/zoned-time.ts';
import type { Event } from '../../domain/event.ts';

/** EventDashboard is what the organiser watches of one event. */
export interface EventDashboard {
  event: Event;
  counts: EventCounts;
  pinned: QuestionView | null;
  moderators: { id: number; login: string; displayName: string }[];
  /** participantUrl is the link people join by; qr is its QR code as SVG made by our own code. */
  participantUrl: string;
  qr: string;
}

/** DashboardForm is one of the dashboard's forms coming back with mistakes. */
export interface DashboardForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** EventNotice says what the organiser just did, shown once after the redirect back to the dashboard. */
export type EventNotice = 'created' | 'moderator-added' | 'moderator-removed' | 'closed' | 'listed' | 'unlisted' | null;

/** eventDashboardPage: the join code, link and QR code, the counters, the moderators, closing, and the exports. */
export function eventDashboardPage(
  ctx: ViewContext,
  d: EventDashboard,
  notice: EventNotice,
  forms: { moderator?: DashboardForm; close?: DashboardForm } = {},
): Html {
  const t = ctx.t;
  const e = d.event;
  const when = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: e.timeZone });
  return layout(
    ctx,
    e.title,
    html`
<p class="small"><a href="/organiser/events">${t('organiserEvent.back-to-list')}</a></p>
<header class="petition-head">
  <p><span class="badge ${e.status}">${t(`organiserEvent.status-${e.status}`)}</span>
    <span class="badge">${t(`organiserEvent.moderation-badge-${e.moderation}`)}</span></p>
  <h1 lang="${e.language}">${e.title}</h1>
  <p class="addressee">${t('organiserEvent.to', { addressee: e.addressee })}</p>
  <p class="small muted">${t('organiserEvent.when', { starts: when.format(Number(e.startsAt)), ends: when.format(Number(e.endsAt)), zone: zoneName(e.timeZone) })}</p>
</header>
${notice ? html`<div class="notice good" role="status"><p>${t(`organiserEvent.done-${notice}`)}</p></div>` : ''}
<div class="manage-grid">
<div class="manage-side">
  ${joinCard(ctx, d)}
</div>
<div class="manage-main">
  ${countsSection(ctx, d)}
  <section aria-labelledby="run-h">
    <h2 id="run-h">${t('organiserEvent.run-heading')}</h2>
    <ul class="deliver-links">
      <li><a href="/moderate/${e.code}">${t('organiserEvent.console-link')}</a><br><span class="small muted">${t('organiserEvent.console-about')}</span></li>
      <li><a href="/e/${e.code}/screen">${t('organiserEvent.screen-link')}</a><br><span class="small muted">${t('organiserEvent.screen-about')}</span></li>
      <li><a href="/e/${e.code}">${t('organiserEvent.public-link')}</a></li>
    </ul>
  </section>
  ${e.description ? html`<section aria-labelledby="about-h"><h2 id="about-h">${t('organiserEvent.about-heading')}</h2><div lang="${e.language}">${paragraphs(e.description)}</div></section>` : ''}
  ${moderatorsSection(ctx, d, forms.moderator ?? { values: {}, errors: {} })}
</div>
<div class="manage-extra">
  ${listingCard(ctx, e)}
  ${exportsCard(ctx, e)}
  ${closeCard(ctx, e, forms.close ?? { values: {}, errors: {} })}
</div>
</div>`,
    { noindex: true, wide: true, styles: ['/assets/moderate.css'] },
  );
}

function joinCard(ctx: ViewContext, d: EventDashboard): Html {
  const t = ctx.t;
  return html`<section class="card join-card" aria-labelledby="join-h">
  <h2 id="join-h">${t('organiserEvent.join-heading')}</h2>
  <p class="join-code" aria-describedby="join-code-hint">${d.event.code}</p>
  <p class="small muted" id="join-code-hint">${t('organiserEvent.join-code-hint', { url: `${ctx.publicUrl}/e` })}</p>
  <div class="join-qr">${raw(d.qr)}</div>
  <label for="participant-url" class="small">${t('organiserEvent.participant-link')}</label>
  <input id="participant-url" type="text" readonly value="${d.participantUrl}">
</section>`;
}

function countsSection(ctx: ViewContext, d: EventDashboard): Html {
  const t = ctx.t;
  const n = new Intl.NumberFormat(ctx.lang);
  const c = d.counts;
  const hidden = hiddenReasons.reduce((sum, r) => sum + (c.hidden[r] ?? 0), 0);
  const cell = (key: string, value: number) =>
    html`<div class="tally"><dt>${t(`organiserEvent.count-${key}`)}</dt><dd>${n.format(value)}</dd></div>`;
  return html`<section aria-labelledby="counts-h">
  <h2 id="counts-h">${t('organiserEvent.counts-heading')}</h2>
  <dl class="tallies">
    ${cell('asked', c.asked)}${cell('votes', c.votes)}${cell('published', c.published)}${cell('answered', c.answered)}
    ${d.event.moderation === 'before' || c.pending > 0 ? cell('pending', c.pending) : ''}${cell('merged', c.merged)}${cell('hidden', hidden)}
  </dl>
  ${hidden > 0 ? html`<p class="small">${t('organiserEvent.hidden-by-reason')} ${hiddenReasons.filter((r) => c.hidden[r]).map((r, i) => html`${i > 0 ? ' · ' : ''}${t(`moderation.reason-${r}`)}: ${n.format(c.hidden[r])}`)}</p>` : ''}
  ${d.pinned ? html`<p class="notice"><strong>${t('moderation.now-answering')}</strong> ${d.pinned.text ?? ''}</p>` : ''}
</section>`;
}

function moderatorsSection(ctx: ViewContext, d: EventDashboard, form: DashboardForm): Html {
  const t = ctx.t;
  const code = d.event.code;
  const csrf = html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
  const error = form.errors.login;
  return html`<section aria-labelledby="moderators-h" id="moderators">
  <h2 id="moderators-h">${t('organiserEvent.moderators-heading')}</h2>
  <p class="small">${t('organiserEvent.moderators-lead')}</p>
  ${
    d.moderators.length === 0
      ? html`<p class="muted small">${t('organiserEvent.no-moderators')}</p>`
      : html`<ul class="moderator-list">
    ${d.moderators.map(
      (m) => html`<li><span><strong>${m.displayName}</strong> <span class="muted small">${m.login}</span></span>
      <form method="post" action="/organiser/events/${code}/moderators/${m.id}/remove">${csrf}<button type="submit" class="secondary small-button">${t('organiserEvent.remove-moderator', { name: m.displayName })}</button></form></li>`,
    )}
  </ul>`
  }
  ${errorSummary(ctx, namedEventErrors(ctx, form.errors))}
  <form method="post" action="/organiser/events/${code}/moderators" novalidate class="inline-form">
    ${csrf}
    <div class="${error ? 'has-error' : ''}">
      <label for="login">${t('organiserEvent.field-login')}</label>
      <p class="hint" id="login-hint">${t('organiserEvent.hint-login')}</p>
      <input id="login" name="login" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="64" value="${form.values.login ?? ''}" aria-describedby="${error ? 'login-hint login-error' : 'login-hint'}">
      ${fieldError('login', error)}
    </div>
    <button type="submit">${t('organiserEvent.add-moderator')}</button>
  </form>
</section>`;
}

/** listingCard says whether the event is in the public list of events, with the one button that changes it. */
function listingCard(ctx: ViewContext, e: Event): Html {
  const t = ctx.t;
  const listed = e.listed;
  return html`<section class="card" aria-labelledby="listing-h" id="listing">
  <h2 id="listing-h">${t('organiserEvent.listing-heading')}</h2>
  <p class="small">${t(listed ? 'organiserEvent.listing-on' : 'organiserEvent.listing-off')}</p>
  <form method="post" action="/organiser/events/${e.code}/listing">
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <input type="hidden" name="listed" value="${listed ? 'no' : 'yes'}">
    <button type="submit" class="secondary">${t(listed ? 'organiserEvent.unlist-button' : 'organiserEvent.list-button')}</button>
  </form>
  <p class="small muted">${t('organiserEvent.hint-listed')}</p>
</section>`;
}

function exportsCard(ctx: ViewContext, e: Event): Html {
  const t = ctx.t;
  const base = `/organiser/events/${e.code}`;
  return html`<section class="card" aria-labelledby="exports-h">
  <h2 id="exports-h">${t('organiserEvent.exports-heading')}</h2>
  <ul class="deliver-links">
    <li><a href="${base}/questions.csv" download>${t('organiserEvent.export-csv')}</a><br><span class="small muted">${t('organiserEvent.export-csv-about')}</span></li>
    <li><a href="${base}/questions.json" download>${t('organiserEvent.export-json')}</a></li>
    <li><a href="${base}/summary">${t('organiserEvent.export-summary')}</a> · <a href="${base}/summary.json" download>JSON</a><br><span class="small muted">${t('organiserEvent.export-summary-about')}</span></li>
  </ul>
  <p class="small muted">${t('organiserEvent.export-withheld')}</p>
</section>`;
}

function closeCard(ctx: ViewContext, e: Event, form: DashboardForm): Html {
  const t = ctx.t;
  if (e.status !== 'open') {
    return html`<section class="card" aria-labelledby="close-h"><h2 id="close-h">${t('organiserEvent.closed-heading')}</h2>
  <p class="small">${t('organiserEvent.closed-on', { date: new Date(Number(e.closedAt ?? e.endsAt)) })}</p></section>`;
  }
  const error = form.errors.confirm;
  return html`<section class="card" aria-labelledby="close-h" id="close">
  <h2 id="close-h">${t('organiserEvent.close-heading')}</h2>
  <p class="small">${t('organiserEvent.close-lead')}</p>
  ${errorSummary(ctx, namedEventErrors(ctx, form.errors))}
  <form method="post" action="/organiser/events/${e.code}/close" novalidate>
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <div class="${error ? 'has-error' : ''}">
      <label class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" aria-describedby="${error ? 'confirm-error' : undefined}"> <span>${t('organiserEvent.close-confirm')}</span></label>
      ${fieldError('confirm', error)}
    </div>
    <button type="submit" class="danger">${t('organiserEvent.close-button')}</button>
  </form>
</section>`;
}
