import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  pickPage,
  searchKey,
  searchWords,
  sortPetitions,
  pageSize,
  type PetitionSummary,
} from './petition-catalogue.ts';

const petition = (publicId: string, over: Partial<PetitionSummary> = {}): PetitionSummary => ({
  publicId,
  title: publicId,
  addressee: 'Duma',
  language: 'ru',
  goal: null,
  status: 'open',
  openedAt: 0,
  signatures: 0,
  ...over,
});

test('a search matches whatever the case, ё or punctuation, and needs every word', () => {
  assert.equal(searchKey('Верните МУЖЕЙ домой: ещё!'), 'верните мужей домой еще');
  assert.deepEqual(searchWords('  Мужей, мужей  ДОМОЙ '), ['мужей', 'домой']);
  const all = [petition('a', { title: 'Верните наших мужей домой' }), petition('b', { title: 'Ремонт школы' })];
  const keys = new Map(all.map((p) => [p.publicId, searchKey(`${p.title} ${p.addressee}`)]));
  assert.deepEqual(
    pickPage(all, keys, searchWords('мужей домой'), 1).petitions.map((p) => p.publicId),
    ['a'],
  );
  assert.deepEqual(pickPage(all, keys, searchWords('мужей школы'), 1).petitions, []);
  assert.deepEqual(pickPage(all, keys, searchWords('duma'), 1).total, 2, 'the addressee is searched too');
});

test('tabs sort open petitions by count or age, and closed ones apart', () => {
  const all = [
    petition('old-big', { openedAt: 1, signatures: 900 }),
    petition('new-small', { openedAt: 5, signatures: 3 }),
    petition('closed', { openedAt: 9, status: 'closed', signatures: 5000 }),
  ];
  assert.deepEqual(
    sortPetitions(all, 'popular').map((p) => p.publicId),
    ['old-big', 'new-small'],
  );
  assert.deepEqual(
    sortPetitions(all, 'new').map((p) => p.publicId),
    ['new-small', 'old-big'],
  );
  assert.deepEqual(
    sortPetitions(all, 'closed').map((p) => p.publicId),
    ['closed'],
  );
});

test('pages hold twenty each, the last one the rest, and an empty list is still one page', () => {
  const all = Array.from({ length: 45 }, (_, i) => petition(`p${String(i).padStart(2, '0')}`, { openedAt: 100 - i }));
  const keys = new Map<string, string>();
  const third = pickPage(all, keys, [], 3);
  assert.deepEqual([third.petitions.length, third.total, third.pages], [5, 45, 3]);
  assert.equal(third.petitions[0].publicId, `p${2 * pageSize}`);
  assert.deepEqual(pickPage([], keys, [], 1), { petitions: [], total: 0, page: 1, pages: 1 });
});
