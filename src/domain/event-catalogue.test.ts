import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventSearchKey, partOf, pickEventPage, sortEvents, type EventSummary } from './event-catalogue.ts';
import { searchWords } from './petition-catalogue.ts';

const hour = 3_600_000;
const now = Date.UTC(2026, 2, 12, 12);
const event = (code: string, over: Partial<EventSummary> = {}): EventSummary => ({
  code,
  title: code,
  addressee: 'Governor',
  language: 'ru',
  timeZone: 'Europe/Moscow',
  startsAt: now - hour,
  endsAt: now + hour,
  status: 'open',
  ...over,
});

test('an event is current while it is open and has not ended; closed early or ended, it is past', () => {
  assert.equal(partOf(event('A'), now), 'current');
  assert.equal(
    partOf(event('B', { startsAt: now + 24 * hour, endsAt: now + 26 * hour }), now),
    'current',
    'one next week is current',
  );
  assert.equal(
    partOf(event('C', { endsAt: now }), now),
    'past',
    'its end has come, though the job has not closed it yet',
  );
  assert.equal(partOf(event('D', { status: 'closed' }), now), 'past', 'closed before its end');
});

test('the list puts current events first, soonest first, then past ones, latest first', () => {
  const all = [
    event('NEXTWK', { startsAt: now + 7 * 24 * hour, endsAt: now + 7 * 24 * hour + hour }),
    event('OLDEST', { startsAt: now - 30 * 24 * hour, endsAt: now - 30 * 24 * hour + hour, status: 'closed' }),
    event('NOWNOW', { startsAt: now - hour }),
    event('LASTWK', { startsAt: now - 7 * 24 * hour, endsAt: now - 7 * 24 * hour + hour }),
    event('TONITE', { startsAt: now + 6 * hour, endsAt: now + 8 * hour }),
  ];
  assert.deepEqual(
    sortEvents(all, now).map((e) => e.code),
    ['NOWNOW', 'TONITE', 'NEXTWK', 'LASTWK', 'OLDEST'],
  );
});

test('a page holds twenty, a search needs every word of the title or addressee, and an empty list is one page', () => {
  const all = Array.from({ length: 45 }, (_, i) =>
    event(`E${String(i).padStart(2, '0')}`, { startsAt: now + i * hour, endsAt: now + i * hour + hour }),
  );
  all.push(
    event('GOVHAL', { title: 'Прямая линия: вернуть мобилизованных', addressee: 'Губернатор Тверской области' }),
  );
  const keys = new Map(all.map((e) => [e.code, eventSearchKey(e)]));
  const third = pickEventPage(sortEvents(all, now), keys, [], 3);
  assert.deepEqual([third.events.length, third.total, third.pages], [6, 46, 3]);
  assert.deepEqual(
    pickEventPage(all, keys, searchWords('ТВЕРСКОЙ линия'), 1).events.map((e) => e.code),
    ['GOVHAL'],
    'title and addressee together',
  );
  assert.deepEqual(pickEventPage(all, keys, searchWords('линия школа'), 1).total, 0);
  assert.deepEqual(pickEventPage([], keys, [], 1), { events: [], total: 0, page: 1, pages: 1 });
});
