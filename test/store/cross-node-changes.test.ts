import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createTestSchema, testDatabase, type TestSchema } from '../support/database.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { PostgresChangeRelay } from '../../src/store/postgres-change-relay.ts';
import { PetitionEvents } from '../../src/actions/petition-events.ts';
import { readConfig } from '../../src/config.ts';
import { startApp, type RunningApp } from '../../src/start-app.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { castVote } from '../../src/actions/cast-vote.ts';

const postgresOnly = {
  skip:
    testDatabase() !== 'postgres' &&
    'PostgreSQL only: SQLite is one server process by design, with no other node to tell',
};

/** Heard is one change a node's listeners were told of, and when. */
interface Heard {
  id: string;
  at: number;
}

/** Node is one server's PetitionEvents, relayed as startApp relays them, with all its listeners heard. */
interface Node {
  events: PetitionEvents;
  relay: PostgresChangeRelay;
  heard: Heard[];
  errors: Error[];
}

/** Deployment is one schema with a store in it, and the nodes started on it; `end` stops them and drops the schema. */
interface Deployment {
  schema: TestSchema;
  store: Store;
  nodes: Node[];
  startNode(): Promise<Node>;
  end(): Promise<void>;
}

async function deploy(): Promise<Deployment> {
  const schema = await createTestSchema();
  const store = await openStore({ databaseUrl: schema.url, dataDir: tmpdir() });
  const nodes: Node[] = [];
  return {
    schema,
    store,
    nodes,
    async startNode() {
      const events = new PetitionEvents();
      const heard: Heard[] = [];
      const errors: Error[] = [];
      events.onChange((id) => heard.push({ id, at: Date.now() }));
      const relay = await PostgresChangeRelay.start({
        databaseUrl: schema.url,
        db: store.db,
        onChange: (id) => events.heard(id),
        onError: (error) => errors.push(error),
        reconnectMs: 50,
      });
      events.relayThrough(relay);
      const node = { events, relay, heard, errors };
      nodes.push(node);
      return node;
    },
    async end() {
      try {
        for (const node of nodes) await node.relay.close();
        await store.close();
      } finally {
        await schema.drop();
      }
    },
  };
}

/** until waits for `check` to hold, looking every few milliseconds, and fails naming `what` after `ms`. */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await sleep(5);
  }
}

const ids = (node: Node) => node.heard.map((h) => h.id);
const times = (node: Node, id: string) => node.heard.filter((h) => h.id === id).length;

