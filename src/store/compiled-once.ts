import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';
import { isPostgres } from './dialect-of.ts';

/** Slot is where one parameter of a compiled statement comes from: a named value, or a constant of the query. */
type Slot = { name: string } | { value: unknown };

interface Compiled<R> {
  query: CompiledQuery<R>;
  slots: Slot[];
}

/**
 * compiledOnce returns a runner for a statement that is built and compiled by Kysely once per dialect and then run
 * with each call's values, for the hot paths (a signature: its insert, its record entry, the petition's lock), where
 * building and compiling the same SQL again cost about a tenth of the server's time (docs/benchmarks.md, issue 12).
 * `build` is called once with a placeholder for each name; each placeholder MUST reach the SQL as exactly one
 * parameter (a value, a `where` operand), which is checked when it is compiled. Every value MUST be given (null, not
 * undefined): where Kysely would leave an undefined column out of an insert, a compiled statement cannot. On a
 * handle with Kysely plugins it builds the query each time, so the plugins see every query as they would have.
 */
export function compiledOnce<V extends Record<string, unknown>, R>(
  names: readonly (keyof V & string)[],
  build: (db: Kysely<Database>, values: V) => Compilable<R>,
): (db: Kysely<Database>, values: V) => Promise<QueryResult<R>> {
  let sqlite: Compiled<R> | null = null;
  let postgres: Compiled<R> | null = null;
  // async, so that a mistake (a missing value, a builder that does not fit) is a rejection like a database error.
  return async (db, values) => {
    // A handle with plugins (a test's fault-injecting one) changes queries as they are compiled and knows them by
    // their id: give it each query as Kysely builds it, with the values in place.
    if (db.getExecutor().plugins.length > 0) return db.executeQuery(build(db, values));
    const onPostgres = isPostgres(db);
    let compiled = onPostgres ? postgres : sqlite;
    if (!compiled) {
      compiled = compile(db, names, build);
      if (onPostgres) postgres = compiled;
      else sqlite = compiled;
    }
    const parameters = compiled.slots.map((slot) => {
      if (!('name' in slot)) return slot.value;
      const value = values[slot.name];
      if (value === undefined) throw new TypeError(`compiledOnce: no value for ${slot.name}`);
      return value;
    });
    return db.executeQuery<R>({ ...compiled.query, parameters });
  };
}

function compile<V extends Record<string, unknown>, R>(
  db: Kysely<Database>,
  names: readonly string[],
  build: (db: Kysely<Database>, values: V) => Compilable<R>,
): Compiled<R> {
  // A placeholder no caller's value can equal: a NUL, which neither database keeps in text, and the name.
  const placeholders = new Map(names.map((name) => [`\u0000compiled-once:${name}`, name]));
  const query = build(db, Object.fromEntries([...placeholders].map(([p, name]) => [name, p])) as V).compile();
  const slots: Slot[] = query.parameters.map((value) => {
    const name = typeof value === 'string' ? placeholders.get(value) : undefined;
    return name === undefined ? { value } : { name };
  });
  for (const name of names) {
    const uses = slots.filter((slot) => 'name' in slot && slot.name === name).length;
    if (uses !== 1) throw new TypeError(`compiledOnce: ${name} is ${uses} parameters of ${query.sql}, not one`);
  }
  return { query, slots };
}
