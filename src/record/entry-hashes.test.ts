import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventTextHash, petitionTextHash, questionTextHash, responseHash } from './entry-hashes.ts';

// The expected values were computed apart from this code, with Python's hashlib and json (ensure_ascii=False,
// separators=(',', ':')): a change to how a text is hashed would make every recorded hash unverifiable, so it fails here.

test('a petition text hash is the SHA-256 of the JSON array [title, addressee, text]', () => {
  assert.equal(
    petitionTextHash('Верните наших мужей', 'Міністерству "оборони"', 'Text\nwith lines \u2028 and \\ marks'),
    'd4878097fb15a21690857367ffcb761560f1682a81cfb5670e293d59ffd4c9e4',
  );
});

test('an event text hash is the SHA-256 of the JSON array [title, addressee, description]', () => {
  assert.equal(
    eventTextHash('Міська рада відповідає', 'The "council"', 'Ask\nanything \u2028 \\'),
    'c0828c076e665b991a96a0b8bd25344c92c38976ff3b9b52fde58cc899845a82',
  );
});

test('a question and a response are hashed as their UTF-8', () => {
  assert.equal(
    questionTextHash('Коли відремонтують школу №3? 🏫'),
    '5ae312f738f754d202caeb8255e099c6bc9769a971f92e5a84a0f19669073cf7',
  );
  assert.equal(responseHash('Ответ получен.'), '8acba106796bd99678b3d3af667684649571c7400afef2355c8ba1544f9fc960');
});
