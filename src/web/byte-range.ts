/** ByteRange is the part of a file a request asks for: `start` to `end`, both counted in, from zero. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * byteRange reads a Range header for a file of `size` bytes (SPEC: RFC 9110 §14.1.2): one range, `a-b`, `a-` or the
 * last `-n` bytes. Null means "send the whole file" (no header, a unit other than bytes, several ranges, or nonsense,
 * which §14.2 lets a server ignore); 'unsatisfiable' means a 416.
 */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
