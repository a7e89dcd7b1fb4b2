import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { migrateStore, openStore } from '../../src/store/open-store.ts';
import {
  createTestSchema,
  onServer,
  openTestStore,
  schemaUrl,
  testContext,
  testDatabase,
  type TestContext,
} from '../support/database.ts';
import type { Actor } from '../../src/actions/context.ts';
import { addMember } from '../support/people.ts';
import { openPetition } from '../support/petitions.ts';
import { findPetition } from '../../src/store/petitions.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { openEvent } from '../support/events.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { castVote } from '../../src/actions/cast-vote.ts';
import { voterHash } from '../../src/actions/voter-hash.ts';
import { votedBy } from '../../src/read/voted-by.ts';
import { findEvent } from '../../src/actions/find-event.ts';
import { listEvent } from '../../src/actions/list-event.ts';
import { listListedEvents } from '../../src/store/events.ts';
import { refusal } from '../support/refusal.ts';

/** insertOldEvent writes an event's row as the code before migration 010 wrote it: without the listing column. */
async function insertOldEvent(
  ctx: TestContext,
  owner: Actor,
  code: string,
  status: 'open' | 'closed' = 'open',
): Promise<string> {
  await ctx.store.db
    .insertInto('events')
    .values({
      code,
      owner_id: owner.id,
      status,
      title: 'A town hall from before the list of events',
      description: '',
      addressee: 'The mayor',
      language: 'en',
      time_zone: 'UTC',
      starts_at: ctx.now(),
      ends_at: ctx.now() + 3_600_000,
      moderation: 'after',
      anonymous_allowed: 1,
      max_length: 300,
      pinned_question_id: null,
      created_at: ctx.now(),
      closed_at: status === 'closed' ? ctx.now() : null,
    })
    .execute();
  return code;
}

test('migrating a store that is up to date changes nothing and keeps its petitions', async () => {
  const store = await openTestStore();
  try {
    const ctx = testContext(store);
    const petition = await openPetition(ctx, await addMember(ctx, 'organiser'));
    assert.deepEqual(await migrateStore(store), [], 'a second run applies no migration');
    assert.deepEqual(await migrateStore(store), [], 'nor does a third');
    assert.equal((await findPetition(store.db, petition))?.status, 'open');
  } finally {
    await store.drop();
  }
});

test('two servers starting at once on a new PostgreSQL database both come up, and the schema is made once', {
  skip: testDatabase() !== 'postgres' && 'PostgreSQL only: SQLite is one server process by design',
}, async () => {
  const schema = await createTestSchema();
  try {
    const stores = await Promise.all([
      openStore({ databaseUrl: schema.url, dataDir: tmpdir() }),
      openStore({ databaseUrl: schema.url, dataDir: tmpdir() }),
    ]);
    const applied = await stores[0].db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    assert.deepEqual(
      applied.map((row) => ({ ...(row as object) })),
      Object.keys(migrations).map((name) => ({ name })),
    );
    for (const store of stores) await store.close();
  } finally {
    await schema.drop();
  }
});

