import { html, type Html } from './html.ts';
import { errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { namedErrors } from './organiser-form.ts';
import { rateSection, utcLocal, type MinuteCount } from './organiser-rate.ts';
import { regionName, regionsOf } from '../../domain/regions.ts';
import { invalidationReasons } from '../../actions/read-invalidation.ts';
import type { InvalidationPreview } from '../../read/preview-invalidation.ts';
import type { Invalidation, Petition } from '../../domain/petition.ts';
import { goalPercent } from '../../domain/goal-percent.ts';
import { mapText, regionMaps } from './region-map.ts';

/** Dashboard is what the organiser watches while a petition is open or after it closed. */
export interface Dashboard {
  /** signatures are those made online; paper those of the counted paper batches. */
  signatures: number;
  paper: number;
  /** perMinute holds the last 60 minutes, oldest first, zero-filled. */
  perMinute: MinuteCount[];
  byRegion: { region: string; signatures: number }[];
  invalidations: Invalidation[];
  record: { queued: number; sequenced: number };
}

/** ManageForm is what one of the manage page's forms shows again after a mistake, or, for invalidation, its preview. */
export interface ManageForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** preview is what the invalidation asked for would do; `changed` when the window's count moved since it was shown. */
  preview?: InvalidationPreview & { changed: boolean };
}

/** countBox shows the current count, the progress toward the goal, and the petition's entries in the public record. */
export function countBox(ctx: ViewContext, p: Petition, d: Dashboard): Html {
  const t = ctx.t;
  const number = new Intl.NumberFormat(ctx.lang);
  const total = d.signatures + d.paper;
  const percent = p.goal ? goalPercent(total, p.goal) : null;
  return html`<section class="count-box" aria-labelledby="count-h">
  <h2 id="count-h" class="visually-plain">${t('organiser.count-heading')}</h2>
  <p class="count-number">${number.format(total)}</p>
  <p class="muted">${t('petition.count-words', { count: total })}</p>
  ${d.paper > 0 ? html`<p class="small muted">${t('paper.count-including', { paper: d.paper, online: d.signatures })}</p>` : ''}
  ${
    p.goal
      ? html`<progress class="goal" max="${p.goal}" value="${Math.min(total, p.goal)}" aria-label="${t('petition.goal', { goal: p.goal })}">${new Intl.NumberFormat(ctx.lang).format(percent ?? 0)}%</progress>
  <p class="small muted">${t('petition.goal-progress', { goal: p.goal, percent: percent ?? 0 })}</p>`
      : ''
  }
  <p class="small muted">${t('organiser.record-queue', { count: d.record.queued })}${d.record.sequenced > 0 ? html` · ${t('organiser.record-sequenced', { count: d.record.sequenced })}` : ''}</p>
</section>`;
}

/** dashboardSections render the rate per minute with bursts, the counts by region, and the invalidations. */
export function dashboardSections(ctx: ViewContext, p: Petition, d: Dashboard, invalidate: ManageForm): Html {
  return html`${rateSection(ctx, p.publicId, d.perMinute)}
${regionSection(ctx, p, d)}
${invalidationSection(ctx, p, d, invalidate)}`;
}

function regionSection(ctx: ViewContext, p: Petition, d: Dashboard): Html {
  const t = ctx.t;
  const number = new Intl.NumberFormat(ctx.lang);
  const share = new Intl.NumberFormat(ctx.lang, { style: 'percent', maximumFractionDigits: 1 });
  const total = d.byRegion.reduce((sum, r) => sum + r.signatures, 0) || 1;
  return html`<section aria-labelledby="regions-h">
  <h2 id="regions-h">${t('organiser.regions-heading')}</h2>
  ${p.regionRule === 'none' ? html`<p class="muted small">${t('organiser.regions-not-asked')}</p>` : ''}
  ${
    d.byRegion.length === 0
      ? html`<p class="muted">${t('organiser.no-regions')}</p>`
      : html`<div class="region-views"><div class="region-views-inner">${regionMaps(p.regionCountries, new Map(d.byRegion.map((r) => [r.region, r.signatures])), mapText(ctx))}<div class="table-wrap"><table>
    <thead><tr><th scope="col">${t('organiser.col-region')}</th><th scope="col" class="num">${t('organiser.col-signatures')}</th><th scope="col" class="num">${t('organiser.col-share')}</th></tr></thead>
    <tbody>${d.byRegion.map(
      (
        r,
      ) => html`<tr><td>${r.region ? regionName(r.region, ctx.lang) : html`<span class="muted">${t('organiser.region-none')}</span>`}</td>
      <td class="num">${number.format(r.signatures)}</td><td class="num">${share.format(r.signatures / total)}</td></tr>`,
    )}</tbody>
  </table></div></div></div>`
  }
</section>`;
}

/**
 * invalidationPreview is the invalidation's second step: how many signatures the window holds, where and why, and the
 * one button that takes exactly those out; the count it carries is checked again when it is pressed.
 */
