import { html, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { formValues } from '../form-errors.ts';
import { formFields } from './form-fields.ts';
import { eventLimits } from '../../domain/event-draft.ts';
import { epochToLocalInput, offsetAt, timeZones } from '../../domain/zoned-time.ts';
import type { Language } from '../../i18n/i18n.ts';

/** EventForm is what the new-event form shows: the values typed (or the defaults) and what was wrong. */
export interface EventForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** fresh is a form nobody has sent yet: its time zone and times may be set from the browser's own zone. */
  fresh: boolean;
}

/** eventFields are the form's fields in the order it shows them, so the summary of mistakes reads top to bottom. */
export const eventFields = [
  'title',
  'addressee',
  'description',
  'language',
  'timeZone',
  'startsAt',
  'endsAt',
  'moderation',
  'anonymousAllowed',
  'maxLength',
  'listed',
];

/**
 * commonZones are the zones of the people Veche is made for, offered first. Node's ICU knows Kyiv by its old name
 * `Europe/Kiev`, so that is the value sent; the list shows it as Kyiv.
 */
export const commonZones = [
  'Europe/Moscow',
  'Europe/Kiev',
  'Europe/Minsk',
  'Asia/Almaty',
  'Asia/Tbilisi',
  'Europe/Chisinau',
  'Asia/Yerevan',
  'Asia/Baku',
  'Asia/Bishkek',
  'Asia/Tashkent',
  'Europe/Riga',
  'Europe/Vilnius',
  'Europe/Tallinn',
  'Europe/Warsaw',
  'Europe/Berlin',
  'Europe/Prague',
  'Europe/Helsinki',
  'Europe/London',
  'Europe/Istanbul',
  'Europe/Kaliningrad',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
  'UTC',
].filter((zone) => timeZones.includes(zone));

const zoneLabels: Record<string, string> = { 'Europe/Kiev': 'Europe/Kyiv' };

/** eventFormOf keeps a submitted event to show again with its mistakes. */
export function eventFormOf(body: unknown, errors: Record<string, string>): EventForm {
  return { values: formValues(body), errors, fresh: false };
}

/**
 * newEventForm is the empty form: in UTC (the browser's zone replaces it when JavaScript runs), starting at the next
 * full hour and ending two hours later, anonymous questions allowed, moderation after publication, shown in the
 * public list of events.
 */
export function newEventForm(lang: Language, now: number): EventForm {
  const hour = 3_600_000;
  const start = Math.ceil(now / hour) * hour;
  return {
    values: {
      language: lang,
      timeZone: 'UTC',
      startsAt: epochToLocalInput(start, 'UTC'),
      endsAt: epochToLocalInput(start + 2 * hour, 'UTC'),
      moderation: 'after',
      anonymousAllowed: 'on',
      maxLength: String(eventLimits.defaultQuestion),
      listed: 'on',
    },
    errors: {},
    fresh: true,
  };
}

/** namedEventErrors prefixes each message with its field's label, for the summary at the top of the form. */
export function namedEventErrors(
  ctx: ViewContext,
  errors: Record<string, string>,
  order: readonly string[] = eventFields,
): Record<string, string> {
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const named: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b))) {
    let label = field;
    try {
      label = ctx.t(`organiserEvent.field-${field}`);
    } catch {
      // A field the form does not have (sent by hand): its own name is the best label there is.
    }
    named[field] = `${label}: ${message}`;
  }
  return named;
}

