// What a seizer looks for: every form an IP address or an email address can take in bytes (text, case, expanded and
// compressed IPv6, IPv4 mapped into IPv6, the raw bytes of an IPv6, hex, base64 at each alignment, percent-escaped),
// and where to look: every file under a folder, a PostgreSQL schema dumped as text, and every sealed value a database
// holds, opened with the server's key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openText } from '../../src/crypto/email-cipher.ts';
import type { Database } from '../../src/store/schema.ts';
import pg from 'pg';
import { Secret } from 'otpauth';

/** Needle is one form of a secret, as bytes, and what it is called in a finding; a caseless one matches in any ASCII case. */
export interface Needle {
  label: string;
  bytes: Buffer;
  caseless?: boolean;
}

/** Finding is a needle found in a place. */
export interface Finding {
  place: string;
  label: string;
}

const text = (label: string, value: string): Needle => ({ label, bytes: Buffer.from(value, 'utf8') });
const caseless = (label: string, value: string): Needle => ({
  label,
  bytes: Buffer.from(value.toLowerCase(), 'utf8'),
  caseless: true,
});

/** expandIpv6 writes an IPv6 address as eight groups of four hex digits. */
export function expandIpv6(address: string): string[] {
  let groups: string[];
  if (address.includes('::')) {
    const [head, tail] = address.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  } else {
    groups = address.split(':');
  }
  if (groups.length !== 8) throw new Error(`not a plain IPv6 address: ${address}`);
  return groups.map((g) => g.padStart(4, '0').toLowerCase());
}

/** compressIpv6 writes an IPv6 address in its canonical short form (RFC 5952), as URL does. */
export function compressIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** base64Forms are the base64 (and base64url) texts that hold `value` in the clear wherever it sits in the encoded bytes. */
function base64Forms(value: Buffer): string[] {
  const forms = new Set<string>();
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), value]).toString('base64');
    // The characters that mix in the bytes before (the first group when shifted) or after (the last group) are cut.
    const core = encoded.slice(shift === 0 ? 0 : 4, -4).replace(/=+$/, '');
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/** encodings are the hex and base64 forms of a secret's bytes. */
function encodings(label: string, value: string): Needle[] {
  const bytes = Buffer.from(value, 'utf8');
  return [
    text(`${label} (hex)`, bytes.toString('hex')),
    text(`${label} (HEX)`, bytes.toString('hex').toUpperCase()),
    ...base64Forms(bytes).map((form) => text(`${label} (base64)`, form)),
  ];
}

/** ipNeedles are the forms of an IP address: as written, IPv4 mapped into IPv6, IPv6 expanded, compressed and raw, hex. */
export function ipNeedles(address: string): Needle[] {
  const needles: Needle[] = [];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) {
    const octets = address.split('.').map(Number);
    const hex = Buffer.from(octets).toString('hex');
    needles.push(text(address, address), caseless(`${address} mapped`, `::ffff:${address}`));
    needles.push(
      caseless(
        `${address} mapped hex`,
        `::ffff:${hex.slice(0, 4).replace(/^0+/, '')}:${hex.slice(4).replace(/^0+/, '')}`,
      ),
    );
    needles.push(text(`${address} as a number`, String(octets.reduce((n, o) => n * 256 + o, 0))));
    needles.push(text(`${address} (hex)`, hex), text(`${address} (HEX)`, hex.toUpperCase()));
    return needles;
  }
  const groups = expandIpv6(address);
  const compressed = compressIpv6(address);
  const expanded = groups.join(':');
  for (const form of new Set([address, compressed, expanded, groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':')]))
    needles.push(caseless(address, form));
  needles.push({ label: `${address} (raw bytes)`, bytes: Buffer.from(groups.join(''), 'hex') });
  needles.push(text(`${address} (hex)`, groups.join('')), text(`${address} (HEX)`, groups.join('').toUpperCase()));
  // A rate limit may key an IPv6 address by its /64: that prefix is as personal as the address.
  const prefix = compressIpv6(`${groups.slice(0, 4).join(':')}::`);
  needles.push(caseless(`${address} /64`, `${prefix}/64`), caseless(`${address} /64`, groups.slice(0, 4).join(':')));
  return needles;
}

/**
 * emailNeedles are the forms of an email address: in any case (mail software lowers the domain and keeps the local
 * part), percent-escaped, and as hex and base64 of the usual casings.
 */