function invalidationPreview(ctx: ViewContext, p: Petition, preview: InvalidationPreview & { changed: boolean }): Html {
  const t = ctx.t;
  const window = windowWords(preview.fromMinute, preview.toMinute);
  const region = preview.region ? regionName(preview.region, ctx.lang) : t('organiser.region-any');
  if (preview.signatures === 0) {
    return html`<div class="notice" role="status" tabindex="-1" autofocus><p>${t('organiser.invalidate-preview-none', { window, region })}</p></div>`;
  }
  return html`<div class="notice warn confirm-box" role="alert" tabindex="-1" autofocus>
  ${preview.changed ? html`<p><strong>${t('organiser.invalidate-preview-changed')}</strong></p>` : ''}
  <p><strong>${t('organiser.invalidate-preview', { count: preview.signatures })}</strong></p>
  <p>${t('organiser.invalidate-preview-details', { window, region, reason: t(`reason.${preview.reason}`) })}</p>
  <form method="post" action="/admin/petitions/${p.publicId}/invalidate" class="actions">
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <input type="hidden" name="from" value="${utcLocal(preview.fromMinute)}">
    <input type="hidden" name="to" value="${utcLocal(preview.toMinute)}">
    ${preview.region ? html`<input type="hidden" name="region" value="${preview.region}">` : ''}
    <input type="hidden" name="reason" value="${preview.reason}">
    <input type="hidden" name="expected" value="${preview.signatures}">
    <button type="submit" class="danger">${t('organiser.invalidate-confirm-button', { count: preview.signatures })}</button>
    <a class="button secondary" href="/admin/petitions/${p.publicId}#invalidate">${t('common.cancel')}</a>
  </form>
</div>`;
}

/** windowWords writes a window of minutes as dates and times in UTC, the way the form asks for them. */
function windowWords(fromMinute: number, toMinute: number): string {
  const [fromDay, fromTime] = utcLocal(fromMinute).split('T');
  const [toDay, toTime] = utcLocal(toMinute).split('T');
  if (fromMinute === toMinute) return `${fromDay} ${fromTime} UTC`;
  return fromDay === toDay ? `${fromDay} ${fromTime}–${toTime} UTC` : `${fromDay} ${fromTime} – ${toDay} ${toTime} UTC`;
}

function invalidationSection(ctx: ViewContext, p: Petition, d: Dashboard, form: ManageForm): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const countries = p.regionCountries;
  const nowMinute = d.perMinute.length > 0 ? d.perMinute[d.perMinute.length - 1].minute : 0;
  const described = (field: string) => [`${field}-hint`, e[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
  const dateTime = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const windowText = (i: Dashboard['invalidations'][number]) => {
    const [fromDay, fromTime] = utcLocal(i.fromMinute).split('T');
    const [toDay, toTime] = utcLocal(i.toMinute).split('T');
    if (i.fromMinute === i.toMinute) return `${fromDay} ${fromTime}`;
    return fromDay === toDay ? `${fromDay} ${fromTime}–${toTime}` : `${fromDay} ${fromTime} – ${toDay} ${toTime}`;
  };
  return html`<section aria-labelledby="invalidate-h" id="invalidate" class="card">
  <h2 id="invalidate-h">${t('organiser.invalidate-heading')}</h2>
  <p class="small">${t('organiser.invalidate-lead')}</p>
  ${errorSummary(ctx, namedErrors(ctx, e))}
  ${form.preview ? invalidationPreview(ctx, p, form.preview) : ''}
  <form method="post" action="/admin/petitions/${p.publicId}/invalidate" novalidate>
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <div class="form-pair">
      <div class="${e.from ? 'has-error' : ''}">
        <label for="from">${t('organiser.field-from')}</label>
        <p class="hint" id="from-hint">${t('organiser.hint-utc')}</p>
        <input id="from" name="from" type="datetime-local" value="${v.from ?? utcLocal(nowMinute - 59)}" aria-describedby="${described('from')}">
        ${fieldError('from', e.from)}
      </div>
      <div class="${e.to ? 'has-error' : ''}">
        <label for="to">${t('organiser.field-to')}</label>
        <p class="hint" id="to-hint">${t('organiser.hint-to')}</p>
        <input id="to" name="to" type="datetime-local" value="${v.to ?? utcLocal(nowMinute)}" aria-describedby="${described('to')}">
        ${fieldError('to', e.to)}
      </div>
    </div>
    ${
      p.regionRule !== 'none'
        ? html`<div class="${e.region ? 'has-error' : ''}">
      <label for="region">${t('organiser.field-region')}</label>
      <p class="hint" id="region-hint">${t('organiser.hint-region')}</p>
      <select id="region" name="region" aria-describedby="${described('region')}">
        <option value="">${t('organiser.region-any')}</option>
        ${regionsOf(countries, ctx.lang).map((r) => html`<option value="${r.code}" ${v.region === r.code ? 'selected' : ''}>${r.name}</option>`)}
      </select>
      ${fieldError('region', e.region)}
    </div>`
        : ''
    }
    <div class="${e.reason ? 'has-error' : ''}">
      <label for="reason">${t('organiser.field-reason')}</label>
      <p class="hint" id="reason-hint">${t('organiser.hint-reason')}</p>
      <select id="reason" name="reason" aria-describedby="${described('reason')}">
        <option value="">${t('organiser.choose')}</option>
        ${invalidationReasons.map((r) => html`<option value="${r}" ${v.reason === r ? 'selected' : ''}>${t(`reason.${r}`)}</option>`)}
      </select>
      ${fieldError('reason', e.reason)}
    </div>
    <button type="submit" class="secondary">${t('organiser.invalidate-preview-button')}</button>
  </form>
  <h3>${t('organiser.invalidations-heading')}</h3>
  ${
    d.invalidations.length === 0
      ? html`<p class="muted small">${t('organiser.no-invalidations')}</p>`
      : html`<ul class="invalidation-list">
    ${d.invalidations.map(
      (
        i,
      ) => html`<li><strong>${t('organiser.invalidation-count', { count: i.signatures, reason: t(`reason.${i.reason}`) })}</strong>
      <span class="small muted">${t('organiser.invalidation-details', {
        window: windowText(i),
        region: i.region ? regionName(i.region, ctx.lang) : t('organiser.region-any'),
        when: dateTime.format(i.createdAt),
      })}</span></li>`,
    )}
  </ul>`
  }
</section>`;
}
