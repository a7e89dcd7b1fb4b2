/**
 * columnsOf turns a change to a domain object into the columns to set: each field renamed by `names` and, where
 * `encode` says, converted (a list to JSON, a flag to 0 or 1). Fields left out of the change are left out.
 */
export function columnsOf<T extends object>(
  change: Partial<T>,
  names: { [K in keyof T]: string },
  encode: { [K in keyof T]?: (value: T[K]) => unknown } = {},
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const key of Object.keys(change) as (keyof T)[]) {
    const value = change[key];
    if (value === undefined) continue;
    const convert = encode[key];
    columns[names[key]] = convert ? convert(value as T[keyof T]) : value;
  }
  return columns;
}

/** flag stores a boolean as the 0 or 1 both databases keep. */
export function flag(value: boolean): number {
  return value ? 1 : 0;
}

/** numberOrNull reads a nullable numeric column (PostgreSQL's bigint arrives as a number through open-store's parser). */
export function numberOrNull(value: number | string | bigint | null): number | null {
  return value === null ? null : Number(value);
}
