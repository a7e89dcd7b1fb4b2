import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../support/database.ts';
import { compiledOnce } from '../../src/store/compiled-once.ts';

const store = await openTestStore();
after(() => store.drop());

const insertSetting = compiledOnce(['name', 'value'] as const, (db, row: { name: string; value: string }) =>
  db.insertInto('settings').values(row),
);
const findSetting = compiledOnce(['name'] as const, (db, { name }: { name: string }) =>
  db.selectFrom('settings').select('value').where('name', '=', name).where('value', '!=', 'hidden'),
);

test('a statement compiled once runs with each call’s values, in and out of a transaction', async () => {
  await insertSetting(store.db, { name: 'first', value: 'one' });
  await store.transaction((trx) => insertSetting(trx, { name: 'second', value: 'two' }));
  await insertSetting(store.db, { name: 'third', value: 'hidden' });
  const values = async (name: string) => (await findSetting(store.db, { name })).rows.map((row) => row.value);
  assert.deepEqual(await values('first'), ['one']);
  assert.deepEqual(await values('second'), ['two']);
  // The query's own constant ('hidden') stays a parameter of its own, not a caller's value.
  assert.deepEqual(await values('third'), []);
});

test('a value that is missing is refused, never sent as a default', async () => {
  await assert.rejects(
    insertSetting(store.db, { name: 'lonely' } as { name: string; value: string }),
    /no value for value/,
  );
  assert.deepEqual((await findSetting(store.db, { name: 'lonely' })).rows, []);
});

test('a name the builder does not turn into exactly one parameter is refused when compiled', async () => {
  const twice = compiledOnce(['name'] as const, (db, { name }: { name: string }) =>
    db.selectFrom('settings').select('value').where('name', '=', name).where('value', '=', name),
  );
  await assert.rejects(twice(store.db, { name: 'x' }), /name is 2 parameters/);
  const unused = compiledOnce(['name', 'value'] as const, (db, { name }: { name: string; value: string }) =>
    db.selectFrom('settings').select('value').where('name', '=', name),
  );
  await assert.rejects(unused(store.db, { name: 'x', value: 'y' }), /value is 0 parameters/);
});