/** zoneLabel shows a zone as its IANA name and its offset from UTC now: "Europe/Moscow (UTC+03:00)". */
function zoneLabel(zone: string, now: number): string {
  const offset = Math.round(offsetAt(zone, now) / 60_000);
  const sign = offset < 0 ? '−' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${zoneLabels[zone] ?? zone} (UTC${sign}${hours}:${minutes})`;
}

/** eventFormPage is the form to open an event for questions; it works without JavaScript. */
export function eventFormPage(ctx: ViewContext, form: EventForm, now: number): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const heading = t('organiserEvent.new-title');
  const fields = formFields(ctx, 'organiserEvent', v, e);
  const { described, label, hint } = fields;
  const zone = v.timeZone ?? 'UTC';
  const others = timeZones.filter((z) => !commonZones.includes(z));
  const zoneOption = (z: string) =>
    html`<option value="${z}" ${zone === z ? 'selected' : ''}>${zoneLabel(z, now)}</option>`;
  const moderation = v.moderation === 'before' ? 'before' : 'after';
  const anonymous = v.anonymousAllowed !== undefined && v.anonymousAllowed !== '';
  const listed = v.listed !== undefined && v.listed !== '';
  return layout(
    ctx,
    heading,
    html`
<p class="small"><a href="/organiser/events">${t('organiserEvent.back-to-list')}</a></p>
<h1>${heading}</h1>
<p class="lead">${t('organiserEvent.form-lead')}</p>
${errorSummary(ctx, namedEventErrors(ctx, e))}
<form method="post" action="/organiser/events" novalidate class="petition-form event-form" data-event-form>
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${fields.text('title', { max: eventLimits.title, hint: { min: 3, max: eventLimits.title } })}
  ${fields.text('addressee', { max: eventLimits.addressee })}
  ${fields.textarea('description', { max: eventLimits.description, rows: 6, optional: true })}
  ${fields.language()}
  <fieldset>
    <legend>${t('organiserEvent.when-legend')}</legend>
    <div class="${e.timeZone ? 'has-error' : ''}">
      ${label('timeZone')}${hint('timeZone')}
      <select id="timeZone" name="timeZone" aria-describedby="${described('timeZone')}" ${form.fresh ? html`data-browser-zone` : ''}>
        ${timeZones.includes(zone) ? '' : html`<option value="${zone}" selected>${zone}</option>`}
        <optgroup label="${t('organiserEvent.zones-common')}">${commonZones.map(zoneOption)}</optgroup>
        <optgroup label="${t('organiserEvent.zones-all')}">${others.map(zoneOption)}</optgroup>
      </select>
      ${fieldError('timeZone', e.timeZone)}
    </div>
    <div class="form-pair">
      <div class="${e.startsAt ? 'has-error' : ''}">
        ${label('startsAt')}${hint('startsAt')}
        <input id="startsAt" name="startsAt" type="datetime-local" value="${v.startsAt ?? ''}" aria-describedby="${described('startsAt')}" ${form.fresh ? html`data-default-start` : ''}>
        ${fieldError('startsAt', e.startsAt)}
      </div>
      <div class="${e.endsAt ? 'has-error' : ''}">
        ${label('endsAt')}${hint('endsAt', { days: eventLimits.longestDays })}
        <input id="endsAt" name="endsAt" type="datetime-local" value="${v.endsAt ?? ''}" aria-describedby="${described('endsAt')}" ${form.fresh ? html`data-default-end` : ''}>
        ${fieldError('endsAt', e.endsAt)}
      </div>
    </div>
  </fieldset>
  <fieldset class="${e.moderation ? 'has-error' : ''}" aria-describedby="${e.moderation ? 'moderation-error' : undefined}">
    <legend>${t('organiserEvent.field-moderation')}</legend>
    ${(['after', 'before'] as const).map(
      (
        option,
      ) => html`<label class="check"><input type="radio" id="${option === 'after' ? 'moderation' : 'moderation-before'}" name="moderation" value="${option}" ${moderation === option ? 'checked' : ''} aria-describedby="moderation-${option}-hint">
      <span>${t(`organiserEvent.moderation-${option}`)}<span class="hint" id="moderation-${option}-hint">${t(`organiserEvent.moderation-${option}-hint`)}</span></span></label>`,
    )}
    ${fieldError('moderation', e.moderation)}
  </fieldset>
  <fieldset>
    <legend>${t('organiserEvent.questions-legend')}</legend>
    <div class="${e.anonymousAllowed ? 'has-error' : ''}">
      <label class="check"><input type="checkbox" id="anonymousAllowed" name="anonymousAllowed" value="on" ${anonymous ? 'checked' : ''} aria-describedby="${described('anonymousAllowed')}">
        <span>${t('organiserEvent.field-anonymousAllowed')}<span class="hint" id="anonymousAllowed-hint">${t('organiserEvent.hint-anonymousAllowed')}</span></span></label>
      ${fieldError('anonymousAllowed', e.anonymousAllowed)}
    </div>
    <div class="${e.maxLength ? 'has-error' : ''}">
      ${label('maxLength')}${hint('maxLength', { min: eventLimits.minQuestion, max: eventLimits.maxQuestion })}
      <input id="maxLength" name="maxLength" type="number" inputmode="numeric" min="${eventLimits.minQuestion}" max="${eventLimits.maxQuestion}" step="1" value="${v.maxLength ?? ''}" aria-describedby="${described('maxLength')}">
      ${fieldError('maxLength', e.maxLength)}
    </div>
  </fieldset>
  <fieldset>
    <legend>${t('organiserEvent.finding-legend')}</legend>
    <div class="${e.listed ? 'has-error' : ''}">
      <label class="check"><input type="checkbox" id="listed" name="listed" value="on" ${listed ? 'checked' : ''} aria-describedby="${described('listed')}">
        <span>${t('organiserEvent.field-listed')}<span class="hint" id="listed-hint">${t('organiserEvent.hint-listed')}</span></span></label>
      ${fieldError('listed', e.listed)}
    </div>
  </fieldset>
  <div class="actions">
    <button type="submit">${t('organiserEvent.create')}</button>
    <a href="/organiser/events">${t('common.cancel')}</a>
  </div>
  <p class="small muted">${t('organiserEvent.create-note')}</p>
</form>`,
    { noindex: true, scripts: ['/assets/event-form.js'], styles: ['/assets/moderate.css'] },
  );
}
