import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../support/database.ts';

const store = await openTestStore();
after(() => store.drop());

async function settingValue(name: string): Promise<string | undefined> {
  return (await store.db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst())?.value;
}

test('writes that arrive together commit together, and each caller hears only after its commit', async () => {
  const names = Array.from({ length: 40 }, (_, i) => `pooled-${i}`);
  const answers = await Promise.all(
    names.map((name) =>
      store.writes
        .run(async (trx) => {
          await trx.insertInto('settings').values({ name, value: 'v' }).execute();
          return name;
        })
        .then(async (answer) => ({ answer, visible: await settingValue(answer) })),
    ),
  );
  assert.deepEqual(
    answers.map((a) => a.answer),
    names,
  );
  assert.ok(
    answers.every((a) => a.visible === 'v'),
    'every write is visible by the time its caller is answered',
  );
});

test('one failing piece of work fails alone: the others in its batch still commit', async () => {
  await store.db.insertInto('settings').values({ name: 'taken', value: 'first' }).execute();
  const results = await Promise.allSettled(
    ['a', 'taken', 'b'].map((name) =>
      store.writes.run(async (trx) => {
        await trx.insertInto('settings').values({ name, value: 'second' }).execute();
      }),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal(await settingValue('a'), 'second');
  assert.equal(await settingValue('b'), 'second');
  assert.equal(await settingValue('taken'), 'first', 'the failed write left nothing behind');
});
