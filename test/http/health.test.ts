// Issue 12: a sequencer that could not write its tiles retried forever while the site served a record of size 0,
// and nothing said so. /healthz stays readiness (the database answers); /healthz/record tells whether this node keeps
// the public record, so a monitor can alert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from './support.ts';

test('a healthy node is ready and sequences the record', async () => {
  const t = await startTestApp();
  try {
    const ready = await t.server.inject({ url: '/healthz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.headers['cache-control'], 'no-store');
    assert.deepEqual(ready.json(), { status: 'ok', record: { state: 'sequencing', pending: 0 } });
    const record = await t.server.inject({ url: '/healthz/record' });
    assert.equal(record.statusCode, 200);
    assert.equal(record.json().state, 'sequencing');
  } finally {
    await t.stop();
  }
});

test('a node that cannot write its tiles stays ready but says the record is failing, without a path', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-health-'));
  // A file where the record's folder should be: every write under it fails with ENOTDIR.
  writeFileSync(join(dataDir, 'log'), 'not a folder');
  const t = await startTestApp({ VECHE_DATA: dataDir });
  try {
    await t.running.sequencer.tick().catch(() => {});
    const ready = await t.server.inject({ url: '/healthz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().record.state, 'failing');
    const record = await t.server.inject({ url: '/healthz/record' });
    assert.equal(record.statusCode, 503);
    const body = record.json();
    assert.equal(body.state, 'failing');
    assert.match(body.problem, /^E[A-Z]+$/);
    assert.ok(body.failingForSeconds >= 0);
    assert.doesNotMatch(record.body, new RegExp(dataDir.replaceAll('/', '\\/')));
  } finally {
    await t.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
