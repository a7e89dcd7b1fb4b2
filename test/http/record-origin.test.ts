import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.ts';
import { startApp } from '../../src/start-app.ts';

async function checkpointOrigin(env: Record<string, string>): Promise<string> {
  const running = await startApp(readConfig({ LOG_LEVEL: 'silent', ...env }), { listen: false, jobs: false });
  try {
    return (await running.server.inject({ url: '/log/checkpoint' })).body.split('\n')[0];
  } finally {
    await running.stop();
  }
}

test('a record keeps the origin it started with when the server moves to another port or address', async () => {
  const data = mkdtempSync(join(tmpdir(), 'veche-origin-'));
  try {
    assert.equal(await checkpointOrigin({ VECHE_DATA: data, PORT: '3000' }), 'localhost:3000');
    assert.equal(await checkpointOrigin({ VECHE_DATA: data, PORT: '4000' }), 'localhost:3000');
    assert.equal(
      await checkpointOrigin({ VECHE_DATA: data, VECHE_PUBLIC_URL: 'https://petitions.example.org' }),
      'localhost:3000',
    );
    await assert.rejects(
      checkpointOrigin({ VECHE_DATA: data, VECHE_LOG_ORIGIN: 'petitions.example.org' }),
      /another key or origin/,
      'an explicit origin that differs is another log, and is refused',
    );
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