test('an SQLite file opened again by a restarted server keeps its data and is not migrated twice', {
  skip: testDatabase() !== 'sqlite' && 'SQLite only',
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veche-restart-'));
  try {
    const first = await openStore({ dataDir: dir });
    const ctx = testContext(first);
    const petition = await openPetition(ctx, await addMember(ctx, 'organiser'));
    await first.close();
    const second = await openStore({ dataDir: dir });
    assert.deepEqual(await migrateStore(second), []);
    assert.equal((await findPetition(second.db, petition))?.status, 'open');
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// This is the store's own contract, checked without the workaround in test/support/database.ts: a deployment (or a
// test) whose search_path names a schema of its own must be migrated in that schema, even when another schema of
// the same database already holds Kysely's migration tables.
test('openStore migrates a PostgreSQL schema of its own when another schema of the database was migrated before', {
  skip: testDatabase() !== 'postgres' && 'PostgreSQL only',
}, async () => {
  const neighbour = `t_${randomBytes(6).toString('hex')}`;
  const own = `t_${randomBytes(6).toString('hex')}`;
  await onServer(`create schema ${neighbour}; create schema ${own}`);
  try {
    const first = await openStore({ databaseUrl: schemaUrl(neighbour), dataDir: tmpdir() }).catch((e: Error) => e);
    if (!(first instanceof Error)) await first.close();
    const store = await openStore({ databaseUrl: schemaUrl(own), dataDir: tmpdir() });
    try {
      const tables = await store.db.selectFrom('petitions').select('id').execute();
      assert.deepEqual(tables, []);
    } finally {
      await store.close();
    }
  } finally {
    await onServer(`drop schema if exists ${neighbour} cascade; drop schema if exists ${own} cascade`);
  }
});

test('the votes of an event survive migration 006, and a browser that voted before still cannot vote twice', async () => {
  const store = await openTestStore({ through: '005-events' });
  try {
    const ctx = testContext(store);
    // Made as the code before 010 made events (createEvent now writes a column 005 does not have).
    const code = await insertOldEvent(ctx, await addMember(ctx, 'organiser'), 'OLDVOTE');
    const asked = await askQuestion(ctx, code, { text: 'Why is the hospital in our town closing?', anyway: '1' });
    assert.equal(asked.kind, 'asked');
    const question = asked.kind === 'asked' ? asked.question : '';
    const row = await store.db
      .selectFrom('questions')
      .select('id')
      .where('public_id', '=', question)
      .executeTakeFirstOrThrow();
    // Two votes as the code before 006 stored them: the voter hash is what voterHash makes of the token 'before'.
    const event = await findEvent(ctx, code);
    await store.db
      .insertInto('votes')
      .values([
        {
          public_id: 'vBefore00001',
          question_id: Number(row.id),
          voter_hash: voterHash(ctx, code, 'before'),
          status: 'counted',
        },
        {
          public_id: 'vBefore00002',
          question_id: Number(row.id),
          voter_hash: voterHash(ctx, code, 'other'),
          status: 'withdrawn',
        },
      ])
      .execute();
    await store.db.updateTable('questions').set({ votes: 1 }).where('id', '=', Number(row.id)).execute();

    assert.deepEqual(await migrateStore(store, '006-vote-indexes'), ['006-vote-indexes']);
    const votes = await store.db.selectFrom('votes').select(['public_id', 'status']).orderBy('id').execute();
    assert.deepEqual(
      votes.map((v) => ({ ...v })),
      [
        { public_id: 'vBefore00001', status: 'counted' },
        { public_id: 'vBefore00002', status: 'withdrawn' },
      ],
    );
    assert.deepEqual([...(await votedBy(ctx, event, 'before'))], [question]);
    await assert.rejects(castVote(ctx, code, question, 'before'), refusal('already-voted'));
    assert.deepEqual(
      await castVote(ctx, code, question, 'other'),
      { question, votes: 2 },
      'a withdrawn vote does not stop a new one',
    );
    const next = await store.db
      .insertInto('votes')
      .values({ public_id: 'vAfter000001', question_id: Number(row.id), voter_hash: 'x', status: 'withdrawn' })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(Number(next.id) > 2, 'row ids go on from where they were');
  } finally {
    await store.drop();
  }
});

test('events made before migration 010 stay out of the public list until their organisers list them', async () => {
  const store = await openTestStore({ through: '009-cosignatures' });
  try {
    const ctx = testContext(store);
    const organiser = await addMember(ctx, 'organiser');
    await insertOldEvent(ctx, organiser, 'BEFORE');
    await insertOldEvent(ctx, organiser, 'CLOSED', 'closed');

    assert.deepEqual(await migrateStore(store, '010-event-listing'), ['010-event-listing']);
    const rows = await store.db.selectFrom('events').select(['code', 'listed']).orderBy('code').execute();
    assert.deepEqual(
      rows.map((r) => ({ code: r.code, listed: Number(r.listed) })),
      [
        { code: 'BEFORE', listed: 0 },
        { code: 'CLOSED', listed: 0 },
      ],
    );
    assert.deepEqual(await listListedEvents(store.db), []);
    assert.equal(await listEvent(ctx, organiser, 'BEFORE', { listed: 'yes' }), true);
    assert.deepEqual(
      (await listListedEvents(store.db)).map((e) => e.code),
      ['BEFORE'],
    );
    const fresh = await openEvent(ctx, organiser, { listed: 'on' });
    assert.deepEqual(
      (await listListedEvents(store.db)).map((e) => e.code).sort(),
      ['BEFORE', fresh].sort(),
      'an event made after 010 can be listed from the start',
    );
  } finally {
    await store.drop();
  }
});
