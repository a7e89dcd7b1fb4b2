import { fromHex } from './bytes.ts';

// Published test vectors for the Merkle tree, shared by the tests of merkle.ts, proofs.ts and tiles.ts.

/** RFC_LEAVES are the eight RFC 6962 test entries (transparency-dev/merkle testonly/constants.go). */
export const RFC_LEAVES: readonly Uint8Array[] = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);

/** RFC_ROOTS are the hex roots of the first 1 to 8 of RFC_LEAVES. */
export const RFC_ROOTS: readonly string[] = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** InclusionVector is one inclusion case; hashes are base64, as in transparency-dev/merkle testdata/inclusion. */
export interface InclusionVector {
  name: string;
  index: number;
  size: number;
  root: string;
  leafHash: string;
  proof: string[];
  valid: boolean;
}

/** ConsistencyVector is one consistency case, as in transparency-dev/merkle testdata/consistency. */
export interface ConsistencyVector {
  name: string;
  oldSize: number;
  newSize: number;
  oldRoot: string;
  newRoot: string;
  proof: string[];
  valid: boolean;
}

const L0 = 'bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=';
const R8 = 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=';
const R6 = 'duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=';
const R5 = 'Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=';
const EMPTY = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
const RANDOM = 'q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=';
const SINGLE = 'DTrtAjFI/9KiWfvQzcf7PPl1ZYdg03dbgq9vkKrMLfw=';
const DONT_CARE_1 = 'ZG9uJ3QgY2FyZSAx';
const DONT_CARE_2 = 'ZG9uJ3QgY2FyZSAy';

/** INCLUSION_VECTORS are the happy paths of testdata/inclusion/{0..4,single-entry} and the cases of .../additional. */
export const INCLUSION_VECTORS: readonly InclusionVector[] = [
  { name: 'inclusion/0', index: 0, size: 1, root: L0, leafHash: L0, proof: [], valid: true },
  {
    name: 'inclusion/1',
    index: 0,
    size: 8,
    root: R8,
    leafHash: L0,
    valid: true,
    proof: [
      'lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=',
      'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=',
      'a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=',
    ],
  },
  {
    name: 'inclusion/2',
    index: 5,
    size: 8,
    root: R8,
    leafHash: 'QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=',
    valid: true,
    proof: [
      'vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=',
      'yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=',
      '037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=',
    ],
  },
  {
    name: 'inclusion/3',
    index: 2,
    size: 3,
    root: 'rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=',
    valid: true,
    leafHash: 'ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=',
    proof: ['+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU='],
  },
  {
    name: 'inclusion/4',
    index: 1,
    size: 5,
    root: R5,
    leafHash: 'lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=',
    valid: true,
    proof: [L0, 'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=', 'vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms='],
  },
  {
    name: 'single-entry/matching-root-and-leaf',
    index: 0,
    size: 1,
    root: SINGLE,
    leafHash: SINGLE,
    proof: [],
    valid: true,
  },
  { name: 'single-entry/empty-leaf', index: 0, size: 1, root: SINGLE, leafHash: '', proof: [], valid: false },
  { name: 'single-entry/empty-root', index: 0, size: 1, root: '', leafHash: SINGLE, proof: [], valid: false },
  { name: 'single-entry/empty-root-and-leaf', index: 0, size: 1, root: '', leafHash: '', proof: [], valid: false },
  ...[
    [0, 0],
    [0, 1],
    [1, 0],
    [2, 1],
  ].flatMap(([index, size], i): InclusionVector[] => [
    {
      name: `additional/${i}/empty-root-and-random-leaf`,
      index,
      size,
      root: EMPTY,
      leafHash: RANDOM,
      proof: [],
      valid: false,
    },
    { name: `additional/${i}/empty-root`, index, size, root: EMPTY, leafHash: '', proof: [], valid: false },
    { name: `additional/${i}/random-leaf`, index, size, root: '', leafHash: RANDOM, proof: [], valid: false },
  ]),
];

/** CONSISTENCY_VECTORS are the happy paths of testdata/consistency/{0..4} and the cases of .../additional. */
export const CONSISTENCY_VECTORS: readonly ConsistencyVector[] = [
  { name: 'consistency/0', oldSize: 1, newSize: 1, oldRoot: L0, newRoot: L0, proof: [], valid: true },
  {
    name: 'consistency/1',
    oldSize: 1,
    newSize: 8,
    oldRoot: L0,
    newRoot: R8,
    valid: true,
    proof: [
      'lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=',
      'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=',
      'a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=',
    ],
  },
  {
    name: 'consistency/2',
    oldSize: 6,
    newSize: 8,
    oldRoot: R6,
    newRoot: R8,
    valid: true,
    proof: [
      'DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=',
      'yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=',
      '037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=',
    ],
  },
  {
    name: 'consistency/3',
    oldSize: 2,
    newSize: 5,
    oldRoot: '+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=',
    newRoot: R5,
    valid: true,
    proof: ['Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=', 'vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms='],
  },
  {
    name: 'consistency/4',
    oldSize: 6,
    newSize: 7,
    oldRoot: R6,
    newRoot: '3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=',
    valid: true,
    proof: [
      'DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=',
      'sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=',
      '037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=',
    ],
  },
  {
    name: 'empty tree (size1 is zero) is useless',
    oldSize: 0,
    newSize: 1,
    oldRoot: EMPTY,
    newRoot: EMPTY,
    proof: [EMPTY],
    valid: false,
  },
  {
    name: 'roots differ, sizes zero',
    oldSize: 0,
    newSize: 0,
    oldRoot: EMPTY,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'roots differ, sizes one',
    oldSize: 1,
    newSize: 1,
    oldRoot: EMPTY,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'size1 > size2 again',
    oldSize: 2,
    newSize: 1,
    oldRoot: DONT_CARE_1,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'size1 > size2',
    oldSize: 1,
    newSize: 0,
    oldRoot: DONT_CARE_1,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'size1 zero, not size2',
    oldSize: 0,
    newSize: 1,
    oldRoot: DONT_CARE_1,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'size1 zero, size2 not',
    oldSize: 0,
    newSize: 1,
    oldRoot: EMPTY,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'sizes equal (one), proof empty',
    oldSize: 1,
    newSize: 1,
    oldRoot: DONT_CARE_2,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: true,
  },
  {
    name: 'sizes equal (one), roots not',
    oldSize: 1,
    newSize: 1,
    oldRoot: DONT_CARE_1,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'sizes equal (zero), proof empty',
    oldSize: 0,
    newSize: 0,
    oldRoot: DONT_CARE_1,
    newRoot: DONT_CARE_1,
    proof: [],
    valid: false,
  },
  {
    name: 'sizes equal (zero), roots not',
    oldSize: 0,
    newSize: 0,
    oldRoot: DONT_CARE_1,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'sizes differ, proof empty',
    oldSize: 1,
    newSize: 2,
    oldRoot: DONT_CARE_1,
    newRoot: DONT_CARE_2,
    proof: [],
    valid: false,
  },
  {
    name: 'sizes one, proof not empty',
    oldSize: 1,
    newSize: 1,
    oldRoot: EMPTY,
    newRoot: EMPTY,
    proof: [EMPTY],
    valid: false,
  },
  {
    name: 'sizes zero, proof not empty',
    oldSize: 0,
    newSize: 0,
    oldRoot: EMPTY,
    newRoot: EMPTY,
    proof: [EMPTY],
    valid: false,
  },
];