/** listeners are the relays' listening sessions on one schema, as the server sees them. */
async function listeners(store: Store, schema: string): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where application_name = 'veche-changes' and query ilike 'listen %' and position(${schema} in query) > 0`.execute(
    store.db,
  );
  return rows.map((row) => row.pid);
}

test(
  'a change on one node reaches the other node of its schema once, is not heard twice where it was made, and no other schema hears it',
  postgresOnly,
  async () => {
    const here = await deploy();
    const elsewhere = await deploy();
    try {
      const [a, b] = [await here.startNode(), await here.startNode()];
      const [c, d] = [await elsewhere.startNode(), await elsewhere.startNode()];
      const made = Date.now();
      a.events.changed('PETITION-1');
      assert.deepEqual(ids(a), ['PETITION-1'], 'the node that made the change tells its own viewers at once');
      await until('B hears the change made on A', () => times(b, 'PETITION-1') === 1);
      assert.ok(b.heard[0].at - made < 1000, `it took ${b.heard[0].at - made} ms`);

      // PostgreSQL delivers notifications in the order they were committed, so hearing a later one from the other
      // node means that anything earlier, such as an echo of A's own change, would have been heard by now.
      b.events.changed('EVENT-2');
      await until('A hears the change made on B', () => ids(a).includes('EVENT-2'));
      assert.deepEqual(ids(a), ['PETITION-1', 'EVENT-2']);
      assert.deepEqual(ids(b), ['PETITION-1', 'EVENT-2']);

      d.events.changed('ELSEWHERE');
      await until('C hears D, on another schema', () => ids(c).includes('ELSEWHERE'));
      assert.deepEqual(ids(c), ['ELSEWHERE'], 'nothing of the first schema reached the second');
      assert.ok(!ids(a).includes('ELSEWHERE') && !ids(b).includes('ELSEWHERE'), 'nor the other way round');
      for (const node of [a, b, c, d]) assert.deepEqual(node.errors, []);
    } finally {
      await here.end();
      await elsewhere.end();
    }
  },
);

test(
  'a burst of a thousand changes of one id reaches the other node as a few notifications, the last after the burst',
  postgresOnly,
  async (t) => {
    const here = await deploy();
    try {
      const [a, b] = [await here.startNode(), await here.startNode()];
      const began = Date.now();
      // Four changes every two milliseconds or so, for about half a second: votes arriving at two thousand a second.
      for (let round = 0; round < 250; round++) {
        for (let n = 0; n < 4; n++) a.events.changed('EVENT-BUSY');
        await sleep(2);
      }
      a.events.changed('EVENT-BUSY');
      const ended = Date.now();
      assert.equal(times(a, 'EVENT-BUSY'), 1001, 'every change is told to the viewers of the node that made it');
      await until('B hears of the burst after its last change', () =>
        b.heard.some((h) => h.id === 'EVENT-BUSY' && h.at >= ended),
      );
      a.events.changed('AFTER-THE-BURST');
      await until('B hears a change made after the burst', () => ids(b).includes('AFTER-THE-BURST'));
      const notifications = times(b, 'EVENT-BUSY');
      t.diagnostic(`${notifications} notifications for 1,001 changes over ${ended - began} ms`);
      assert.ok(
        notifications >= 2 && notifications <= 2 + Math.ceil((ended - began) / 100) * 2,
        `${notifications} notifications for 1,001 changes over ${ended - began} ms`,
      );
    } finally {
      await here.end();
    }
  },
);

test('a change in the window of one already sent is sent when the window ends, not dropped', postgresOnly, async () => {
  const here = await deploy();
  try {
    const [a, b] = [await here.startNode(), await here.startNode()];
    a.events.changed('EVENT-QUIET');
    await until('B hears the first change', () => times(b, 'EVENT-QUIET') === 1);
    // Within the 100 ms after the first was sent (hearing it takes a few): this one waits for the window's end.
    a.events.changed('EVENT-QUIET');
    await until('B hears the second change', () => times(b, 'EVENT-QUIET') === 2);
    a.events.changed('BARRIER');
    await until('B hears a later change', () => ids(b).includes('BARRIER'));
    assert.equal(times(b, 'EVENT-QUIET'), 2, 'and nothing more');
  } finally {
    await here.end();
  }
});

test(
  'two thousand ids changed in one moment all arrive, in notifications under the payload limit',
  postgresOnly,
  async () => {
    const here = await deploy();
    try {
      const [a, b] = [await here.startNode(), await here.startNode()];
      const many = Array.from({ length: 2000 }, (_, n) => `P${randomBytes(8).toString('hex')}${n}`);
      for (const id of many) a.events.changed(id);
      await until('B hears all two thousand', () => b.heard.length === many.length);
      assert.deepEqual(new Set(ids(b)), new Set(many));
      assert.deepEqual(a.errors, []);
    } finally {
      await here.end();
    }
  },
);

test(
  'when the listening connections are killed, the nodes say so, listen again, and hear later changes',
  postgresOnly,
  async () => {
    const here = await deploy();
    try {
      const [a, b] = [await here.startNode(), await here.startNode()];
      const before = await listeners(here.store, here.schema.name);
      assert.equal(before.length, 2, 'one listening session per node');
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where pid in (${sql.join(before)})`.execute(
        here.store.db,
      );

      await until('both nodes report the lost connection', () => a.errors.length > 0 && b.errors.length > 0);
      assert.match(b.errors[0].message, /not hearing other nodes' changes \(.*terminat.*\); listening again in \d+ ms/);
      await until('both nodes listen again', () => a.relay.listening && b.relay.listening);
      const after = await listeners(here.store, here.schema.name);
      assert.equal(after.length, 2);
      assert.ok(
        after.every((pid) => !before.includes(pid)),
        'in new sessions',
      );

      a.events.changed('AFTER-RECONNECT');
      await until('B hears A again', () => ids(b).includes('AFTER-RECONNECT'));
      b.events.changed('AND-BACK');
      await until('A hears B again', () => ids(a).includes('AND-BACK'));
    } finally {
      await here.end();
    }
  },
);

