import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** openSqliteDatabase opens a node:sqlite database tuned for one writer process, shaped for Kysely's SqliteDialect. */
export function openSqliteDatabase(path: string): SqliteDatabase & { raw: DatabaseSync } {
  const db = new DatabaseSync(path, { timeout: 5000 });
  // WAL with synchronous=NORMAL survives a killed process (the promise we make), not a power cut.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;',
  );
  db.exec('PRAGMA cache_size = -16000');
  const statements = new Map<string, SqliteStatement>();
  return {
    raw: db,
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = wrapStatement(db.prepare(sql));
        if (statements.size > 500) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function wrapStatement(statement: StatementSync): SqliteStatement {
  statement.setReadBigInts(false);
  const reader = statement.columns().length > 0;
  return {
    reader,
    all: (parameters) => statement.all(...(parameters as never[])),
    run: (parameters) => statement.run(...(parameters as never[])),
    iterate: (parameters) => statement.iterate(...(parameters as never[])),
  };
}
