// Small 32-bit hashes written here rather than taken from a package: the npm ones either hash bytes (so every string
// would first be UTF-8 encoded, an allocation per shingle) or return strings or BigInts. These work on UTF-16 code
// units and return a uint32 number, which is what Uint32Array signatures and band keys need.

/** fnv1a32 hashes a string's UTF-16 code units with FNV-1a, then mixes the result so that every bit avalanches. */
export function fnv1a32(text: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** mix32 is MurmurHash3's 32-bit finaliser: a bijection on uint32 whose output bits each depend on every input bit. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