test(
  'a closed relay sends the change that waited for its window, then nothing more, and leaves no session behind',
  postgresOnly,
  async () => {
    const here = await deploy();
    try {
      const [a, b, c] = [await here.startNode(), await here.startNode(), await here.startNode()];
      a.events.changed('LAST-WORDS');
      await until('B hears the change', () => times(b, 'LAST-WORDS') === 1);
      a.events.changed('LAST-WORDS');
      await a.relay.close();
      await until('B hears the change made just before A closed', () => times(b, 'LAST-WORDS') === 2);

      a.events.changed('AFTER-CLOSE');
      c.events.changed('BARRIER');
      await until('B hears C', () => ids(b).includes('BARRIER'));
      assert.ok(!ids(b).includes('AFTER-CLOSE'), 'a closed relay sends nothing');
      await until(
        "A's listening session ends",
        async () => (await listeners(here.store, here.schema.name)).length === 2,
      );
    } finally {
      await here.end();
    }
  },
);

test(
  'a vote cast on one server reaches the live event viewers of another server before that server polls',
  postgresOnly,
  async (t) => {
    const schema = await createTestSchema();
    // The nodes of a deployment share their keys; here the second finds the first one's in the shared data folder.
    const dataDir = mkdtempSync(join(tmpdir(), 'veche-nodes-'));
    const env = {
      DATABASE_URL: schema.url,
      VECHE_DATA: dataDir,
      LOG_LEVEL: 'silent',
      VECHE_POW_MAX: '0',
      VECHE_RATE_LIMITS: 'off',
    };
    const servers: RunningApp[] = [];
    try {
      servers.push(await startApp(readConfig(env), { listen: false, jobs: false }));
      servers.push(await startApp(readConfig(env), { listen: false, jobs: false }));
      const [a, b] = servers.map((server) => server.app);
      const organiser = {
        id: await insertAccount(a.store.db, {
          login: 'olena',
          displayName: 'Olena',
          role: 'organiser',
          passwordHash: 'none',
          createdAt: Date.now(),
        }),
        role: 'organiser' as const,
      };
      const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
      const code = await createEvent(a, organiser, {
        title: 'Town hall with the regional governor',
        addressee: 'The governor',
        description: 'Questions about roads.',
        language: 'en',
        timeZone: 'UTC',
        startsAt: minute(Date.now() - 3600_000),
        endsAt: minute(Date.now() + 86_400_000),
        moderation: 'after',
        anonymousAllowed: 'on',
        maxLength: '300',
      });
      const asked = await askQuestion(a, code, {
        text: 'When will the road to the district hospital be repaired?',
        anyway: '1',
      });
      assert.equal(asked.kind, 'asked');

      const seen: { votes: number; at: number }[] = [];
      const watched = Date.now();
      const watching = await b.eventLive.watch(code, (_bytes, frame) =>
        seen.push({ votes: frame.snapshot.counts.votes, at: Date.now() }),
      );
      assert.equal(watching?.latest.snapshot.counts.votes, 0);
      const voted = Date.now();
      await castVote(a, code, (asked as { question: string }).question, randomBytes(32).toString('base64url'));
      await until("B's viewers see the vote cast on A", () => seen.some((state) => state.votes === 1));
      const at = seen.find((state) => state.votes === 1)!.at;
      t.diagnostic(`seen on B ${at - voted} ms after the vote on A`);
      // B reads a watched event by itself only once a second; sooner means A's relay told it.
      assert.ok(at - watched < 1000, `seen ${at - watched} ms after B began watching: that is B's poll, not the relay`);
      watching!.stop();
    } finally {
      for (const server of servers) await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await schema.drop();
    }
  },
);
