import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { migrateStore, openStore } from '../../src/store/open-store.ts';
import { createTestSchema, onServer, openTestStore, schemaUrl, testContext, testDatabase } from '../support/database.ts';
import { addMember } from '../support/people.ts';
import { openPetition } from '../support/petitions.ts';
import { findPetition } from '../../src/store/petitions.ts';
import { migrations } from '../../src/store/migrations/index.ts';

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

test('two servers starting at once on a new PostgreSQL database both come up, and the schema is made once', { skip: testDatabase() !== 'postgres' && 'PostgreSQL only: SQLite is one server process by design' }, async () => {
  const schema = await createTestSchema();
  try {
    const stores = await Promise.all([openStore({ databaseUrl: schema.url, dataDir: tmpdir() }), openStore({ databaseUrl: schema.url, dataDir: tmpdir() })]);
    const applied = await stores[0].db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    assert.deepEqual(applied.map((row) => ({ ...(row as object) })), Object.keys(migrations).map((name) => ({ name })));
    for (const store of stores) await store.close();
  } finally {
    await schema.drop();
  }
});

test('an SQLite file opened again by a restarted server keeps its data and is not migrated twice', { skip: testDatabase() !== 'sqlite' && 'SQLite only' }, async () => {
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
test('openStore migrates a PostgreSQL schema of its own when another schema of the database was migrated before', { skip: testDatabase() !== 'postgres' && 'PostgreSQL only' }, async () => {
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