export function emailNeedles(address: string): Needle[] {
  const [local, domain] = address.split('@');
  const forms = new Set([address, address.toLowerCase(), address.toUpperCase(), `${local}@${domain.toLowerCase()}`]);
  const needles: Needle[] = [caseless(address, address), caseless(`${address} (escaped)`, encodeURIComponent(address))];
  for (const form of forms) needles.push(...encodings(address, form));
  return needles;
}

/**
 * secondFactorNeedles are the forms of a two-step sign-in secret (base32, as the set-up page shows it) and of recovery
 * codes: the text in any case (the `otpauth://` link carries it as it is), in the page's groups of four, the code
 * without its dash, the secret's raw bytes, and hex and base64 of each.
 */
export function secondFactorNeedles(secret: string, recoveryCodes: string[]): Needle[] {
  const raw = Buffer.from(Secret.fromBase32(secret).bytes);
  const needles: Needle[] = [
    caseless('the two-step secret', secret),
    caseless('the two-step secret (grouped)', secret.replace(/(.{4})(?=.)/g, '$1 ')),
    { label: 'the two-step secret (raw bytes)', bytes: raw },
    ...encodings('the two-step secret', secret),
    text('the two-step secret (raw, hex)', raw.toString('hex')),
    text('the two-step secret (raw, HEX)', raw.toString('hex').toUpperCase()),
    ...base64Forms(raw).map((form) => text('the two-step secret (raw, base64)', form)),
  ];
  for (const code of recoveryCodes) {
    needles.push(
      caseless(`recovery code ${code}`, code),
      caseless(`recovery code ${code}`, code.replace('-', '')),
      ...encodings(`recovery code ${code}`, code),
    );
  }
  return needles;
}

/** filesUnder lists every file under a folder, however deep. */
export function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

/** search returns the needles found in some bytes, with the place named. */
export function search(place: string, haystack: Buffer, needles: Needle[]): Finding[] {
  const found = new Map<string, Finding>();
  // ASCII letters lowered, every other byte kept, so that positions and binary data are as they were.
  const lowered = Buffer.from(haystack.map((byte) => (byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte)));
  for (const needle of needles) {
    if ((needle.caseless ? lowered : haystack).includes(needle.bytes) && !found.has(needle.label))
      found.set(needle.label, { place, label: needle.label });
  }
  return [...found.values()];
}

/** searchFolder searches every file under a folder (read now, as bytes). */
export function searchFolder(dir: string, needles: Needle[], skip: (path: string) => boolean = () => false): Finding[] {
  return filesUnder(dir)
    .filter((file) => !skip(relative(dir, file)))
    .flatMap((file) => search(relative(dir, file), readFileSync(file), needles));
}

/** tableNames lists the tables of the store: SQLite's own, or the PostgreSQL connection's schema. */
async function tableNames(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * dumpSchema writes every row of every table of a PostgreSQL schema as text (the row literal: bytea as \x…hex), over a
 * connection of its own, so that it can be read after the server stopped.
 */
export async function dumpSchema(url: string): Promise<{ text: string; tables: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        'select table_name as name from information_schema.tables where table_schema = current_schema()',
      )
    ).rows.map((r) => r.name);
    const parts: string[] = [];
    for (const table of tables) {
      const rows = await client.query<{ row: string }>(`select t::text as row from "${table.replaceAll('"', '""')}" t`);
      parts.push(`-- ${table}\n${rows.rows.map((r) => r.row).join('\n')}`);
    }
    return { text: parts.join('\n'), tables };
  } finally {
    await client.end();
  }
}

/** openSealed finds every sealed value (`v1.iv.data.tag`) in every table and opens it with the key, or says it could not. */
export async function openSealed(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  key: Buffer,
): Promise<{ table: string; plain: string }[]> {
  const opened: { table: string; plain: string }[] = [];
  for (const table of await tableNames(db, dialect)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    for (const row of rows.rows) {
      for (const value of Object.values(row)) {
        if (typeof value !== 'string' || !/^v1\.[\w-]+\.[\w-]*\.[\w-]+$/.test(value)) continue;
        try {
          opened.push({ table, plain: openText(key, value) });
        } catch {
          opened.push({ table, plain: '(could not be opened)' });
        }
      }
    }
  }
  return opened;
}
