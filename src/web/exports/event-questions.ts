import type { ActionContext } from '../../actions/context.ts';
import { exportQuestions, type GroupSummary } from '../../read/event-state.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Event } from '../../domain/event.ts';
import { csvBom, csvRow } from './csv.ts';

const batch = 500;

/**
 * questionsCsv yields an event's questions as CSV, a batch of rows at a time so a large event never sits in memory
 * whole: a BOM (Excel then reads the Cyrillic as UTF-8), a header in the reader's language, then one record per
 * question in the order asked. Texts hidden as abuse or personal data come out empty: `exportQuestions` withholds them.
 */
export async function* questionsCsv(ctx: ActionContext, event: Event, t: Translate): AsyncGenerator<string> {
  yield csvBom +
    csvRow(
      ['id', 'asked-at', 'status', 'hidden-reason', 'votes', 'group', 'merged-into', 'author', 'text', 'sha256'].map(
        (column) => t(`organiserEvent.csv-${column}`),
      ),
    );
  let rows: string[] = [];
  for await (const q of exportQuestions(ctx, event)) {
    rows.push(
      csvRow([
        q.id,
        q.askedAt,
        t(`moderation.status-${q.status}`),
        q.hiddenReason === null ? null : t(`moderation.reason-${q.hiddenReason}`),
        q.votes,
        q.group,
        q.mergedInto,
        q.author,
        q.text,
        q.sha256,
      ]),
    );
    if (rows.length >= batch) {
      yield rows.join('');
      rows = [];
    }
  }
  if (rows.length > 0) yield rows.join('');
}

/** eventHeader is what an export says about its event, machine-readable. */
function eventHeader(ctx: ActionContext, event: Event) {
  return {
    code: event.code,
    title: event.title,
    addressee: event.addressee,
    language: event.language,
    status: event.status,
    timeZone: event.timeZone,
    startsAt: new Date(Number(event.startsAt)).toISOString(),
    endsAt: new Date(Number(event.endsAt)).toISOString(),
    moderation: event.moderation,
    url: `${ctx.config.publicUrl}/e/${event.code}`,
    exportedAt: new Date(ctx.now()).toISOString(),
  };
}

/**
 * questionsJson yields an event's questions as one JSON document, `{"event": {...}, "questions": [...]}`, streamed a
 * batch at a time. Statuses and reasons are the stable codes (`hidden`, `personal-data`), not translations.
 */
export async function* questionsJson(ctx: ActionContext, event: Event): AsyncGenerator<string> {
  yield `{"event":${JSON.stringify(eventHeader(ctx, event))},"questions":[`;
  let rows: string[] = [];
  let first = true;
  for await (const q of exportQuestions(ctx, event)) {
    rows.push(JSON.stringify(q));
    if (rows.length >= batch) {
      yield (first ? '\n' : ',\n') + rows.join(',\n');
      first = false;
      rows = [];
    }
  }
  if (rows.length > 0) yield (first ? '\n' : ',\n') + rows.join(',\n');
  yield '\n]}\n';
}

/** summaryJson is the summary of the largest groups of similar questions as a JSON document. */
export function summaryJson(ctx: ActionContext, event: Event, groups: GroupSummary[]): string {
  return `${JSON.stringify({ event: eventHeader(ctx, event), groups }, null, 1)}\n`;
}
