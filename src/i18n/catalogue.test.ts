import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import {
  parse,
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { catalogues, type Messages } from './messages/index.ts';

type Language = keyof typeof catalogues;
const translations = (Object.keys(catalogues) as Language[]).filter((language) => language !== 'en');
const slavic: Language[] = ['ru', 'uk'];

/** What kind of value an argument takes: numbers and plurals both take a number, dates and times a date. */
type Kind = 'text' | 'number' | 'date' | 'select';

/** argumentsOf walks a parsed message, plural and select branches and tags included, and names each argument's kind. */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, Set<Kind>>()): Map<string, Set<Kind>> {
  const add = (name: string, kind: Kind) => {
    if (!found.has(name)) found.set(name, new Set());
    found.get(name)!.add(kind);
  };
  for (const element of elements) {
    if (isArgumentElement(element)) add(element.value, 'text');
    else if (isNumberElement(element)) add(element.value, 'number');
    else if (isDateElement(element) || isTimeElement(element)) add(element.value, 'date');
    else if (isPluralElement(element) || isSelectElement(element)) {
      add(element.value, isPluralElement(element) ? 'number' : 'select');
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    } else if (isTagElement(element)) {
      add(element.value, 'text');
      argumentsOf(element.children, found);
    }
  }
  return found;
}

/** pluralsOf lists every cardinal plural in a parsed message, nested ones included. */
function pluralsOf(elements: MessageFormatElement[]): { name: string; branches: string[] }[] {
  const found: { name: string; branches: string[] }[] = [];
  for (const element of elements) {
    if (isPluralElement(element) || isSelectElement(element)) {
      if (isPluralElement(element) && element.pluralType === 'cardinal')
        found.push({ name: element.value, branches: Object.keys(element.options) });
      for (const option of Object.values(element.options)) found.push(...pluralsOf(option.value));
    } else if (isTagElement(element)) found.push(...pluralsOf(element.children));
  }
  return found;
}

function describe(args: Map<string, Set<Kind>>): Record<string, string> {
  return Object.fromEntries(
    [...args].map(([name, kinds]) => [name, [...kinds].sort().join('+')]).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** sample gives each argument a value of its kind, to format a message once. */
function sample(args: Map<string, Set<Kind>>): Record<string, string | number | Date> {
  const values: Record<string, string | number | Date> = {};
  for (const [name, kinds] of args)
    values[name] = kinds.has('date') ? new Date(Date.UTC(2025, 2, 12, 14, 30)) : kinds.has('number') ? 3 : 'x';
  return values;
}

const areaFiles = readdirSync(new URL('./messages/en/', import.meta.url))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .sort();

async function area(language: Language, file: string): Promise<Messages> {
  const module = (await import(new URL(`./messages/${language}/${file}`, import.meta.url).href)) as {
    default: Messages;
  };
  return module.default;
}

test('every language has exactly the keys of English', () => {
  const english = Object.keys(catalogues.en).sort();
  assert.ok(english.length > 0);
  for (const language of translations) {
    const keys = Object.keys(catalogues[language]).sort();
    assert.deepEqual(
      english.filter((key) => !keys.includes(key)),
      [],
      `${language} lacks these keys`,
    );
    assert.deepEqual(
      keys.filter((key) => !english.includes(key)),
      [],
      `${language} has keys English does not`,
    );
  }
});

test('every area file of every language has exactly the keys of the English area file', async () => {
  for (const file of areaFiles) {
    const english = Object.keys(await area('en', file)).sort();
    for (const language of translations) {
      let translated: Messages;
      try {
        translated = await area(language, file);
      } catch (error) {
        assert.fail(`${language}/${file} is missing or does not load: ${String(error)}`);
      }
      assert.deepEqual(Object.keys(translated).sort(), english, `${language}/${file}`);
    }
  }
});

test('every message compiles and formats in its language', () => {
  for (const language of Object.keys(catalogues) as Language[]) {
    for (const [key, message] of Object.entries(catalogues[language])) {
      let format: IntlMessageFormat;
      try {
        format = new IntlMessageFormat(message, language);
      } catch (error) {
        assert.fail(`${language} ${key} does not compile: ${String(error)}`);
      }
      const text = String(format.format(sample(argumentsOf(parse(message)))));
      assert.ok(text.trim().length > 0, `${language} ${key} formats to nothing`);
    }
  }
});

test('every translation uses the same arguments as English, of the same kind', () => {
  for (const [key, message] of Object.entries(catalogues.en)) {
    const english = describe(argumentsOf(parse(message)));
    for (const language of translations) {
      const translated = catalogues[language][key];
      if (translated === undefined) continue;
      assert.deepEqual(describe(argumentsOf(parse(translated))), english, `${language} ${key}`);
    }
  }
});

test('Russian and Ukrainian plurals have the one, few, many and other branches', () => {
  let plurals = 0;
  for (const language of slavic) {
    for (const [key, message] of Object.entries(catalogues[language])) {
      for (const plural of pluralsOf(parse(message))) {
        plurals++;
        for (const branch of ['one', 'few', 'many', 'other']) {
          assert.ok(
            plural.branches.includes(branch),
            `${language} ${key}: {${plural.name}, plural} has no "${branch}" branch`,
          );
        }
      }
    }
  }
  assert.ok(plurals > 0, 'no plural was checked');
});

test('Russian and Ukrainian plurals choose the right word for 1, 2, 5, 11 and 21', () => {
  const forms = (language: Language, count: number) =>
    new IntlMessageFormat(catalogues[language]['common.signatures'], language).format({ count });
  assert.deepEqual(
    [1, 2, 5, 11, 21].map((n) => forms('ru', n)),
    ['1 подпись', '2 подписи', '5 подписей', '11 подписей', '21 подпись'],
  );
  assert.deepEqual(
    [1, 2, 5, 11, 21].map((n) => forms('uk', n)),
    ['1 підпис', '2 підписи', '5 підписів', '11 підписів', '21 підпис'],
  );
});

test('Ukrainian contains none of the letters ы, э, ъ, ё', () => {
  for (const [key, message] of Object.entries(catalogues.uk)) {
    assert.doesNotMatch(message, /[ыэъёЫЭЪЁ]/, `uk ${key}`);
  }
});

test('Russian and Ukrainian use «» quotes and the typographic apostrophe, never ASCII quotes', () => {
  for (const language of slavic) {
    for (const [key, message] of Object.entries(catalogues[language])) {
      // An ASCII apostrophe is ICU's escape character, and "…" or “…” are not Russian or Ukrainian quotes.
      assert.doesNotMatch(message, /['"“”„]/, `${language} ${key}`);
    }
  }
});

test('emails keep the line structure of English', () => {
  for (const [key, message] of Object.entries(catalogues.en)) {
    if (!key.startsWith('mail.') || !message.includes('\n')) continue;
    const shape = (text: string) =>
      text
        .split('\n')
        .map((line) => (line.trim() === '' ? '' : 'x'))
        .join('\n');
    for (const language of translations) {
      assert.equal(shape(catalogues[language][key]), shape(message), `${language} ${key}`);
    }
  }
});

test('no key is in two area files: the later file would silently replace the earlier one’s message', async () => {
  for (const language of Object.keys(catalogues) as Language[]) {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of areaFiles) {
      for (const key of Object.keys(await area(language, file))) {
        if (seen.has(key)) twice.push(`${language} ${key}: ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
    }
    assert.deepEqual(twice, []);
  }
});
