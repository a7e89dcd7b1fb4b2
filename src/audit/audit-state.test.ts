import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultStatePath, readState, writeState } from './audit-state.ts';
import { ProgressBar } from './progress-bar.ts';

test("the state file lives under XDG_CONFIG_HOME, else ~/.config, named after the record's origin", () => {
  assert.equal(defaultStatePath('veche.example', { XDG_CONFIG_HOME: '/xdg' }), '/xdg/veche-audit/veche.example.json');
  assert.equal(
    defaultStatePath('127.0.0.1:3000', { HOME: '/home/olena' }),
    '/home/olena/.config/veche-audit/127.0.0.1_3000.json',
  );
  assert.equal(
    defaultStatePath('example.org/veche/kyiv', { HOME: '/h' }),
    '/h/.config/veche-audit/example.org_veche_kyiv.json',
  );
  assert.equal(defaultStatePath('../..', { HOME: '/h' }), '/h/.config/veche-audit/_._...json');
  assert.match(
    defaultStatePath('x'.repeat(300), { HOME: '/h' }),
    /^\/h\/\.config\/veche-audit\/x{90}-[0-9a-f]{8}\.json$/,
  );
});

test('a saved state reads back, readable by its owner only', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'veche-state-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'deeper', 'state.json');
  assert.equal(readState(path), null);
  const state = {
    version: 1 as const,
    origin: 'veche.example',
    key: 'veche.example+1a2b3c4d+AQ==',
    checkpoint: 'veche.example\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— …\n',
    size: 0,
    root: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
  };
  writeState(path, state);
  assert.deepEqual(readState(path), state);
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('the progress bar draws only on a terminal', () => {
  let drawn = '';
  new ProgressBar({ isTTY: false, write: (text: string) => (drawn += text) }, 'entries').update(5, 10);
  assert.equal(drawn, '');
  const bar = new ProgressBar({ isTTY: true, columns: 100, write: (text: string) => (drawn += text) }, 'entries');
  bar.update(10, 10);
  assert.match(drawn, /^\r\[#+\] 100% 10\/10 entries · [\d,]+\/s\x1b\[K$/);
  bar.clear();
  assert.ok(drawn.endsWith('\r\x1b[K'));
});
